/*
 * qnxsim-bench -- latency of event delivery through qnxsim, side by side
 * with the raw Linux wake floor.
 *
 *   qnxsim-bench [-n ITERATIONS] [-c CPU]
 *
 * Two processes pinned to the same CPU.  Each sample is the time from just
 * before the sender's call to just after the receiver wakes:
 *   eventfd  write(eventfd)        -> read() returns          (Linux floor)
 *   pulse    MsgDeliverEvent(pulse) -> MsgReceivePulse returns (registered)
 *   signal   MsgDeliverEvent(signal)-> sigwaitinfo returns     (registered)
 * The receiver acknowledges each sample over a second eventfd, outside the
 * measured interval.  Samples go into preallocated shared memory; the
 * figures (median, p99, max, ratio of medians to eventfd) are computed after
 * the loops.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sys/neutrino.h>

#define WARMUP 500

enum kind { K_EVENTFD, K_PULSE, K_SIGNAL, K_COUNT };
static const char *kind_name[K_COUNT] = { "eventfd", "pulse", "signal" };

struct shared {
	volatile uint64_t t0;           /* sender's timestamp of the sample */
	int               chid;         /* the receiver's pulse channel */
	uint64_t          lat[];        /* receiver-recorded samples, ns */
};

static int n_iter = 20000, cpu = 0;
static int efd_go, efd_ack;
static struct shared *sh;

static void pin(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof set, &set) != 0) {
		perror("sched_setaffinity");
		exit(1);
	}
}

static void ack_wait(void)
{
	uint64_t v;

	if (read(efd_ack, &v, sizeof v) != sizeof v)
		exit(1);
}

static void ack(void)
{
	uint64_t v = 1;

	if (write(efd_ack, &v, sizeof v) != sizeof v)
		exit(1);
}

/* Receiver: waits n times, recording wake - t0. */
static int receiver(enum kind k, int srv_chid)
{
	sigset_t set;
	siginfo_t si;
	struct _pulse p;
	struct sigevent ev;
	uint64_t v;
	int coid = ConnectAttach(0, getppid(), srv_chid, _NTO_SIDE_CHANNEL, 0);
	int pcoid = ConnectAttach(0, 0, sh->chid = ChannelCreate(0), _NTO_SIDE_CHANNEL, 0);

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (k == K_PULSE)
		SIGEV_PULSE_INIT(&ev, pcoid, SIGEV_PULSE_PRIO_INHERIT, 1, 0);
	else
		SIGEV_SIGNAL_VALUE_INIT(&ev, SIGUSR1, 0);
	if (k != K_EVENTFD && (MsgRegisterEvent(&ev, coid) != 0 || MsgSend(coid, &ev, sizeof ev, NULL, 0) < 0))
		return 1;
	for (int i = 0; i < n_iter + WARMUP; i++) {
		if (k == K_EVENTFD && read(efd_go, &v, sizeof v) != sizeof v)
			return 1;
		if (k == K_PULSE && MsgReceivePulse(sh->chid, &p, sizeof p, NULL) != 0)
			return 1;
		if (k == K_SIGNAL && sigwaitinfo(&set, &si) < 0)
			return 1;
		uint64_t now = ClockCycles();
		if (i >= WARMUP)
			sh->lat[i - WARMUP] = now - sh->t0;
		ack();
	}
	return 0;
}

/* Sender: stamps and fires n times. */
static int sender(enum kind k, int chid)
{
	struct sigevent ev;
	uint64_t one = 1;
	int rcvid = 0;

	if (k != K_EVENTFD) {
		rcvid = MsgReceive(chid, &ev, sizeof ev, NULL);
		if (rcvid <= 0 || MsgReply(rcvid, 0, NULL, 0) != 0)
			return 1;
	}
	for (int i = 0; i < n_iter + WARMUP; i++) {
		sh->t0 = ClockCycles();
		if (k == K_EVENTFD ? write(efd_go, &one, sizeof one) != sizeof one
				   : MsgDeliverEvent(rcvid, &ev) != 0)
			return 1;
		ack_wait();
	}
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int run(enum kind k, uint64_t out[3])
{
	int chid = ChannelCreate(0), status;
	pid_t pid;

	fflush(stdout);
	if ((pid = fork()) == 0)
		_exit(receiver(k, chid));
	int r = sender(k, chid);
	waitpid(pid, &status, 0);
	ChannelDestroy(chid);
	if (r != 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "qnxsim-bench: %s run failed\n", kind_name[k]);
		return 1;
	}
	qsort(sh->lat, (size_t)n_iter, sizeof sh->lat[0], cmp_u64);
	out[0] = sh->lat[n_iter / 2];
	out[1] = sh->lat[(size_t)((double)n_iter * 0.99)];
	out[2] = sh->lat[n_iter - 1];
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t fig[K_COUNT][3];
	int opt;

	while ((opt = getopt(argc, argv, "n:c:")) != -1) {
		if (opt == 'n')
			n_iter = atoi(optarg);
		else if (opt == 'c')
			cpu = atoi(optarg);
		else {
			fprintf(stderr, "usage: qnxsim-bench [-n ITERATIONS] [-c CPU]\n");
			return 2;
		}
	}
	if (n_iter < 100)
		n_iter = 100;
	sh = mmap(NULL, sizeof *sh + sizeof(uint64_t) * (size_t)n_iter, PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	efd_go = eventfd(0, 0);
	efd_ack = eventfd(0, 0);
	if (sh == MAP_FAILED || efd_go < 0 || efd_ack < 0) {
		perror("qnxsim-bench: setup");
		return 1;
	}
	if (getenv("QNXSIM_NODE") == NULL) {
		char node[64];

		snprintf(node, sizeof node, "/qnxsim-bench-%d", (int)getpid());
		setenv("QNXSIM_NODE", node, 1);
	}
	pin();
	mlockall(MCL_CURRENT | MCL_FUTURE);
	printf("# qnxsim-bench: profile nto%d, %d samples per kind (+%d warm-up), both processes on CPU %d\n",
	       _NTO_VERSION, n_iter, WARMUP, cpu);
	printf("# %-8s %10s %10s %10s %8s\n", "kind", "median_ns", "p99_ns", "max_ns", "ratio");
	for (int k = 0; k < K_COUNT; k++) {
		if (run((enum kind)k, fig[k]) != 0)
			return 1;
		printf("  %-8s %10llu %10llu %10llu %8.2f\n", kind_name[k], (unsigned long long)fig[k][0],
		       (unsigned long long)fig[k][1], (unsigned long long)fig[k][2],
		       (double)fig[k][0] / (double)(fig[0][0] ? fig[0][0] : 1));
	}
	printf("# ratio = median / eventfd median, measured in this run\n");
	return 0;
}
