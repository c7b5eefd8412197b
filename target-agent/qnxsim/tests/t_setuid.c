/*
 * A process that changes its uid after it attached to the node: its ability
 * checks follow the new uid (root may grant abilities, non-root may not), a
 * server sees the new uid in ConnectClientInfo, and when such a process is the
 * last to leave a root-owned node -- which it may not unlink -- the node stays
 * usable for the next process instead of turning it away with EAGAIN.
 * Needs root (setuid); skipped otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sys/neutrino.h>
#include <sys/procmgr.h>
#include "qtest.h"
#include "tap.h"

#define NOBODY  65534
#define BOTH    (PROCMGR_ADN_ROOT | PROCMGR_ADN_NONROOT)

struct report {
	int grant_rc;           /* procmgr_ability ALLOW after setuid */
	int pulse_ret, pulse_err;
	int send_ret, send_err;
};

/* Attaches as root, drops to NOBODY, then tries root-only things. */
static int dropper(void *arg, int wfd)
{
	int chid = *(int *)arg;
	struct report rep;
	int coid = ConnectAttach(0, getppid(), chid, _NTO_SIDE_CHANNEL, 0);

	memset(&rep, 0, sizeof rep);
	if (coid == -1 || setgid(NOBODY) != 0 || setuid(NOBODY) != 0)
		return 2;
	rep.grant_rc = procmgr_ability(0, BOTH | PROCMGR_AOP_ALLOW | PROCMGR_AID_IO, PROCMGR_AID_EOL);
	errno = 0;
	rep.pulse_ret = MsgSendPulse(coid, 100, 1, 1);
	rep.pulse_err = errno;
	qt_write(wfd, &rep, sizeof rep);
	errno = 0;
	rep.send_ret = (int)MsgSend(coid, "x", 1, NULL, 0);
	return 0;
}

/* The only process of node: attaches, drops root, exits normally. */
static int last_out(void *arg, int wfd)
{
	(void)wfd;
	setenv("QNXSIM_NODE", (const char *)arg, 1);
	if (ChannelCreate(0) == -1)
		return 2;
	if (setgid(NOBODY) != 0 || setuid(NOBODY) != 0)
		return 3;
	return 0;
}

/* The next process on that node: must be able to attach and, as root, remove it. */
static int next_in(void *arg, int wfd)
{
	int err;

	(void)wfd;
	setenv("QNXSIM_NODE", (const char *)arg, 1);
	errno = 0;
	if (ChannelCreate(0) != -1)
		return 0;
	err = errno;
	return err == EAGAIN ? 10 : 11;
}

static void test_stale_node(void)
{
	char node[128], path[160];
	struct stat st;
	pid_t pid;
	int rfd, st1, st2;

	/* Children forked before this process attached pick the node by name. */
	snprintf(node, sizeof node, "/qnxsim-test-setuid2-%d", (int)getpid());
	snprintf(path, sizeof path, "/dev/shm%s", node);
	pid = qt_spawn(last_out, node, &rfd);
	close(rfd);
	st1 = qt_reap(pid, 10000);
	tap_ok(st1 == 0, "a process attaches, drops root and exits (status %d)", st1);
	pid = qt_spawn(next_in, node, &rfd);
	close(rfd);
	st2 = qt_reap(pid, 20000);
	tap_ok(st2 == 0, "the next process attaches to the node its predecessor could not unlink "
	       "(status %d; 10 = EAGAIN)", st2);
	tap_ok(stat(path, &st) != 0, "the root process, last out, removes the node");
	unlink(path);
}

int main(void)
{
	int chid, rfd, got;
	struct report rep;
	struct _msg_info info;
	struct _client_info ci;
	char buf[8];
	pid_t pid;
	rcvid_t rcvid;

	qt_isolate("setuid");
	tap_plan(7);
	if (geteuid() != 0) {
		for (int i = 0; i < 7; i++)
			tap_skip("needs root", "setuid test %d", i);
		return tap_done();
	}
	test_stale_node();
	chid = ChannelCreate(0);
	pid = qt_spawn(dropper, &chid, &rfd);
	memset(&rep, 0, sizeof rep);
	got = qt_read(rfd, &rep, sizeof rep, 10000);
	tap_ok(got == 0 && rep.grant_rc == EPERM,
	       "after setuid to non-root, granting an ability is EPERM (got %d)", rep.grant_rc);
	tap_ok(rep.pulse_ret == -1 && rep.pulse_err == EPERM,
	       "after setuid to non-root, a priority-100 pulse needs PROCMGR_AID_PRIORITY: EPERM "
	       "(got %d/%s)", rep.pulse_ret, tap_errname(rep.pulse_err));
	memset(&info, 0, sizeof info);
	rcvid = MsgReceive(chid, buf, sizeof buf, &info);
	memset(&ci, 0, sizeof ci);
	got = rcvid > 0 ? ConnectClientInfo(info.scoid, &ci, 0) : -1;
	tap_ok(got == 0 && ci.cred.euid == NOBODY && ci.cred.ruid == NOBODY && ci.cred.egid == NOBODY,
	       "ConnectClientInfo reports the client's uid/gid after its setuid (euid %d)",
	       (int)ci.cred.euid);
	if (rcvid > 0)
		MsgReply(rcvid, 0, NULL, 0);
	close(rfd);
	tap_ok(qt_reap(pid, 10000) == 0, "the client ends normally");
	return tap_done();
}
