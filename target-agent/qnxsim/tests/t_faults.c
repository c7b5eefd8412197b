/*
 * The QNXSIM_FAULTS switches (README.md).  The switches are read once per
 * process, so each case re-runs this program with the switch in its
 * environment and compares the one line the case prints.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <sys/neutrino.h>
#include "qtest.h"
#include "tap.h"

static int chid;

/* Client: registers SIGUSR1/5 for the server, sends it, reports what came. */
static int client(void *arg, int wfd)
{
	struct sigevent ev;
	struct qt_obs o;
	sigset_t set;
	int coid = ConnectAttach(0, getppid(), chid, _NTO_SIDE_CHANNEL, 0);

	(void)arg;
	qt_block_signals(&set);
	SIGEV_SIGNAL_VALUE_INIT(&ev, SIGUSR1, 5);
	MsgRegisterEvent(&ev, coid);
	MsgSend(coid, &ev, sizeof ev, NULL, 0);
	qt_observe(0, 1000, &o);
	return qt_write(wfd, &o, sizeof o) == 0 ? 0 : 1;
}

static long long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

/* Prints "ret=R observed=KIND/VALUE" for one delivery, and " slow" when it
 * took 200 ms or more (only the delay switch's lower bound is asserted). */
static int case_delivery(void)
{
	struct sigevent ev;
	struct qt_obs o = { -1, 0, 0, 0 };
	int rfd, rcvid, ret;
	long long t0;
	pid_t pid;

	chid = ChannelCreate(0);
	pid = qt_spawn(client, NULL, &rfd);
	rcvid = MsgReceive(chid, &ev, sizeof ev, NULL);
	MsgReply(rcvid, 0, NULL, 0);
	t0 = now_ms();
	ret = MsgDeliverEvent(rcvid, &ev);
	t0 = now_ms() - t0;
	qt_read(rfd, &o, sizeof o, 3000);
	qt_reap(pid, 3000);
	printf("ret=%d observed=%d/%d%s\n", ret, o.kind, o.value,
	       getenv("QNXSIM_FAULTS") && strstr(getenv("QNXSIM_FAULTS"), "delay") && t0 >= 200 ? " slow" : "");
	return 0;
}

static int case_fail(void)
{
	int c = ChannelCreate(0), coid = ConnectAttach(0, 0, c, _NTO_SIDE_CHANNEL, 0);
	int r1 = MsgSendPulse(coid, 10, 1, 1);
	int r2 = MsgSendPulse(coid, 10, 1, 2);
	int e2 = errno;
	int r3 = MsgSendPulse(coid, 10, 1, 3);

	printf("%d %d/%s %d\n", r1, r2, r2 < 0 ? tap_errname(e2) : "EOK", r3);
	return 0;
}

static int case_crash(void)
{
	ChannelCreate(0);
	printf("first\n");
	fflush(stdout);
	ChannelCreate(0);
	printf("survived\n");
	return 0;
}

/* Runs this program's case `name` under QNXSIM_FAULTS=faults. */
static void run(const char *name, const char *faults, const char *expect, int exp_status)
{
	char out[256] = "", self[512];
	int fds[2], status = -1;
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	pid_t pid;

	if (n <= 0 || pipe(fds) != 0)
		return;
	self[n] = 0;
	fflush(stdout);
	if ((pid = fork()) == 0) {
		dup2(fds[1], 1);
		setenv("QNXSIM_FAULTS", faults, 1);
		qt_execv(self, (char *[]){ self, (char *)name, NULL });
		_exit(127);
	}
	close(fds[1]);
	n = 0;
	while (n < (ssize_t)sizeof out - 1) {
		ssize_t r = read(fds[0], out + n, sizeof out - 1 - (size_t)n);
		if (r <= 0)
			break;
		n += r;
	}
	out[n] = 0;
	close(fds[0]);
	status = qt_reap(pid, 10000);
	tap_ok(strcmp(out, expect) == 0 && status == exp_status,
	       "QNXSIM_FAULTS=%s: got '%.*s' status %d", faults,
	       (int)strcspn(out, "\n"), out, status);
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		setvbuf(stdout, NULL, _IOLBF, 0);
		if (strcmp(argv[1], "delivery") == 0)
			return case_delivery();
		if (strcmp(argv[1], "fail") == 0)
			return case_fail();
		if (strcmp(argv[1], "crash") == 0)
			return case_crash();
		return 2;
	}
	qt_isolate("faults");
	tap_plan(6);
	run("delivery", "", "ret=0 observed=1/5\n", 0);
	run("delivery", "drop-deliveries", "ret=0 observed=0/0\n", 0);
	run("delivery", "delay-deliveries=200", "ret=0 observed=1/5 slow\n", 0);
	run("fail", "fail=MsgSendPulse:2:EAGAIN", "0 -1/EAGAIN 0\n", 0);
	run("fail", "fail=MsgSendPulse:1:EBADF,fail=MsgSendPulse:3:ENOMEM", "-1 0/EOK -1\n", 0);
	run("crash", "crash=ChannelCreate:2", "first\n", 128 + SIGKILL);
	/* The crashed case was alone in the node: attaching reclaims it, and
	 * leaving as the last process removes the segment. */
	ChannelDestroy(ChannelCreate(0));
	return tap_done();
}
