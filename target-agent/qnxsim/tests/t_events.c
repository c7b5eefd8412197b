/*
 * Event types that act inside the receiving process (sigevent page):
 * SIGEV_MEMORY's six operations and SIGEV_THREAD, their permission rules
 * (PROCMGR_AID_SIGEV_THREAD, 7.1's _NTO_COF_INSECURE), and MsgVerifyEvent,
 * rcvid 0, SIGEV_UNBLOCK / SIGEV_INTR, and a handle used for another client.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/neutrino.h>
#include <sys/procmgr.h>
#include "qtest.h"
#include "tap.h"

#define NOPS 6
static const int ops[NOPS] = { SIGEV_MEM_ASSIGN, SIGEV_MEM_ADD, SIGEV_MEM_SUB,
			       SIGEV_MEM_BITSET, SIGEV_MEM_BITCLR, SIGEV_MEM_BITTOGGLE };
static const int vals[NOPS] = { 0xf0, 5, 1, 0x100, 0x4, 0x11 };
static const unsigned expect[NOPS] = { 0xf0, 0xf5, 0xf4, 0x1f4, 0x1f0, 0x1e1 };
static const char *names[NOPS] = { "ASSIGN", "ADD", "SUB", "BITSET", "BITCLR", "BITTOGGLE" };

static int chid;
static volatile unsigned word;
static volatile int thread_ran;
static volatile pid_t thread_pid, thread_tid;
static volatile int thread_value;

struct events_msg {
	struct sigevent mem[NOPS];
	struct sigevent thread;
};

static void on_thread(union sigval v)
{
	thread_pid = getpid();
	thread_tid = gettid();
	thread_value = v.sival_int;
	__atomic_store_n(&thread_ran, 1, __ATOMIC_RELEASE);
}

static unsigned wait_change(unsigned prev, int ms)
{
	for (int i = 0; i < ms && __atomic_load_n(&word, __ATOMIC_ACQUIRE) == prev; i++)
		usleep(1000);
	return word;
}

/* Registers everything for the server, sends it, then reports the word
 * after each operation (the server waits for each report before the next
 * delivery) and finally what the SIGEV_THREAD function saw. */
static int client(void *arg, int wfd)
{
	struct events_msg m;
	int coid = ConnectAttach(0, getppid(), chid, _NTO_SIDE_CHANNEL, (int)(intptr_t)arg);
	unsigned prev = 0, th[3];

	for (int i = 0; i < NOPS; i++) {
		SIGEV_MEMORY_INIT(&m.mem[i], &word, vals[i], ops[i]);
		MsgRegisterEvent(&m.mem[i], coid);
	}
	SIGEV_THREAD_INIT(&m.thread, on_thread, 77, NULL);
	MsgRegisterEvent(&m.thread, coid);
	if (MsgSend(coid, &m, sizeof m, NULL, 0) < 0)
		return 1;
	for (int i = 0; i < NOPS; i++) {
		prev = wait_change(prev, 1000);
		qt_write(wfd, &prev, sizeof prev);
	}
	for (int i = 0; i < 1000 && !__atomic_load_n(&thread_ran, __ATOMIC_ACQUIRE); i++)
		usleep(1000);
	th[0] = thread_ran && thread_pid == getpid();
	th[1] = thread_ran && thread_tid != gettid();
	th[2] = (unsigned)thread_value;
	return qt_write(wfd, th, sizeof th) == 0 ? 0 : 1;
}

static void memory_and_thread(void)
{
	struct events_msg m;
	unsigned seen[NOPS] = { 0 }, th[3] = { 0 };
	int rfd, rcvid;
	pid_t pid = qt_spawn(client, (void *)0, &rfd);

	rcvid = MsgReceive(chid, &m, sizeof m, NULL);
	MsgReply(rcvid, 0, NULL, 0);
	for (int i = 0; i < NOPS; i++) {
		char desc[96];

		snprintf(desc, sizeof desc, "MsgDeliverEvent SIGEV_MEMORY %s", names[i]);
		TAP_CALL(MsgDeliverEvent(rcvid, &m.mem[i]), 0, 0, desc);
		qt_read(rfd, &seen[i], sizeof seen[i], 3000);
	}
	TAP_CALL(MsgDeliverEvent(rcvid, &m.thread), 0, 0, "MsgDeliverEvent SIGEV_THREAD");
	qt_read(rfd, th, sizeof th, 3000);
	for (int i = 0; i < NOPS; i++)
		tap_ok(seen[i] == expect[i], "SIGEV_MEM_%s left %#x in the client (expected %#x)",
		       names[i], seen[i], expect[i]);
	tap_ok(th[0], "SIGEV_THREAD ran in the client process");
	tap_ok(th[1], "SIGEV_THREAD ran on a new thread");
	tap_ok(th[2] == 77, "SIGEV_THREAD got its sigev_value (%u)", th[2]);
	qt_reap(pid, 3000);
	close(rfd);
}

static int idle_client(void *arg, int wfd)
{
	struct events_msg m;
	int coid = ConnectAttach(0, getppid(), chid, _NTO_SIDE_CHANNEL, (int)(intptr_t)arg);
	char c;

	SIGEV_MEMORY_INIT(&m.mem[0], &word, 1, SIGEV_MEM_ASSIGN);
	SIGEV_MEMORY_INIT(&m.mem[1], &word, 1, 99);
	SIGEV_MEMORY_INIT(&m.mem[2], (volatile unsigned *)16, 1, SIGEV_MEM_ASSIGN);
	SIGEV_THREAD_INIT(&m.thread, on_thread, 1, NULL);
	for (int i = 0; i < 3; i++)
		MsgRegisterEvent(&m.mem[i], coid);
	MsgRegisterEvent(&m.thread, coid);
	MsgSend(coid, &m, sizeof m, NULL, 0);
	qt_read(wfd, &c, 1, 3000);              /* linger until the server is done */
	return 0;
}

static void refusals(void)
{
	struct events_msg m;
	int rfd, rcvid;
	pid_t pid = qt_spawn(idle_client, (void *)0, &rfd);

	rcvid = MsgReceive(chid, &m, sizeof m, NULL);
	MsgReply(rcvid, 0, NULL, 0);
	TAP_CALL(MsgDeliverEvent(rcvid, &m.mem[1]), -1, EINVAL, "SIGEV_MEMORY with memop 99: EINVAL");
	if (qt_emulated())
		tap_skip(QT_EMU_MEMPROBE, "SIGEV_MEMORY at an unmapped address: EFAULT");
	else
		TAP_CALL(MsgDeliverEvent(rcvid, &m.mem[2]), -1, EFAULT,
			 "SIGEV_MEMORY at an unmapped address: EFAULT");
	TAP_CALL(MsgVerifyEvent(rcvid, &m.mem[0]), 0, 0, "MsgVerifyEvent of a deliverable event: 0");
	TAP_CALL(MsgVerifyEvent(rcvid, &m.mem[1]), -1, EINVAL, "MsgVerifyEvent of a bad memop: EINVAL");
	qt_end(pid, &rfd);
	qt_reap(pid, 3000);
	TAP_CALL(MsgDeliverEvent(rcvid, &m.mem[0]), -1, ESRCH, "delivery to an exited client: ESRCH");
	close(rfd);
#if _NTO_VERSION < 800
	pid = qt_spawn(idle_client, (void *)(intptr_t)_NTO_COF_INSECURE, &rfd);
	rcvid = MsgReceive(chid, &m, sizeof m, NULL);
	MsgReply(rcvid, 0, NULL, 0);
	TAP_CALL(MsgDeliverEvent(rcvid, &m.mem[0]), -1, EACCES, "7.1 _NTO_COF_INSECURE: SIGEV_MEMORY gets EACCES");
	TAP_CALL(MsgDeliverEvent(rcvid, &m.thread), -1, EACCES, "7.1 _NTO_COF_INSECURE: SIGEV_THREAD gets EACCES");
	qt_end(pid, &rfd);
	qt_reap(pid, 3000);
	close(rfd);
#else
	tap_skip("7.1 only (no _NTO_COF_INSECURE in 8.0)", "INSECURE blocks SIGEV_MEMORY");
	tap_skip("7.1 only (no _NTO_COF_INSECURE in 8.0)", "INSECURE blocks SIGEV_THREAD");
#endif
}

/* A handle belongs to the client that registered it: delivering it through
 * another client's rcvid must not reach either of them. */
static void foreign_handle(void)
{
	struct events_msg a, b;
	int rfa, rfb, ra, rb;
	pid_t pa = qt_spawn(idle_client, (void *)0, &rfa);

	ra = MsgReceive(chid, &a, sizeof a, NULL);
	pid_t pb = qt_spawn(idle_client, (void *)0, &rfb);
	rb = MsgReceive(chid, &b, sizeof b, NULL);
	MsgReply(ra, 0, NULL, 0);
	MsgReply(rb, 0, NULL, 0);
	TAP_CALL(MsgDeliverEvent(rb, &a.mem[0]), -1, EINVAL,
		 "client A's handle through client B's rcvid: EINVAL");
	TAP_CALL(MsgDeliverEvent(ra, &a.mem[0]), 0, 0, "the same handle through A's rcvid: delivered");
	qt_end(pa, &rfa);
	qt_end(pb, &rfb);
	qt_reap(pa, 3000);
	qt_reap(pb, 3000);
	close(rfa);
	close(rfb);
}

/* SIGEV_UNBLOCK releases the client thread from the kernel call it is
 * blocked in (here a MsgReceive bounded at 3 s), as a timeout would. */
static int unblock_client(void *arg, int wfd)
{
	struct sigevent ev;
	int coid = ConnectAttach(0, getppid(), chid, _NTO_SIDE_CHANNEL, 0);
	int own = ChannelCreate(0), res[2];
	uint64_t limit = 3000000000ull;
	char buf[8];
	long long t0;

	(void)arg;
	SIGEV_UNBLOCK_INIT(&ev);
	MsgRegisterEvent(&ev, coid);
	MsgSend(coid, &ev, sizeof ev, NULL, 0);
	t0 = ClockCycles();
	TimerTimeout(CLOCK_MONOTONIC, _NTO_TIMEOUT_RECEIVE, NULL, &limit, NULL);
	res[0] = MsgReceive(own, buf, sizeof buf, NULL) == -1 ? errno : 0;
	res[1] = (int)((ClockCycles() - (uint64_t)t0) / 1000000);
	return qt_write(wfd, res, sizeof res) == 0 ? 0 : 1;
}

static void unblock(void)
{
	struct sigevent ev;
	int rfd, rcvid, res[2] = { -1, -1 }, got = -1;
	pid_t pid = qt_spawn(unblock_client, NULL, &rfd);

	rcvid = MsgReceive(chid, &ev, sizeof ev, NULL);
	MsgReply(rcvid, 0, NULL, 0);
	/* The client blocks right after the reply; deliver until it reports. */
	for (int i = 0; i < 100 && got != 0; i++) {
		MsgDeliverEvent(rcvid, &ev);
		got = qt_read(rfd, res, sizeof res, 20);
	}
	tap_ok(got == 0 && res[0] == ETIMEDOUT && res[1] < 2500,
	       "SIGEV_UNBLOCK ends the client's blocked MsgReceive with ETIMEDOUT (%s after %d ms)",
	       res[0] >= 0 ? tap_errname(res[0]) : "nothing", res[1]);
	qt_reap(pid, 3000);
	close(rfd);
}

/* rcvid 0 names the calling thread; unregistered, so procnto -U decides. */
static void self_delivery(void)
{
	struct sigevent ev;
	struct qt_obs o;

	SIGEV_SIGNAL_VALUE_INIT(&ev, SIGUSR1, 31);
	TAP_CALL(MsgDeliverEvent(0, &ev), -1, EACCES, "rcvid 0, unregistered, default procnto: EACCES");
	setenv("QNXSIM_PROCNTO_U", "1", 1);
	TAP_CALL(MsgDeliverEvent(0, &ev), 0, 0, "rcvid 0 with procnto -U: delivered to the caller");
	qt_observe(0, 500, &o);
	tap_ok(o.kind == QT_SIGNAL && o.signo == SIGUSR1 && o.value == 31, "the caller got SIGUSR1/31");
	SIGEV_UNBLOCK_INIT(&ev);
	TAP_CALL(MsgDeliverEvent(0, &ev), 0, 0, "SIGEV_UNBLOCK is accepted");
	SIGEV_INTR_INIT(&ev);
	TAP_CALL(MsgDeliverEvent(0, &ev), 0, 0, "SIGEV_INTR is accepted");
	procmgr_ability(0, PROCMGR_ADN_ROOT | PROCMGR_ADN_NONROOT | PROCMGR_AOP_DENY |
			PROCMGR_AID_SIGEV_THREAD, PROCMGR_AID_EOL);
	SIGEV_THREAD_INIT(&ev, on_thread, 0, NULL);
	TAP_CALL(MsgDeliverEvent(0, &ev), -1, EPERM, "SIGEV_THREAD to a process without the ability: EPERM");
	unsetenv("QNXSIM_PROCNTO_U");
}

int main(void)
{
	sigset_t set;

	qt_isolate("events");
	qt_block_signals(&set);
	tap_plan(7 + 9 + 7 + 2 + 1 + 6);
	chid = ChannelCreate(0);
	memory_and_thread();
	refusals();
	foreign_handle();
	unblock();
	self_delivery();
	return tap_done();
}
