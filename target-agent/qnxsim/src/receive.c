/*
 * qnxsim: the receiving side -- MsgReceive, MsgReceivePulse -- and pulses
 * (MsgSendPulse).  Pulses and messages are received in arrival order.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include "state.h"

static int oldest_message(int ch)
{
	int best = -1;

	for (int i = 0; i < QS_MAX_SLOTS; i++) {
		struct qs_slot *s = &qs_node->slots[i];

		if (s->state == QS_SLOT_QUEUED && s->chan == ch &&
		    (best < 0 || s->seq < qs_node->slots[best].seq))
			best = i;
	}
	return best;
}

static void take_pulse(struct qs_chan *c, void *buf, size_t bytes, struct _msg_info *info)
{
	struct _pulse p = c->pulses[c->phead].p;

	c->phead = (c->phead + 1) % QS_MAX_PULSES;
	c->pcount--;
	memcpy(buf, &p, bytes < sizeof p ? bytes : sizeof p);
	if (info != NULL) {
		memset(info, 0, sizeof *info);
		info->chid = c->chid;
		info->scoid = p.scoid;
		info->msglen = info->srcmsglen = sizeof p;
		info->dstmsglen = bytes;
	}
}

static void fill_info(int i, struct _msg_info *info, size_t bytes)
{
	struct qs_slot *s = &qs_node->slots[i];
	struct qs_conn *cn = &qs_node->conns[s->conn];

	memset(info, 0, sizeof *info);
	info->pid = qs_node->procs[s->client].id.pid;
	info->tid = s->client_tid;
	info->chid = qs_node->chans[s->chan].chid;
	info->scoid = qs_scoid_of(s->client);
	info->coid = cn->coid;
	info->priority = 10;
	info->srcmsglen = s->len;
	info->msglen = s->len < bytes ? s->len : bytes;
	info->dstmsglen = s->rmax;
}

static int take_message(int i, void *msg, size_t bytes, struct _msg_info *info)
{
	struct qs_slot *s = &qs_node->slots[i];

	s->state = QS_SLOT_RECEIVED;
	s->server = qs_self();
	memcpy(msg, s->msg, s->len < bytes ? s->len : bytes);
	if (info != NULL)
		fill_info(i, info, bytes);
	return qs_rcvid_encode(s->conn, i);
}

static int64_t receive(const char *call, int chid, void *msg, size_t bytes,
		       struct _msg_info *info, int pulses_only)
{
	struct qs_deadline d;
	int err, ch;
	uint32_t gen;

	qs_deadline_take(STATE_RECEIVE, &d);
	if ((err = qs_begin(call)) != 0)
		return -err;
	if ((ch = qs_chan_lookup(qs_self(), chid)) < 0) {
		qs_leave();
		return -ESRCH;
	}
	struct qs_chan *c = &qs_node->chans[ch];
	for (gen = c->gen; c->in_use && c->gen == gen;) {
		int m = pulses_only ? -1 : oldest_message(ch);
		uint64_t pseq = c->pcount ? c->pulses[c->phead].seq : UINT64_MAX;

		if (c->pcount && (m < 0 || pseq < qs_node->slots[m].seq)) {
			take_pulse(c, msg, bytes, info);
			qs_leave();
			return 0;
		}
		if (m >= 0) {
			int rcvid = take_message(m, msg, bytes, info);

			qs_leave();
			return rcvid;
		}
		if ((err = qs_wait(&c->futex, c->futex, &d)) != 0) {
			qs_leave();
			return -err;
		}
	}
	qs_leave();
	return -ESRCH;                  /* the channel was destroyed under us */
}

rcvid_t MsgReceive_r(int chid, void *msg, size_t bytes, struct _msg_info *info)
{
	return (rcvid_t)receive("MsgReceive", chid, msg, bytes, info, 0);
}

rcvid_t MsgReceive(int chid, void *msg, size_t bytes, struct _msg_info *info)
{
	rcvid_t r = MsgReceive_r(chid, msg, bytes, info);

	return r < 0 ? (errno = (int)-r, -1) : r;
}

int MsgReceivePulse_r(int chid, void *pulse, size_t bytes, struct _msg_info *info)
{
	return (int)receive("MsgReceivePulse", chid, pulse, bytes, info, 1);
}

int MsgReceivePulse(int chid, void *pulse, size_t bytes, struct _msg_info *info)
{
	int r = MsgReceivePulse_r(chid, pulse, bytes, info);

	return QS_RET_ERRNO(r);
}

/* Pulse priorities: 1..255 exist; above 63 needs PROCMGR_AID_PRIORITY. */
int qs_pulse_prio_check(int prio, int target_proc)
{
	if (prio == SIGEV_PULSE_PRIO_INHERIT)
		return 0;
	if (prio < 0 || prio > 255)
		return -EINVAL;
	if (prio > 63 && !qs_has_ability(target_proc, PROCMGR_AID_PRIORITY))
		return -EPERM;
	return 0;
}

int MsgSendPulse_r(int coid, int priority, int code, int value)
{
	int err, self, c, ch;
	union sigval v;

	if ((err = qs_begin("MsgSendPulse")) != 0)
		return -err;
	self = qs_self();
	c = qs_conn_lookup(self, coid);
	ch = c < 0 ? -1 : qs_conn_chan(c);
	if (ch < 0)
		err = -EBADF;
	else
		err = qs_pulse_prio_check(priority, self);
	if (err == 0) {
		memset(&v, 0, sizeof v);
		v.sival_int = value;
		err = qs_pulse_enqueue(ch, code, v, qs_scoid_of(self));
	}
	qs_leave();
	return err;
}

int MsgSendPulse(int coid, int priority, int code, int value)
{
	int r = MsgSendPulse_r(coid, priority, code, value);

	return QS_RET_ERRNO(r);
}
