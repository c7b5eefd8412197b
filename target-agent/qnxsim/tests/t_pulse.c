/*
 * Pulses, TimerTimeout, the name service and the connection-info calls.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/dispatch.h>
#include <sys/iomsg.h>
#include <sys/neutrino.h>
#include <sys/procmgr.h>
#include "qtest.h"
#include "tap.h"

static int chid, coid;

static long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void pulses(void)
{
	struct _pulse p;
	int n = 0;

	TAP_CALL(MsgSendPulse(coid, 10, 7, 1234), 0, 0, "MsgSendPulse to our own channel");
	memset(&p, 0xff, sizeof p);
	TAP_CALL(MsgReceive(chid, &p, sizeof p, NULL), 0, 0, "MsgReceive returns 0 for a pulse");
	tap_ok(p.type == _PULSE_TYPE && p.subtype == _PULSE_SUBTYPE && p.code == 7 &&
	       p.value.sival_int == 1234 && p.scoid == (_NTO_CONNECTION_SCOID | (p.scoid & 0xffff)),
	       "struct _pulse: code %d value %d scoid %#x", p.code, p.value.sival_int, (unsigned)p.scoid);
	TAP_CALL(MsgSendPulse(_NTO_SIDE_CHANNEL + 321, 10, 1, 1), -1, EBADF, "MsgSendPulse on an unknown coid: EBADF");
	TAP_CALL(MsgSendPulse(coid, 256, 1, 1), -1, EINVAL, "MsgSendPulse priority 256: EINVAL");
	while (MsgSendPulse(coid, 10, 1, n) == 0 && n < 1000)
		n++;
	tap_ok(n > 0 && n < 1000 && errno == EAGAIN, "a full pulse queue gives EAGAIN (after %d)", n);
	for (int i = 0; i < n; i++)
		MsgReceivePulse(chid, &p, sizeof p, NULL);
	tap_ok(p.value.sival_int == n - 1, "pulses arrive in order (last value %d)", p.value.sival_int);
	procmgr_ability(0, PROCMGR_ADN_ROOT | PROCMGR_ADN_NONROOT | PROCMGR_AOP_DENY |
			PROCMGR_AID_PRIORITY, PROCMGR_AID_EOL);
	TAP_CALL(MsgSendPulse(coid, 64, 1, 1), -1, EPERM, "priority 64 without PROCMGR_AID_PRIORITY: EPERM");
	TAP_CALL(MsgSendPulse(coid, 63, 1, 1), 0, 0, "priority 63 needs no ability");
	MsgReceivePulse(chid, &p, sizeof p, NULL);
}

static void timeouts(void)
{
	struct _pulse p;
	uint64_t rel = 50000000, left = 0, abs;
	long long t0 = now_ns();

	TimerTimeout(CLOCK_MONOTONIC, _NTO_TIMEOUT_RECEIVE, NULL, &rel, NULL);
	TAP_CALL(MsgReceivePulse(chid, &p, sizeof p, NULL), -1, ETIMEDOUT, "TimerTimeout 50 ms bounds MsgReceivePulse");
	tap_ok(now_ns() - t0 >= 50000000, "...and it waited the 50 ms (%lld us)", (now_ns() - t0) / 1000);
	abs = (uint64_t)now_ns() - 1;
	TimerTimeout(CLOCK_MONOTONIC, _NTO_TIMEOUT_RECEIVE | TIMER_ABSTIME, NULL, &abs, NULL);
	TAP_CALL(MsgReceive(chid, &p, sizeof p, NULL), -1, ETIMEDOUT, "absolute CLOCK_MONOTONIC time in the past: ETIMEDOUT");
	TimerTimeout(CLOCK_MONOTONIC, _NTO_TIMEOUT_RECEIVE, NULL, NULL, NULL);
	TAP_CALL(MsgReceive(chid, &p, sizeof p, NULL), -1, ETIMEDOUT, "NULL ntime: times out at once");
	TAP_CALL(TimerTimeout(12345, _NTO_TIMEOUT_RECEIVE, NULL, &rel, NULL), -1, EINVAL, "unknown clock: EINVAL");
	rel = 1000000000;
	TimerTimeout(CLOCK_MONOTONIC, _NTO_TIMEOUT_RECEIVE, NULL, &rel, NULL);
	TimerTimeout(CLOCK_MONOTONIC, 0, NULL, NULL, &left);
	tap_ok(left > 0 && left <= rel, "otime reports the armed timeout (%llu ns left)", (unsigned long long)left);
	TimerTimeout(CLOCK_MONOTONIC, _NTO_TIMEOUT_RECEIVE, NULL, &rel, NULL);
	ConnectFlags(0, coid, 0, 0);
	TimerTimeout(CLOCK_MONOTONIC, 0, NULL, NULL, &left);
	tap_ok(left == 0, "any kernel call consumes the timeout (otime %llu)", (unsigned long long)left);
	MsgSendPulse(coid, 10, 2, 2);
	TimerTimeout(CLOCK_MONOTONIC, _NTO_TIMEOUT_RECEIVE, NULL, NULL, NULL);
	TAP_CALL(MsgReceivePulse(chid, &p, sizeof p, NULL), 0, 0, "a pulse already queued is received despite the timeout");
}

static int silent_server(void *arg, int wfd)
{
	char buf[16];
	int c = ChannelCreate(0), rcvid, r;
	uint64_t t = 3000000000ull;

	(void)arg;
	qt_write(wfd, &c, sizeof c);
	TimerTimeout(CLOCK_MONOTONIC, _NTO_TIMEOUT_RECEIVE, NULL, &t, NULL);
	rcvid = MsgReceive(c, buf, sizeof buf, NULL);
	qt_read(wfd, buf, 1, 1000);             /* outlive the client's timeout */
	usleep(200000);
	r = MsgReply(rcvid, 0, NULL, 0) == -1 && errno == ESRCH;
	qt_write(wfd, &r, sizeof r);
	return 0;
}

static void send_timeout(void)
{
	int rfd, schid = -1, c, r = -1;
	pid_t pid = qt_spawn(silent_server, NULL, &rfd);
	uint64_t t = 100000000;

	qt_read(rfd, &schid, sizeof schid, 3000);
	c = ConnectAttach(0, pid, schid, _NTO_SIDE_CHANNEL, 0);
	TimerTimeout(CLOCK_MONOTONIC, _NTO_TIMEOUT_SEND | _NTO_TIMEOUT_REPLY, NULL, &t, NULL);
	TAP_CALL(MsgSend(c, "x", 2, NULL, 0), -1, ETIMEDOUT, "TimerTimeout bounds MsgSend to a server that never replies");
	qt_read(rfd, &r, sizeof r, 3000);
	tap_ok(r == 1, "the server's late MsgReply gets ESRCH");
	qt_reap(pid, 3000);
	ConnectDetach(c);
}

/* _NTO_CHF_UNBLOCK: the client's timeout becomes a pulse to the server. */
static int unblock_server(void *arg, int wfd)
{
	union { char raw[32]; struct _pulse p; } m;
	int c = ChannelCreate(_NTO_CHF_UNBLOCK), rcvid, ok = 0;
	uint64_t t = 3000000000ull;

	(void)arg;
	qt_write(wfd, &c, sizeof c);
	TimerTimeout(CLOCK_MONOTONIC, _NTO_TIMEOUT_RECEIVE, NULL, &t, NULL);
	rcvid = MsgReceive(c, &m, sizeof m, NULL);
	TimerTimeout(CLOCK_MONOTONIC, _NTO_TIMEOUT_RECEIVE, NULL, &t, NULL);
	if (rcvid > 0 && MsgReceive(c, &m, sizeof m, NULL) == 0)
		ok = m.p.code == _PULSE_CODE_UNBLOCK && m.p.value.sival_int == rcvid;
	usleep(100000);                 /* the client must still be blocked */
	MsgError(rcvid, ETIMEDOUT);
	qt_write(wfd, &ok, sizeof ok);
	return 0;
}

static void unblock_pulse(void)
{
	int rfd, schid = -1, c, ok = 0;
	pid_t pid = qt_spawn(unblock_server, NULL, &rfd);
	uint64_t t = 50000000;
	long long t0;

	qt_read(rfd, &schid, sizeof schid, 3000);
	c = ConnectAttach(0, pid, schid, _NTO_SIDE_CHANNEL, 0);
	TimerTimeout(CLOCK_MONOTONIC, _NTO_TIMEOUT_SEND | _NTO_TIMEOUT_REPLY, NULL, &t, NULL);
	t0 = now_ns();
	TAP_CALL(MsgSend(c, "x", 2, NULL, 0), -1, ETIMEDOUT,
		 "_NTO_CHF_UNBLOCK: MsgSend ends with the server's MsgError(ETIMEDOUT)");
	tap_ok(now_ns() - t0 >= 100000000, "...only once the server answered (%lld ms)",
	       (now_ns() - t0) / 1000000);
	qt_read(rfd, &ok, sizeof ok, 3000);
	tap_ok(ok == 1, "the server got _PULSE_CODE_UNBLOCK carrying the rcvid");
	qt_reap(pid, 3000);
	ConnectDetach(c);
}

static void names(void)
{
	name_attach_t *a = name_attach(NULL, "qnxsim-test-name", 0);
	struct _msg_info info;
	struct _client_info ci;
	struct _server_info si;
	union { struct _io_connect c; struct _pulse p; char raw[256]; } m;
	int c, rcvid;

	tap_ok(a != NULL && a->chid > 0, "name_attach publishes a channel");
	errno = 0;
	tap_ok(name_attach(NULL, "qnxsim-test-name", 0) == NULL && errno == EEXIST, "the same name twice: EEXIST");
	TAP_CALL(name_open("qnxsim-test-nobody", 0), -1, ENOENT, "name_open of an unknown name: ENOENT");
	/* name_open() blocks until the server replies to its _IO_CONNECT, so the
	 * client runs in a child while this process plays the server. */
	pid_t pid = fork();
	if (pid == 0) {
		int k = name_open("qnxsim-test-name", 0);
		_exit(k >= 0 && name_close(k) == 0 ? 0 : 1);
	}
	rcvid = MsgReceive(a->chid, &m, sizeof m, &info);
	tap_ok(rcvid > 0 && m.c.type == _IO_CONNECT && info.pid == pid, "name_open sends the server _IO_CONNECT");
	TAP_CALL(ConnectClientInfo(info.scoid, &ci, 0), 0, 0, "ConnectClientInfo on the client's scoid");
	tap_ok(ci.pid == pid, "ConnectClientInfo gives the client's pid");
	MsgReply(rcvid, EOK, NULL, 0);
	MsgReceive(a->chid, &m, sizeof m, NULL);
	tap_ok(m.p.type == _PULSE_TYPE && m.p.code == _PULSE_CODE_DISCONNECT && m.p.scoid == info.scoid,
	       "name_close: the server gets _PULSE_CODE_DISCONNECT with the scoid");
	tap_ok(qt_reap(pid, 3000) == 0, "name_open returned a coid that name_close closed");
	c = ConnectAttach(0, 0, a->chid, _NTO_SIDE_CHANNEL, 0);
	TAP_CALL(ConnectServerInfo(0, c, &si), c, 0, "ConnectServerInfo returns the coid");
	tap_ok(si.pid == getpid() && si.chid == a->chid, "ConnectServerInfo gives server pid and chid");
	TAP_CALL(ConnectClientInfo(0x7777, &ci, 0), -1, ESRCH, "ConnectClientInfo on a bad scoid: ESRCH");
	TAP_CALL(name_detach(a, 0), 0, 0, "name_detach");
	ConnectDetach(c);
}

int main(void)
{
	qt_isolate("pulse");
	tap_plan(9 + 8 + 2 + 3 + 12);
	chid = ChannelCreate(0);
	coid = ConnectAttach(0, 0, chid, _NTO_SIDE_CHANNEL, 0);
	pulses();
	timeouts();
	send_timeout();
	unblock_pulse();
	names();
	return tap_done();
}
