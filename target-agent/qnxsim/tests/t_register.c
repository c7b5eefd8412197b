/*
 * MsgRegisterEvent / MsgUnregisterEvent against the MsgRegisterEvent page:
 * the handle replaces the event, the errors, the _r variant's convention.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/neutrino.h>
#include <sys/procmgr.h>
#include "qtest.h"
#include "tap.h"

static int coid;        /* a connection to our own channel */

static void thread_fn(union sigval v)
{
	(void)v;
}

struct rcase {
	const char *desc;
	int         kind;       /* 0 signal, 1 already a handle, 2 thread */
	int         coid;       /* -2: the valid coid */
	long        exp_ret;
	int         exp_err;
};

static const struct rcase cases[] = {
	{ "coid of a connection to a server", 0, -2, 0, 0 },
	{ "coid -1 (any server)", 0, -1, 0, 0 },
	{ "coid SYSMGR_COID (procnto)", 0, SYSMGR_COID, 0, 0 },
	{ "coid that is no connection: EINVAL", 0, 12345, -1, EINVAL },
	{ "side-channel coid never attached: EINVAL", 0, _NTO_SIDE_CHANNEL + 77, -1, EINVAL },
	{ "event already registered: EINVAL", 1, -2, -1, EINVAL },
	{ "SIGEV_THREAD with PROCMGR_AID_SIGEV_THREAD (root)", 2, -2, 0, 0 },
};

static void event_for(const struct rcase *c, struct sigevent *ev)
{
	if (c->kind == 2) {
		SIGEV_THREAD_INIT(ev, thread_fn, 0, NULL);
		return;
	}
	SIGEV_SIGNAL_VALUE_INIT(ev, SIGUSR1, 13);
	if (c->kind == 1 && MsgRegisterEvent(ev, coid) != 0)
		tap_diag("setup: first registration failed");
}

static void table(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct rcase *c = &cases[i];
		struct sigevent ev;

		memset(&ev, 0, sizeof ev);
		event_for(c, &ev);
		TAP_CALL(MsgRegisterEvent(&ev, c->coid == -2 ? coid : c->coid), c->exp_ret,
			 c->exp_err, c->desc);
	}
}

static void handle_shape(void)
{
	struct sigevent ev, orig;

	SIGEV_SIGNAL_VALUE_INIT(&ev, SIGUSR2, 34);
	SIGEV_MAKE_UPDATEABLE(&ev);
	orig = ev;
	tap_ok(MsgRegisterEvent(&ev, coid) == EOK, "MsgRegisterEvent returns EOK");
	tap_ok(ev.sigev_notify & SIGEV_FLAG_HANDLE, "registered event has SIGEV_FLAG_HANDLE");
	tap_ok(SIGEV_GET_TYPE(&ev) == SIGEV_GET_TYPE(&orig), "type bits kept (0x%x)",
	       (unsigned)SIGEV_GET_TYPE(&ev));
	tap_ok(ev.sigev_notify & SIGEV_FLAG_UPDATEABLE, "SIGEV_FLAG_UPDATEABLE still visible to the server");
	tap_ok(ev.sigev_handle != 0 && ev.sigev_handle != SIGEV_INVALID_HANDLE,
	       "handle 0x%x is a real handle", ev.sigev_handle);
	struct sigevent ev2 = orig;
	MsgRegisterEvent(&ev2, coid);
	tap_ok(ev2.sigev_handle != ev.sigev_handle, "two registrations, two handles");
	TAP_CALL(MsgUnregisterEvent(&ev), 0, 0, "MsgUnregisterEvent of a handle");
	TAP_CALL(MsgUnregisterEvent(&ev), -1, ESRCH, "MsgUnregisterEvent twice: ESRCH");
	TAP_CALL(MsgUnregisterEvent(&orig), -1, EINVAL, "MsgUnregisterEvent of a non-handle: EINVAL");
	MsgUnregisterEvent(&ev2);
}

static void r_variant(void)
{
	struct sigevent ev;

	SIGEV_SIGNAL_INIT(&ev, SIGUSR1);
	errno = 1234;
	tap_ok(MsgRegisterEvent_r(&ev, 99999) == EINVAL && errno == 1234,
	       "MsgRegisterEvent_r returns EINVAL (positive) and leaves errno alone");
	tap_ok(MsgRegisterEvent_r(&ev, coid) == EOK, "MsgRegisterEvent_r returns EOK");
	MsgUnregisterEvent(&ev);
	errno = 777;
	tap_ok(MsgSendPulse_r(_NTO_SIDE_CHANNEL + 4321, 10, 1, 1) == -EBADF && errno == 777,
	       "MsgSendPulse_r returns -EBADF and leaves errno alone");
	int c = ChannelCreate_r(0);
	tap_ok(c > 0 && ConnectAttach_r(0, 0, c, _NTO_SIDE_CHANNEL, 0) > 0 && errno == 777,
	       "successful _r calls leave errno alone");
}

static void limit(void)
{
	struct sigevent ev[4];
	int r = 0;

	setenv("QNXSIM_MAX_REG_EVENTS", "3", 1);
	for (int i = 0; i < 3 && r == 0; i++) {
		SIGEV_SIGNAL_INIT(&ev[i], SIGUSR1);
		r = MsgRegisterEvent(&ev[i], coid);
	}
	tap_ok(r == 0, "QNXSIM_MAX_REG_EVENTS=3: three registrations succeed");
	SIGEV_SIGNAL_INIT(&ev[3], SIGUSR1);
	TAP_CALL(MsgRegisterEvent(&ev[3], coid), -1, EAGAIN, "fourth registration: EAGAIN");
	MsgUnregisterEvent(&ev[0]);
	SIGEV_SIGNAL_INIT(&ev[3], SIGUSR1);
	TAP_CALL(MsgRegisterEvent(&ev[3], coid), 0, 0, "after an unregister: room again");
	unsetenv("QNXSIM_MAX_REG_EVENTS");
}

static void thread_ability(void)
{
	struct sigevent ev;

	tap_ok(procmgr_ability(0, PROCMGR_ADN_ROOT | PROCMGR_ADN_NONROOT | PROCMGR_AOP_DENY |
			       PROCMGR_AID_SIGEV_THREAD, PROCMGR_AID_EOL) == EOK,
	       "procmgr_ability denies PROCMGR_AID_SIGEV_THREAD");
	SIGEV_THREAD_INIT(&ev, thread_fn, 0, NULL);
	TAP_CALL(MsgRegisterEvent(&ev, coid), -1, EPERM,
		 "SIGEV_THREAD without PROCMGR_AID_SIGEV_THREAD: EPERM");
}

/* "The coid argument can contain any type of connection ID, including ... socket descriptor, or file descriptor." */
static void fd_coids(void)
{
	int fds[2], sock[2];
	struct sigevent ev;

	if (pipe(fds) != 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, sock) != 0) {
		perror("setup");
		exit(1);
	}
	SIGEV_SIGNAL_VALUE_INIT(&ev, SIGUSR1, 1);
	TAP_CALL(MsgRegisterEvent(&ev, fds[0]), 0, 0, "coid that is a pipe's file descriptor");
	TAP_CALL(MsgDeliverEvent(0, &ev), -1, EACCES,
		 "an fd's server is no user process: the registering process may not deliver it");
	SIGEV_SIGNAL_VALUE_INIT(&ev, SIGUSR1, 2);
	TAP_CALL(MsgRegisterEvent(&ev, sock[1]), 0, 0, "coid that is a socket descriptor");
	close(fds[1]);
	SIGEV_SIGNAL_VALUE_INIT(&ev, SIGUSR1, 3);
	TAP_CALL(MsgRegisterEvent(&ev, fds[1]), -1, EINVAL, "coid that is a closed file descriptor: EINVAL");
	close(fds[0]);
	close(sock[0]);
	close(sock[1]);
}

int main(void)
{
	int chid;

	qt_isolate("register");
	tap_plan(7 + 9 + 4 + 3 + 2 + 4);
	chid = ChannelCreate(0);
	coid = ConnectAttach(0, 0, chid, _NTO_SIDE_CHANNEL, 0);
	if (chid < 0 || coid < 0) {
		perror("setup");
		return 1;
	}
	limit();                /* first: nothing registered yet */
	table();
	handle_shape();
	r_variant();
	thread_ability();
	fd_coids();
	return tap_done();
}
