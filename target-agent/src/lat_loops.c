/*
 * The measurement loops. Server: MsgDeliverEvent() at absolute times.
 * Client: wakes, reads the clock, counts the sample. Before either loop
 * everything is allocated, touched and locked; inside, there is no I/O, no
 * allocation and no call but the wait, the clock read and the delivery.
 */
#include "lat_loops.h"

#include "compat.h"
#include "framing.h"
#include "lat_stats.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/neutrino.h>
#include <sys/siginfo.h>
#include <sys/syspage.h>
#include <time.h>
#include <unistd.h>

#define LAT_MAGIC       0x514c4154u     /* "QLAT" */
#define LAT_PULSE_CODE  (_PULSE_CODE_MINAVAIL + 7)
#define LAT_SIGNAL_CODE (SI_MINAVAIL + 7)
#define SETUP_TIMEOUT_NS 5000000000ull
#define CLOCK_READS      100000u
#define THREAD_STACK     (64 * 1024)

struct lat_msg {
	uint32_t        magic;
	uint32_t        kind;
	struct sigevent ev;
};

/* ---- shared by both sides ---- */

static uint64_t cycles_per_ms(void)
{
	return SYSPAGE_ENTRY(qtime)->cycles_per_sec / 1000u;
}

static void bound_next_call(int states, uint64_t ns)
{
	struct sigevent unblock;
	SIGEV_UNBLOCK_INIT(&unblock);
	TimerTimeout(CLOCK_MONOTONIC, states, &unblock, &ns, NULL);
}

static void timespec_add_us(struct timespec *t, uint32_t us)
{
	t->tv_nsec += (long)(us % 1000000u) * 1000L;
	t->tv_sec += us / 1000000u;
	if (t->tv_nsec >= 1000000000L) {
		t->tv_nsec -= 1000000000L;
		t->tv_sec++;
	}
}

/* Sleeps until the next period; counts a period the caller woke a whole interval late. */
static void pace(struct timespec *next, uint32_t interval_us, atomic_ullong *late)
{
	struct timespec now;
	if (interval_us == 0)
		return;
	timespec_add_us(next, interval_us);
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, next, NULL) == EINTR)
		;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if ((now.tv_sec - next->tv_sec) * 1000000000LL + (now.tv_nsec - next->tv_nsec) >
	    (long long)interval_us * 1000LL)
		atomic_fetch_add_explicit(late, 1, memory_order_relaxed);
}

/* Waits (yielding, then sleeping) until the client has taken `want` samples. */
static bool wait_done(struct lat_shared *sh, uint64_t want, uint64_t timeout_cycles)
{
	uint64_t start;
	unsigned spins = 0;
	if (atomic_load_explicit(&sh->done, memory_order_acquire) >= want)
		return true;
	start = ClockCycles();
	while (atomic_load_explicit(&sh->done, memory_order_acquire) < want) {
		if (++spins < 2000) {
			sched_yield();
		} else {
			struct timespec ts = { 0, 50000L };
			nanosleep(&ts, NULL);
		}
		if (ClockCycles() - start > timeout_cycles)
			return false;
	}
	return true;
}

/* ---- server ---- */

static void server_sendrecv(const struct lat_config *c, struct lat_shared *sh, int chid)
{
	uint64_t total = c->warmup + c->iterations;
	uint32_t buf[4];
	for (uint64_t i = 0; i < total; i++) {
		qhil_rcvid_t rcvid = MsgReceive(chid, buf, sizeof buf, NULL);
		if (rcvid <= 0) {
			lat_fail(&sh->server, OUT_BROKEN, "server: MsgReceive of message %llu: %s",
			         (unsigned long long)i, rcvid == 0 ? "a pulse" : strerror(errno));
			exit(1);
		}
		MsgReply(rcvid, 0, buf, sizeof buf[0]);
	}
	lat_fail(&sh->server, OUT_OK, "done");
	exit(0);
}

static void server_deliver(const struct lat_config *c, struct lat_shared *sh,
                           qhil_rcvid_t rcvid, const struct sigevent *ev)
{
	uint64_t total = c->warmup + c->iterations;
	uint64_t timeout = (uint64_t)c->timeout_ms * cycles_per_ms();
	struct timespec next;
	uint64_t start = ClockCycles();
	while (!atomic_load(&sh->client_ready)) {
		if (ClockCycles() - start > timeout) {
			lat_fail(&sh->server, OUT_BROKEN, "server: the client was not ready within %u ms",
			         c->timeout_ms);
			exit(1);
		}
		sched_yield();
	}
	clock_gettime(CLOCK_MONOTONIC, &next);
	for (uint64_t i = 0; i < total; i++) {
		pace(&next, c->interval_us, &sh->late_periods);
		if (atomic_load_explicit(&sh->done, memory_order_acquire) < i) {
			atomic_fetch_add_explicit(&sh->waited_for_client, 1, memory_order_relaxed);
			if (!wait_done(sh, i, timeout)) {
				lat_fail(&sh->server, OUT_BROKEN, "server: the client took no sample %llu "
				         "within %u ms of its delivery", (unsigned long long)i - 1, c->timeout_ms);
				exit(1);
			}
		}
		atomic_store_explicit(&sh->t0, ClockCycles(), memory_order_release);
		if (MsgDeliverEvent(rcvid, ev) == -1) {
			int e = errno;
			if (i == 0 && !c->registered && e == EACCES)
				lat_fail(&sh->server, OUT_UNSUPPORTED, "procnto refuses unregistered "
				         "events (EACCES): start it with -U to measure them");
			else
				lat_fail(&sh->server, OUT_BROKEN, "server: MsgDeliverEvent of sample %llu: %s",
				         (unsigned long long)i, strerror(e));
			exit(1);
		}
	}
	if (!wait_done(sh, total, timeout)) {
		lat_fail(&sh->server, OUT_BROKEN, "server: the client took no last sample within %u ms",
		         c->timeout_ms);
		exit(1);
	}
	lat_fail(&sh->server, OUT_OK, "done");
	exit(0);
}

void lat_server_main(const struct lat_config *c, struct lat_shared *sh, int chid_fd)
{
	struct lat_msg msg;
	qhil_rcvid_t rcvid;
	int chid;
	if (!lat_pin(&sh->server, c->cpu_server, "server") ||
	    !lat_schedule(&sh->server, c->policy, c->priority, "server"))
		exit(1);
	chid = ChannelCreate(0);
	if (chid == -1) {
		lat_fail(&sh->server, OUT_BROKEN, "server: ChannelCreate: %s", strerror(errno));
		exit(1);
	}
	if (write(chid_fd, &chid, sizeof chid) != (ssize_t)sizeof chid)
		exit(1);
	close(chid_fd);
	bound_next_call(_NTO_TIMEOUT_RECEIVE, SETUP_TIMEOUT_NS);
	rcvid = MsgReceive(chid, &msg, sizeof msg, NULL);
	if (rcvid <= 0 || msg.magic != LAT_MAGIC) {
		lat_fail(&sh->server, OUT_BROKEN, "server: no set-up message from the client: %s",
		         rcvid == -1 ? strerror(errno) : "wrong message");
		exit(1);
	}
	MsgReply(rcvid, 0, NULL, 0);
	if (!lat_lock_memory(&sh->server, "server"))
		exit(1);
	if (c->kind == LAT_SENDRECV)
		server_sendrecv(c, sh, chid);
	server_deliver(c, sh, rcvid, &msg.ev);
}

/* ---- client ---- */

static struct lat_stats stats;
static struct lat_shared *shared;
static uint64_t warmup, total;
static double ns_per_cycle;
static sem_t finished;
static atomic_uint memory_word;

/* The one place a sample is counted: t1 is the client's wake-up. */
static inline void take_sample(uint64_t t1)
{
	uint64_t i = atomic_load_explicit(&shared->done, memory_order_relaxed);
	uint64_t t0 = atomic_load_explicit(&shared->t0, memory_order_acquire);
	/* A counter read on another CPU may lag by a few cycles: never negative. */
	uint64_t ns = t1 > t0 ? (uint64_t)((double)(t1 - t0) * ns_per_cycle) : 0;
	if (i >= warmup)
		lat_stats_add(&stats, ns, (uint64_t)((double)t1 * ns_per_cycle));
	atomic_store_explicit(&shared->done, i + 1, memory_order_release);
}

static void on_thread_event(union sigval v)
{
	uint64_t t1 = ClockCycles();
	(void)v;
	take_sample(t1);
	if (atomic_load_explicit(&shared->done, memory_order_relaxed) == total)
		sem_post(&finished);
}

struct client_ctx {
	int             server_coid;
	int             chid;                   /* pulse: the client's own channel */
	sigset_t        sigs;
	pthread_attr_t  attr;
};

static bool make_event(const struct lat_config *c, struct client_ctx *x, struct sigevent *ev)
{
	struct lat_side *me = &shared->client;
	memset(ev, 0, sizeof *ev);
	switch (c->kind) {
	case LAT_PULSE: {
		int self_coid;
		x->chid = ChannelCreate(0);
		self_coid = x->chid == -1 ? -1 :
			ConnectAttach(QHIL_LOCAL_NODE, 0, x->chid, _NTO_SIDE_CHANNEL, 0);
		if (self_coid == -1) {
			lat_fail(me, OUT_BROKEN, "client: own channel: %s", strerror(errno));
			return false;
		}
		SIGEV_PULSE_INIT(ev, self_coid, SIGEV_PULSE_PRIO_INHERIT, LAT_PULSE_CODE, 0);
		break;
	}
	case LAT_SIGNAL:
		SIGEV_SIGNAL_CODE_INIT(ev, SIGRTMIN, 0, LAT_SIGNAL_CODE);
		break;
	case LAT_MEMORY:
		SIGEV_MEMORY_INIT(ev, (void *)&memory_word, 1, SIGEV_MEM_ADD);
		break;
	case LAT_THREAD:
		pthread_attr_init(&x->attr);
		pthread_attr_setstacksize(&x->attr, THREAD_STACK);
		if (c->policy != POLICY_INHERIT) {
			struct sched_param sp = { .sched_priority = c->priority };
			pthread_attr_setinheritsched(&x->attr, PTHREAD_EXPLICIT_SCHED);
			pthread_attr_setschedpolicy(&x->attr, c->policy == POLICY_FIFO ? SCHED_FIFO : SCHED_RR);
			pthread_attr_setschedparam(&x->attr, &sp);
		}
		SIGEV_THREAD_INIT(ev, on_thread_event, 0, &x->attr);
		break;
	case LAT_SENDRECV:
		SIGEV_NONE_INIT(ev);
		break;
	}
	if (c->registered && c->kind != LAT_SENDRECV &&
	    MsgRegisterEvent(ev, x->server_coid) == -1) {
		lat_fail(me, errno == EPERM ? OUT_UNSUPPORTED : OUT_BROKEN,
		         "client: MsgRegisterEvent(%s): %s", lat_kind_name(c->kind), strerror(errno));
		return false;
	}
	return true;
}

static void client_loop(const struct lat_config *c, struct client_ctx *x)
{
	struct _pulse pulse;
	siginfo_t si;
	struct timespec next;
	uint32_t buf = 0;
	unsigned expected = 0;
	switch (c->kind) {
	case LAT_PULSE:
		for (uint64_t i = 0; i < total; i++) {
			if (MsgReceivePulse(x->chid, &pulse, sizeof pulse, NULL) == -1)
				return;
			take_sample(ClockCycles());
		}
		break;
	case LAT_SIGNAL:
		for (uint64_t i = 0; i < total; i++) {
			if (sigwaitinfo(&x->sigs, &si) == -1) {
				i--;    /* EINTR: wait again */
				continue;
			}
			take_sample(ClockCycles());
		}
		break;
	case LAT_MEMORY:
		/* SIGEV_MEMORY wakes nobody: the client watches the word, yielding the CPU. */
		for (uint64_t i = 0; i < total; i++) {
			expected++;
			while (atomic_load_explicit(&memory_word, memory_order_acquire) != expected)
				sched_yield();
			take_sample(ClockCycles());
		}
		break;
	case LAT_THREAD:
		while (sem_wait(&finished) == -1 && errno == EINTR)
			;
		break;
	case LAT_SENDRECV:
		clock_gettime(CLOCK_MONOTONIC, &next);
		for (uint64_t i = 0; i < total; i++) {
			uint64_t t0;
			pace(&next, c->interval_us, &shared->late_periods);
			t0 = ClockCycles();
			atomic_store_explicit(&shared->t0, t0, memory_order_relaxed);
			if (MsgSend(x->server_coid, &buf, sizeof buf, &buf, sizeof buf) == -1)
				return;
			take_sample(ClockCycles());
		}
		break;
	}
}

void lat_client_main(const struct lat_config *c, struct lat_shared *sh,
                     pid_t server, int server_chid)
{
	struct client_ctx x;
	struct lat_msg msg;
	struct lat_clock clk;
	struct lat_server_report srv;
	memset(&x, 0, sizeof x);
	shared = sh;
	warmup = c->warmup;
	total = c->warmup + c->iterations;
	/* Before any thread exists, so that no thread takes the signal instead. */
	sigemptyset(&x.sigs);
	sigaddset(&x.sigs, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &x.sigs, NULL);
	if (!lat_pin(&sh->client, c->cpu_client, "client") ||
	    !lat_schedule(&sh->client, c->policy, c->priority, "client"))
		exit(1);
	if (!lat_stats_init(&stats, c) || sem_init(&finished, 0, 0) != 0) {
		lat_fail(&sh->client, OUT_BROKEN, "client: cannot allocate the histograms: %s",
		         strerror(errno));
		exit(1);
	}
	lat_clock_measure(&clk, CLOCK_READS);
	ns_per_cycle = 1e9 / (double)clk.hz;
	x.server_coid = ConnectAttach(QHIL_LOCAL_NODE, server, server_chid, _NTO_SIDE_CHANNEL, 0);
	if (x.server_coid == -1) {
		lat_fail(&sh->client, OUT_BROKEN, "client: ConnectAttach to the server: %s",
		         strerror(errno));
		exit(1);
	}
	msg.magic = LAT_MAGIC;
	msg.kind = (uint32_t)c->kind;
	if (!make_event(c, &x, &msg.ev))
		exit(1);
	if (!lat_lock_memory(&sh->client, "client"))
		exit(1);
	bound_next_call(_NTO_TIMEOUT_SEND | _NTO_TIMEOUT_REPLY, SETUP_TIMEOUT_NS);
	if (MsgSend(x.server_coid, &msg, sizeof msg, NULL, 0) == -1) {
		lat_fail(&sh->client, OUT_BROKEN, "client: sending the event to the server: %s",
		         strerror(errno));
		exit(1);
	}
	atomic_store(&sh->client_ready, 1);
	client_loop(c, &x);
	if (atomic_load(&sh->done) < total) {
		lat_fail(&sh->client, OUT_BROKEN, "client: the wait for sample %llu failed: %s",
		         (unsigned long long)atomic_load(&sh->done), strerror(errno));
		exit(1);
	}
	srv.waited_for_client = atomic_load(&sh->waited_for_client);
	srv.late_periods = atomic_load(&sh->late_periods);
	lat_stats_emit(&stats, c, &clk, &srv);
	lat_fail(&sh->client, OUT_OK, "done");
	exit(0);
}
