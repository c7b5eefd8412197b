/*
 * Synchronous messaging across processes: MsgSend / MsgReceive / MsgReply /
 * MsgError, the rcvid's lifetime, and what a client sees when its server
 * dies.  The parent is the server; forked clients report through a pipe.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/neutrino.h>
#include "qtest.h"
#include "tap.h"

struct result {
	long    ret;
	int     err;
	char    reply[16];
};

static int chid;

struct send_args {
	const char *text;
	int         detach_after;   /* ConnectDetach once MsgSend returned */
	int         linger_ms;      /* stay alive for the server's checks */
};

static int sender(void *arg, int wfd)
{
	const struct send_args *a = arg;
	struct result r;
	int coid = ConnectAttach(0, getppid(), chid, _NTO_SIDE_CHANNEL, 0);
	char go;

	memset(&r, 0, sizeof r);
	r.ret = MsgSend(coid, a->text, strlen(a->text) + 1, r.reply, sizeof r.reply);
	r.err = errno;
	if (a->detach_after)
		ConnectDetach(coid);
	qt_write(wfd, &r, sizeof r);
	if (a->linger_ms)
		qt_read(wfd, &go, 1, a->linger_ms);     /* returns at the deadline */
	return 0;
}

static int receive_one(char *buf, size_t n, struct _msg_info *info)
{
	uint64_t limit = 3000000000ull;

	TimerTimeout(CLOCK_MONOTONIC, _NTO_TIMEOUT_RECEIVE, NULL, &limit, NULL);
	return MsgReceive(chid, buf, n, info);
}

static void reply_roundtrip(void)
{
	struct send_args a = { "hello", 0, 0 };
	struct _msg_info info;
	struct result r = { -2, 0, "" };
	char buf[64];
	int rfd, rcvid;
	pid_t pid = qt_spawn(sender, &a, &rfd);

	rcvid = receive_one(buf, sizeof buf, &info);
	tap_ok(rcvid > 0, "MsgReceive returns a positive rcvid (%d)", rcvid);
	tap_ok(rcvid > 0 && strcmp(buf, "hello") == 0, "server got the client's bytes");
	tap_ok(info.pid == pid && info.msglen == 6 && info.srcmsglen == 6,
	       "_msg_info: pid %d (client %d), msglen %zu", (int)info.pid, (int)pid, info.msglen);
	TAP_CALL(MsgReply(rcvid, 42, "world", 6), 0, 0, "MsgReply");
	qt_read(rfd, &r, sizeof r, 3000);
	tap_ok(r.ret == 42 && strcmp(r.reply, "world") == 0,
	       "MsgSend returns the reply status (%ld) and data", r.ret);
	TAP_CALL(MsgReply(rcvid, 0, NULL, 0), -1, ESRCH, "MsgReply to an answered rcvid: ESRCH");
	TAP_CALL(MsgReply(0x7abcdef, 0, NULL, 0), -1, ESRCH, "MsgReply to a made-up rcvid: ESRCH");
	qt_reap(pid, 3000);
	close(rfd);
}

static void error_roundtrip(void)
{
	struct send_args a = { "x", 0, 0 };
	struct result r = { -2, 0, "" };
	char buf[8];
	int rfd, rcvid;
	pid_t pid = qt_spawn(sender, &a, &rfd);

	rcvid = receive_one(buf, sizeof buf, NULL);
	TAP_CALL(MsgError(rcvid, EPERM), 0, 0, "MsgError");
	qt_read(rfd, &r, sizeof r, 3000);
	tap_call(r.ret, r.err, -1, EPERM, "client's MsgSend after MsgError(EPERM)");
	qt_reap(pid, 3000);
	close(rfd);
}

/* The rcvid outlives the reply (async notification) until the connection goes. */
static void rcvid_lifetime(void)
{
	struct send_args a = { "x", 1, 3000 };
	struct result r;
	struct sigevent ev;
	char buf[8];
	int rfd, rcvid;
	pid_t pid = qt_spawn(sender, &a, &rfd);

	setenv("QNXSIM_PROCNTO_U", "1", 1);
	SIGEV_NONE_INIT(&ev);
	rcvid = receive_one(buf, sizeof buf, NULL);
	TAP_CALL(MsgDeliverEvent(rcvid, &ev), 0, 0, "MsgDeliverEvent while the client is REPLY-blocked");
	MsgReply(rcvid, 0, NULL, 0);
	qt_read(rfd, &r, sizeof r, 3000);       /* the client has detached now */
	TAP_CALL(MsgDeliverEvent(rcvid, &ev), -1, EBADF,
		 "MsgDeliverEvent after the client's ConnectDetach: EBADF");
	qt_end(pid, &rfd);
	qt_reap(pid, 3000);
	TAP_CALL(MsgDeliverEvent(rcvid, &ev), -1, ESRCH,
		 "MsgDeliverEvent after the client died: ESRCH");
	TAP_CALL(MsgDeliverEvent(0x5eed, &ev), -1, ESRCH, "MsgDeliverEvent to a made-up rcvid: ESRCH");
	unsetenv("QNXSIM_PROCNTO_U");
	close(rfd);
}

static int dying_server(void *arg, int wfd)
{
	char buf[8];
	int c = ChannelCreate(0), rcvid;

	(void)arg;
	qt_write(wfd, &c, sizeof c);
	rcvid = MsgReceive(c, buf, sizeof buf, NULL);
	(void)rcvid;
	kill(getpid(), SIGKILL);        /* dies holding the client REPLY-blocked */
	return 1;
}

static void server_dies(void)
{
	int rfd, schid = -1, coid;
	pid_t pid = qt_spawn(dying_server, NULL, &rfd);
	uint64_t limit = 3000000000ull;

	qt_read(rfd, &schid, sizeof schid, 3000);
	coid = ConnectAttach(0, pid, schid, _NTO_SIDE_CHANNEL, 0);
	TimerTimeout(CLOCK_MONOTONIC, _NTO_TIMEOUT_SEND | _NTO_TIMEOUT_REPLY, NULL, &limit, NULL);
	TAP_CALL(MsgSend(coid, "x", 2, NULL, 0), -1, ESRCH, "server killed while we are REPLY-blocked: ESRCH");
	qt_reap(pid, 3000);
	TAP_CALL(ConnectAttach(0, pid, schid, _NTO_SIDE_CHANNEL, 0), -1, ESRCH,
		 "ConnectAttach to the dead server's channel: ESRCH");
	TAP_CALL(MsgSend(coid, "x", 2, NULL, 0), -1, EBADF, "MsgSend on a connection whose channel is gone: EBADF");
	ConnectDetach(coid);
	close(rfd);
}

static void bad_ids(void)
{
	char buf[8];

	TAP_CALL(MsgSend(_NTO_SIDE_CHANNEL + 999, "x", 2, NULL, 0), -1, EBADF, "MsgSend on an unknown coid: EBADF");
	TAP_CALL(MsgReceive(chid + 100, buf, sizeof buf, NULL), -1, ESRCH, "MsgReceive on an unknown chid: ESRCH");
	TAP_CALL(ConnectAttach(0, 0, chid + 100, _NTO_SIDE_CHANNEL, 0), -1, ESRCH, "ConnectAttach to an unknown chid: ESRCH");
	TAP_CALL(ConnectAttach(0, 999999, chid, _NTO_SIDE_CHANNEL, 0), -1, ESRCH, "ConnectAttach to an unknown pid: ESRCH");
	TAP_CALL(ConnectDetach(_NTO_SIDE_CHANNEL + 999), -1, EINVAL, "ConnectDetach of an unknown coid: EINVAL");
	TAP_CALL(ChannelDestroy(chid + 100), -1, EINVAL, "ChannelDestroy of an unknown chid: EINVAL");
	TAP_CALL(MsgSend(SYSMGR_COID, "x", 2, NULL, 0), -1, ENOSYS, "MsgSend to procnto: ENOSYS (not emulated)");
}

static void coid_numbers(void)
{
	int a = ConnectAttach(0, 0, chid, _NTO_SIDE_CHANNEL, 0);
	int b = ConnectAttach(0, 0, chid, _NTO_SIDE_CHANNEL, 0);
	int f = ConnectAttach(0, 0, chid, 0, 0);

	tap_ok(a > SYSMGR_COID && b > a, "side-channel coids above SYSMGR_COID (%#x, %#x)", a, b);
	tap_ok(f >= 0 && f < _NTO_SIDE_CHANNEL, "index 0 gives a file-descriptor coid (%d)", f);
	TAP_CALL(ConnectDetach(a), 0, 0, "ConnectDetach");
	TAP_CALL(ConnectDetach(a), -1, EINVAL, "ConnectDetach twice: EINVAL");
	ConnectDetach(b);
	ConnectDetach(f);
}

int main(void)
{
	qt_isolate("msg");
	tap_plan(7 + 2 + 4 + 3 + 7 + 4);
	chid = ChannelCreate(0);
	reply_roundtrip();
	error_roundtrip();
	rcvid_lifetime();
	server_dies();
	bad_ids();
	coid_numbers();
	return tap_done();
}
