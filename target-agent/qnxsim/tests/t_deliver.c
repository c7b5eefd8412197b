/*
 * MsgDeliverEvent against the MsgRegisterEvent / MsgDeliverEvent pages and
 * sigevent page: one table row per documented behaviour.  For each row a
 * forked client builds and (maybe) registers the event, sends it to this
 * process (the server), and reports what it then received.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/neutrino.h>
#include "qtest.h"
#include "tap.h"

#define RT(k)   (1000 + (k))    /* SIGRTMIN + k, resolved at run time */
#define KEEP    (-9999)         /* the server leaves the field alone */
#define UPD     SIGEV_FLAG_UPDATEABLE
#define CUPD    SIGEV_FLAG_CODE_UPDATEABLE

enum reg { R_NONE, R_SERVER, R_SYSMGR, R_ANY };

struct dcase {
	const char *desc;
	int         type, signo, value, code, prio;
	unsigned    evflags;
	enum reg    reg;
	unsigned    conflags;
	int         procnto_u;
	int         srv_value, srv_code;
	long        exp_ret;
	int         exp_err;
	struct qt_obs exp;              /* what the client must observe */
};

#define SIG(s, v, c)    { QT_SIGNAL, s, v, c }
#define PUL(c, v)       { QT_PULSE, 0, v, c }
#define NOTHING         { QT_NONE, 0, 0, 0 }

static const struct dcase cases[] = {
	{ "registered SIGEV_SIGNAL is delivered with its value", SIGEV_SIGNAL, SIGUSR1, 13, 0, 0, 0,
	  R_SERVER, 0, 0, KEEP, KEEP, 0, 0, SIG(SIGUSR1, 13, SI_QUEUE) },
	{ "non-updateable: server's value ignored, original delivered", SIGEV_SIGNAL, SIGUSR1, 13, 0, 0, 0,
	  R_SERVER, 0, 0, 57, KEEP, 0, 0, SIG(SIGUSR1, 13, SI_QUEUE) },
	{ "SIGEV_FLAG_UPDATEABLE: server's value delivered", SIGEV_SIGNAL, SIGUSR2, 34, 0, 0, UPD,
	  R_SERVER, 0, 0, 57, KEEP, 0, 0, SIG(SIGUSR2, 57, SI_QUEUE) },
	{ "SIGNAL_CODE without CODE_UPDATEABLE: original code", SIGEV_SIGNAL_CODE, SIGUSR1, 5, -100, 0, UPD,
	  R_SERVER, 0, 0, KEEP, -90, 0, 0, SIG(SIGUSR1, 5, -100) },
	{ "SIGNAL_CODE with CODE_UPDATEABLE: server's code", SIGEV_SIGNAL_CODE, SIGUSR1, 5, -100, 0, CUPD,
	  R_SERVER, 0, 0, 77, -90, 0, 0, SIG(SIGUSR1, 5, -90) },
	{ "registered for SYSMGR_COID: user server gets EACCES", SIGEV_SIGNAL, SIGUSR2, 34, 0, 0, 0,
	  R_SYSMGR, 0, 0, KEEP, KEEP, -1, EACCES, NOTHING },
	{ "registered with coid -1: any server may deliver", SIGEV_SIGNAL, SIGUSR2, 8, 0, 0, 0,
	  R_ANY, 0, 0, KEEP, KEEP, 0, 0, SIG(SIGUSR2, 8, SI_QUEUE) },
	{ "unregistered on _NTO_COF_REG_EVENTS connection (procnto -U): EACCES", SIGEV_SIGNAL, SIGUSR1, 1, 0, 0, 0,
	  R_NONE, _NTO_COF_REG_EVENTS, 1, KEEP, KEEP, -1, EACCES, NOTHING },
	{ "unregistered without procnto -U: refused with EACCES", SIGEV_SIGNAL, SIGUSR1, 1, 0, 0, 0,
	  R_NONE, 0, 0, KEEP, KEEP, -1, EACCES, NOTHING },
	{ "unregistered with procnto -U: delivered", SIGEV_SIGNAL, SIGUSR1, 21, 0, 0, 0,
	  R_NONE, 0, 1, KEEP, KEEP, 0, 0, SIG(SIGUSR1, 21, SI_QUEUE) },
	{ "_NTO_COF_NOEVENT: even a registered event gets EACCES", SIGEV_SIGNAL, SIGUSR1, 1, 0, 0, 0,
	  R_SERVER, _NTO_COF_NOEVENT, 0, KEEP, KEEP, -1, EACCES, NOTHING },
	{ "SIGEV_SIGNAL signo 0: EINVAL", SIGEV_SIGNAL, 0, 1, 0, 0, 0,
	  R_NONE, 0, 1, KEEP, KEEP, -1, EINVAL, NOTHING },
	{ "SIGEV_SIGNAL signo QNX NSIG (SIGRTMIN+16): EINVAL", SIGEV_SIGNAL, RT(16), 1, 0, 0, 0,
	  R_NONE, 0, 1, KEEP, KEEP, -1, EINVAL, NOTHING },
	{ "SIGEV_SIGNAL SIGRTMAX (QNX NSIG-1) is in range", SIGEV_SIGNAL, RT(15), 3, 0, 0, 0,
	  R_SERVER, 0, 0, KEEP, KEEP, 0, 0, SIG(RT(15), 3, SI_QUEUE) },
	{ "SIGNAL_CODE code SI_MAXAVAIL+1: EINVAL", SIGEV_SIGNAL_CODE, SIGUSR1, 1, -63, 0, 0,
	  R_NONE, 0, 1, KEEP, KEEP, -1, EINVAL, NOTHING },
	{ "SIGNAL_CODE code SI_MINAVAIL-1: EINVAL", SIGEV_SIGNAL_CODE, SIGUSR1, 1, -129, 0, 0,
	  R_NONE, 0, 1, KEEP, KEEP, -1, EINVAL, NOTHING },
	{ "SIGNAL_CODE code SI_MINAVAIL is in range", SIGEV_SIGNAL_CODE, SIGUSR1, 4, -128, 0, 0,
	  R_SERVER, 0, 0, KEEP, KEEP, 0, 0, SIG(SIGUSR1, 4, -128) },
	{ "SIGNAL_THREAD to the sending thread, with code", SIGEV_SIGNAL_THREAD, SIGUSR2, 9, -70, 0, 0,
	  R_SERVER, 0, 0, KEEP, KEEP, 0, 0, SIG(SIGUSR2, 9, -70) },
	{ "registered SIGEV_PULSE arrives on the client's channel", SIGEV_PULSE, 0, 13, 5, 10, 0,
	  R_SERVER, 0, 0, KEEP, KEEP, 0, 0, PUL(5, 13) },
	{ "pulse, non-updateable: original value and code", SIGEV_PULSE, 0, 13, 5, 10, 0,
	  R_SERVER, 0, 0, 57, 9, 0, 0, PUL(5, 13) },
	{ "pulse, UPDATEABLE|CODE_UPDATEABLE: server's value and code", SIGEV_PULSE, 0, 13, 5, 10, UPD | CUPD,
	  R_SERVER, 0, 0, 57, 9, 0, 0, PUL(9, 57) },
	{ "pulse priority 256: EINVAL", SIGEV_PULSE, 0, 1, 5, 256, 0,
	  R_NONE, 0, 1, KEEP, KEEP, -1, EINVAL, NOTHING },
	{ "pulse priority SIGEV_PULSE_PRIO_INHERIT is valid", SIGEV_PULSE, 0, 2, 6, -1, 0,
	  R_SERVER, 0, 0, KEEP, KEEP, 0, 0, PUL(6, 2) },
	{ "unknown event type 42: EINVAL", 42, 0, 1, 0, 0, 0,
	  R_NONE, 0, 1, KEEP, KEEP, -1, EINVAL, NOTHING },
	{ "SIGEV_NONE: accepted, nothing delivered", SIGEV_NONE, 0, 0, 0, 0, 0,
	  R_SERVER, 0, 0, KEEP, KEEP, 0, 0, NOTHING },
};

#define NCASES ((int)(sizeof cases / sizeof cases[0]))

static int server_chid;

static int real_signo(int s)
{
	return s >= 1000 ? SIGRTMIN + (s - 1000) : s;
}

static void build_event(const struct dcase *c, int pulse_coid, struct sigevent *ev)
{
	memset(ev, 0, sizeof *ev);
	if (c->type == SIGEV_PULSE)
		SIGEV_PULSE_INIT(ev, pulse_coid, c->prio, c->code, c->value);
	else if (c->type == SIGEV_SIGNAL_CODE)
		SIGEV_SIGNAL_CODE_INIT(ev, real_signo(c->signo), c->value, c->code);
	else if (c->type == SIGEV_SIGNAL_THREAD)
		SIGEV_SIGNAL_THREAD_INIT(ev, real_signo(c->signo), c->value, c->code);
	else if (c->type == SIGEV_NONE)
		SIGEV_NONE_INIT(ev);
	else {
		SIGEV_SIGNAL_VALUE_INIT(ev, real_signo(c->signo), c->value);
		SIGEV_SET_TYPE(ev, c->type);
	}
	ev->sigev_notify |= (int)c->evflags;
}

static int client(void *arg, int wfd)
{
	const struct dcase *c = arg;
	struct sigevent ev;
	struct qt_obs obs;
	sigset_t set;
	int chid, pcoid, coid, reg = 0;

	qt_block_signals(&set);
	chid = ChannelCreate(0);
	pcoid = ConnectAttach(0, 0, chid, _NTO_SIDE_CHANNEL, 0);
	coid = ConnectAttach(0, getppid(), server_chid, _NTO_SIDE_CHANNEL, (int)c->conflags);
	if (chid < 0 || pcoid < 0 || coid < 0)
		return 10;
	build_event(c, pcoid, &ev);
	if (c->reg == R_SERVER)
		reg = MsgRegisterEvent(&ev, coid);
	else if (c->reg == R_SYSMGR)
		reg = MsgRegisterEvent(&ev, SYSMGR_COID);
	else if (c->reg == R_ANY)
		reg = MsgRegisterEvent(&ev, -1);
	if (reg != 0)
		return 11;
	if (MsgSend(coid, &ev, sizeof ev, NULL, 0) < 0)
		return 12;
	qt_observe(chid, 300, &obs);
	return qt_write(wfd, &obs, sizeof obs) == 0 ? 0 : 13;
}

static int obs_equal(const struct qt_obs *got, const struct qt_obs *exp)
{
	if (got->kind != exp->kind)
		return 0;
	if (got->kind == QT_SIGNAL)
		return got->signo == real_signo(exp->signo) && got->value == exp->value &&
		       got->code == exp->code;
	if (got->kind == QT_PULSE)
		return got->value == exp->value && got->code == exp->code;
	return 1;
}

static void run_case(const struct dcase *c)
{
	struct sigevent ev;
	struct qt_obs obs = { -1, 0, 0, 0 };
	uint64_t limit = 5000000000ull;
	int rfd, rcvid, ret, err;
	pid_t pid;

	if (qt_emulated() && c->exp.kind == QT_SIGNAL && c->exp.code != SI_QUEUE) {
		tap_skip(QT_EMU_SIGCODE, "%s", c->desc);
		tap_skip(QT_EMU_SIGCODE, "%s: observed", c->desc);
		return;
	}
	pid = qt_spawn(client, (void *)c, &rfd);
	TimerTimeout(CLOCK_MONOTONIC, _NTO_TIMEOUT_RECEIVE, NULL, &limit, NULL);
	rcvid = MsgReceive(server_chid, &ev, sizeof ev, NULL);
	if (pid < 0 || rcvid <= 0) {
		tap_ok(0, "%s (setup: client status %d)", c->desc, pid < 0 ? -1 : qt_reap(pid, 1000));
		tap_ok(0, "%s: observed", c->desc);
		return;
	}
	MsgReply(rcvid, 0, NULL, 0);
	if (c->srv_value != KEEP)
		ev.sigev_value.sival_int = c->srv_value;
	if (c->srv_code != KEEP)
		ev.sigev_code = (short)c->srv_code;
	if (c->procnto_u)
		setenv("QNXSIM_PROCNTO_U", "1", 1);
	else
		unsetenv("QNXSIM_PROCNTO_U");
	ret = MsgDeliverEvent(rcvid, &ev);
	err = errno;
	tap_call(ret, err, c->exp_ret, c->exp_err, c->desc);
	if (qt_read(rfd, &obs, sizeof obs, 2000) != 0)
		obs.kind = -1;
	tap_ok(obs_equal(&obs, &c->exp), "%s: client observed kind %d signo %d value %d code %d",
	       c->desc, obs.kind, obs.signo, obs.value, obs.code);
	close(rfd);
	qt_reap(pid, 2000);
}

int main(void)
{
	qt_isolate("deliver");
	tap_plan(NCASES * 2);
	server_chid = ChannelCreate(0);
	if (server_chid < 0) {
		perror("ChannelCreate");
		return 1;
	}
	for (int i = 0; i < NCASES; i++)
		run_case(&cases[i]);
	return tap_done();
}
