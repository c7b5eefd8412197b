/*
 * qnxsim: MsgDeliverEvent / MsgVerifyEvent -- who the rcvid names, whether
 * the server may deliver this event to it, and what a handle stands for.
 * The delivery itself, per event type, is in notify.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "state.h"

#define EV_BASE(ev)     ((ev)->sigev_notify & 0x7f)

/* Fills t for rcvid; 0 or -ESRCH / -EBADF as the MsgDeliverEvent page says. */
static int resolve_rcvid(int64_t rcvid, struct qs_target *t)
{
	int conn, slot, self = qs_self();
	struct qs_conn *cn;

	t->server = self;
	if (rcvid == 0) {               /* the calling thread itself */
		t->client = self;
		t->conn = -1;
		t->tid = gettid();
		return 0;
	}
	if (qs_rcvid_decode(rcvid, &conn, &slot) != 0)
		return -ESRCH;
	cn = &qs_node->conns[conn];
	if (cn->state == QS_CONN_FREE || cn->srv_pid != qs_node->procs[self].id.pid ||
	    !qs_proc_alive(cn->owner))
		return -ESRCH;          /* (a dead owner's connections are now freed) */
	if (cn->state == QS_CONN_DETACHED)
		return -EBADF;
	t->client = cn->owner;
	t->conn = conn;
	t->tid = cn->last_tid;
	return 0;
}

static int permitted(const struct qs_reg *r, int server)
{
	if (qs_fault("deliver-unpermitted"))
		return 1;
	switch (r->perm) {
	case QS_PERM_ANY:
		return 1;
	case QS_PERM_PROC:
		return r->perm_id.pid == qs_node->procs[server].id.pid &&
		       r->perm_id.start == qs_node->procs[server].id.start;
	default:
		return 0;       /* QS_PERM_PROCNTO: no user process is procnto */
	}
}

static int has_code(int base)
{
	return base == (SIGEV_SIGNAL_CODE & 0x7f) || base == (SIGEV_SIGNAL_THREAD & 0x7f) ||
	       base == (SIGEV_PULSE & 0x7f);
}

/* A handle becomes the registered event; the server's value and code are
 * taken only where the client marked them updateable. */
static int translate_handle(const struct qs_target *t, const struct sigevent *in,
			    struct sigevent *out)
{
	int i = (int)(in->sigev_handle & 0x3ff);
	struct qs_reg *r = &qs_node->regs[i];
	int keep = qs_fault("ignore-updateable");

	if (!r->in_use || r->handle != in->sigev_handle || r->owner != t->client)
		return -EINVAL;
	if (!permitted(r, t->server))
		return -EACCES;
	*out = r->ev;
	if ((r->ev.sigev_notify & SIGEV_FLAG_UPDATEABLE) && !keep)
		out->sigev_value = in->sigev_value;
	if ((r->ev.sigev_notify & SIGEV_FLAG_CODE_UPDATEABLE) && !keep && has_code(EV_BASE(out)))
		out->sigev_code = in->sigev_code;
	return 0;
}

static int connection_allows(const struct qs_target *t, const struct sigevent *in,
			     int base)
{
	unsigned flags = t->conn >= 0 ? qs_node->conns[t->conn].flags : 0;

	if (flags & _NTO_COF_NOEVENT)
		return -EACCES;
	if (!(in->sigev_notify & SIGEV_FLAG_HANDLE)) {
		if (flags & _NTO_COF_REG_EVENTS)
			return -EACCES;
		/* 7.1+: unregistered events need procnto -U (see README.md). */
		if (!qs_procnto_u())
			return -EACCES;
	}
#if _NTO_VERSION < 800
	if ((flags & _NTO_COF_INSECURE) &&
	    (base == (SIGEV_MEMORY & 0x7f) || base == (SIGEV_THREAD & 0x7f)))
		return -EACCES;
#else
	(void)base;
#endif
	return 0;
}

static int deliver_common(const char *call, int64_t rcvid, const struct sigevent *event,
			  int dry)
{
	struct qs_target t;
	struct sigevent ev;
	int err;

	if ((err = qs_begin(call)) != 0)
		return -err;
	if (event == NULL)
		err = -EFAULT;
	else if ((err = resolve_rcvid(rcvid, &t)) == 0) {
		ev = *event;
		if (event->sigev_notify & SIGEV_FLAG_HANDLE)
			err = translate_handle(&t, event, &ev);
		if (err == 0)
			err = connection_allows(&t, event, EV_BASE(&ev));
		if (err == 0)
			err = qs_deliver(&t, &ev, dry);
	}
	qs_leave();
	return err;
}

static void delay_if_asked(void)
{
	int ms = qs_fault("delay-deliveries");

	if (ms > 0) {
		struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

		nanosleep(&ts, NULL);
	}
}

int MsgDeliverEvent_r(rcvid_t rcvid, const struct sigevent *event)
{
	delay_if_asked();
	return deliver_common("MsgDeliverEvent", rcvid, event, qs_fault("drop-deliveries"));
}

int MsgDeliverEvent(rcvid_t rcvid, const struct sigevent *event)
{
	int r = MsgDeliverEvent_r(rcvid, event);

	return QS_RET_ERRNO(r);
}

int MsgVerifyEvent_r(rcvid_t rcvid, const struct sigevent *event)
{
	return deliver_common("MsgVerifyEvent", rcvid, event, 1);
}

int MsgVerifyEvent(rcvid_t rcvid, const struct sigevent *event)
{
	int r = MsgVerifyEvent_r(rcvid, event);

	return QS_RET_ERRNO(r);
}
