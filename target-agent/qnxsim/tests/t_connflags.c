/*
 * ConnectFlags against the ConnectFlags page and qnx-facts.md (7.1 vs 8.0):
 * returned previous flags, errors, and who may clear which flag.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/neutrino.h>
#include <sys/procmgr.h>
#include "qtest.h"
#include "tap.h"

static int chid, coid;
static int cmd[2];

static void own_connection(void)
{
	TAP_CALL(ConnectFlags(0, coid, 0, 0), _NTO_COF_REG_EVENTS, 0, "query returns the flags given at attach");
	TAP_CALL(ConnectFlags(0, coid, _NTO_COF_CLOEXEC, _NTO_COF_CLOEXEC), _NTO_COF_REG_EVENTS,
		 0, "setting CLOEXEC returns the previous flags");
	TAP_CALL(ConnectFlags(getpid(), coid, _NTO_COF_CLOEXEC, 0), _NTO_COF_REG_EVENTS | _NTO_COF_CLOEXEC,
		 0, "own pid works like 0; CLOEXEC was set");
	TAP_CALL(ConnectFlags(0, coid, 0, 0), _NTO_COF_REG_EVENTS, 0, "CLOEXEC cleared");
	TAP_CALL(ConnectFlags(0, _NTO_SIDE_CHANNEL + 500, 0, 0), -1, EBADF, "unknown coid: EBADF");
	TAP_CALL(ConnectFlags(0, coid, 0x10000, 0x10000), -1, EINVAL, "mask bit outside _NTO_COF_MASK: EINVAL");
	TAP_CALL(ConnectFlags(0, SYSMGR_COID, _NTO_COF_CLOEXEC, _NTO_COF_CLOEXEC), 0, 0,
		 "SYSMGR_COID is a connection of every process");
	TAP_CALL(ConnectFlags(0, SYSMGR_COID, 0, 0), _NTO_COF_CLOEXEC, 0, "SYSMGR_COID keeps its flags");
}

#if _NTO_VERSION >= 800
static void profile_rules(pid_t child, int ccoid)
{
	(void)ccoid;
	TAP_CALL(ConnectFlags(0, coid, _NTO_COF_NOEVENT, _NTO_COF_NOEVENT), -1, ENOTSUP,
		 "8.0: NOEVENT in the mask: ENOTSUP");
	TAP_CALL(ConnectFlags(0, coid, _NTO_COF_REG_EVENTS, 0), -1, ENOTSUP,
		 "8.0: REG_EVENTS in the mask: ENOTSUP");
	TAP_CALL(ConnectFlags(child, 0, 0, 0), -1, EINVAL, "8.0: another process's pid: EINVAL");
	for (int i = 0; i < 6; i++)
		tap_skip("7.1 only", "7.1 rule %d", i + 1);
}
#else
static void profile_rules(pid_t child, int ccoid)
{
	TAP_CALL(ConnectFlags(0, coid, _NTO_COF_INSECURE, _NTO_COF_INSECURE), _NTO_COF_REG_EVENTS, 0,
		 "7.1: either side may set INSECURE");
	TAP_CALL(ConnectFlags(0, coid, _NTO_COF_INSECURE, 0), _NTO_COF_REG_EVENTS | _NTO_COF_INSECURE, 0,
		 "7.1: clearing INSECURE is accepted...");
	TAP_CALL(ConnectFlags(0, coid, 0, 0), _NTO_COF_REG_EVENTS | _NTO_COF_INSECURE, 0,
		 "...but only the kernel clears it: still set");
	TAP_CALL(ConnectFlags(999999, coid, 0, 0), -1, ESRCH, "7.1: a pid that does not exist: ESRCH");
	TAP_CALL(ConnectFlags(child, ccoid, _NTO_COF_NOEVENT, 0), _NTO_COF_NOEVENT, 0,
		 "7.1: the server clears NOEVENT on the client's connection...");
	TAP_CALL(ConnectFlags(child, ccoid, 0, 0), _NTO_COF_NOEVENT, 0,
		 "...and it stays set: only the client clears it");
	procmgr_ability(0, PROCMGR_ADN_ROOT | PROCMGR_AOP_DENY | PROCMGR_AID_XPROCESS_QUERY,
			PROCMGR_AID_EOL);
	TAP_CALL(ConnectFlags(child, ccoid, 0, 0), -1, EPERM,
		 "7.1: without PROCMGR_AID_XPROCESS_QUERY: EPERM");
	for (int i = 0; i < 2; i++)
		tap_skip("8.0 only", "8.0 rule %d", i + 1);
}
#endif

/* The client clears NOEVENT itself when told to, then reports its flags. */
static int client(void *arg, int wfd)
{
	int c = ConnectAttach(0, getppid(), chid, _NTO_SIDE_CHANNEL, _NTO_COF_NOEVENT);
	char go;
	int flags;

	(void)arg;
	qt_write(wfd, &c, sizeof c);
	if (qt_read(cmd[0], &go, 1, 5000) != 0)
		return 1;
#if _NTO_VERSION < 800
	ConnectFlags(0, c, _NTO_COF_NOEVENT, 0);
#endif
	flags = ConnectFlags(0, c, 0, 0);
	qt_write(wfd, &flags, sizeof flags);
	return 0;
}

int main(void)
{
	int rfd, ccoid = -1, flags = -1;
	pid_t child;

	qt_isolate("connflags");
	tap_plan(8 + 9 + 1);
	chid = ChannelCreate(0);
	coid = ConnectAttach(0, 0, chid, _NTO_SIDE_CHANNEL, _NTO_COF_REG_EVENTS);
	if (pipe(cmd) != 0 || chid < 0 || coid < 0)
		return 1;
	child = qt_spawn(client, NULL, &rfd);
	qt_read(rfd, &ccoid, sizeof ccoid, 3000);
	own_connection();
	profile_rules(child, ccoid);
	qt_write(cmd[1], "g", 1);
	qt_read(rfd, &flags, sizeof flags, 3000);
#if _NTO_VERSION < 800
	tap_ok(flags == 0, "7.1: the client itself clears NOEVENT (flags now %#x)", (unsigned)flags);
#else
	tap_ok(flags == _NTO_COF_NOEVENT, "8.0: NOEVENT given at attach is reported (%#x)", (unsigned)flags);
#endif
	qt_reap(child, 3000);
	return tap_done();
}
