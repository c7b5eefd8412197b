/*
 * qnxsim: synchronous messages -- MsgSend, MsgReceive, MsgReply, MsgError.
 * A message in flight occupies a slot of the node; its client waits on the
 * slot's futex, receivers wait on the channel's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include "state.h"

int qs_rcvid_decode(int64_t rcvid, int *conn, int *slot)
{
	uint32_t gen;

	if (rcvid <= 0 || rcvid > INT32_MAX)
		return -1;
	*conn = (int)(rcvid & ((1 << QS_RCVID_CONN_BITS) - 1));
	*slot = (int)((rcvid >> QS_RCVID_CONN_BITS) & ((1 << QS_RCVID_SLOT_BITS) - 1));
	gen = (uint32_t)(rcvid >> (QS_RCVID_CONN_BITS + QS_RCVID_SLOT_BITS));
	if (*conn >= QS_MAX_CONNS || gen != qs_node->conns[*conn].gen)
		return -1;
	return 0;
}

int qs_rcvid_encode(int conn, int slot)
{
	return conn | slot << QS_RCVID_CONN_BITS |
	       (int)(qs_node->conns[conn].gen << (QS_RCVID_CONN_BITS + QS_RCVID_SLOT_BITS));
}

static int slot_alloc(void)
{
	for (int i = 0; i < QS_MAX_SLOTS; i++)
		if (qs_node->slots[i].state == QS_SLOT_FREE)
			return i;
	return -1;
}

static void slot_release(struct qs_slot *s)
{
	s->state = QS_SLOT_FREE;
	s->gen = qs_next_gen(s->gen);
}

/* Queues the message; returns the slot index or -errno. */
static int send_queue(int coid, const void *smsg, size_t sbytes, size_t rbytes)
{
	int self = qs_self(), c = qs_conn_lookup(self, coid), ch, i;

	if (c < 0)
		return coid == SYSMGR_COID ? -ENOSYS : -EBADF;
	if (qs_node->conns[c].chan < 0)
		return -ENOSYS;         /* procnto's own messages are not emulated */
	if ((ch = qs_conn_chan(c)) < 0)
		return -EBADF;
	if (sbytes > QS_MSG_MAX)
		return -EMSGSIZE;
	if ((i = slot_alloc()) < 0)
		return -EAGAIN;
	struct qs_slot *s = &qs_node->slots[i];
	s->client = self;
	s->client_tid = gettid();
	s->conn = c;
	s->chan = ch;
	s->server = -1;
	s->seq = ++qs_node->msg_seq;
	s->error = 0;
	s->status = 0;
	s->len = (uint32_t)sbytes;
	s->rlen = 0;
	s->rmax = rbytes > QS_MSG_MAX ? QS_MSG_MAX : (uint32_t)rbytes;
	if (sbytes > 0)
		memcpy(s->msg, smsg, sbytes);
	s->state = QS_SLOT_QUEUED;
	qs_node->conns[c].last_tid = s->client_tid;
	qs_node->chans[ch].futex++;
	qs_wake(&qs_node->chans[ch].futex);
	return i;
}

/* A wait of a blocked client ended without a reply (timeout or signal). */
static long send_abandon(struct qs_slot *s, int why)
{
	slot_release(s);                /* a later MsgReply gets ESRCH */
	return -why;
}

/* A REPLY-blocked client of an _NTO_CHF_UNBLOCK channel is not released by
 * a timeout or signal: the server gets _PULSE_CODE_UNBLOCK (value: the
 * rcvid) and decides, as on QNX.  Returns 1 when that applies. */
static int unblock_request(int i)
{
	struct qs_slot *s = &qs_node->slots[i];
	struct qs_chan *c = &qs_node->chans[s->chan];
	union sigval v = { .sival_int = qs_rcvid_encode(s->conn, i) };

	if (s->state != QS_SLOT_RECEIVED || !c->in_use || !(c->flags & _NTO_CHF_UNBLOCK))
		return 0;
	qs_pulse_enqueue(s->chan, _PULSE_CODE_UNBLOCK, v, qs_scoid_of(s->client));
	return 1;
}

static long send_wait(int i, const struct qs_deadline *ds, const struct qs_deadline *dr,
		      void *rmsg)
{
	struct qs_slot *s = &qs_node->slots[i];
	struct qs_deadline none = { 0 };
	uint32_t gen = s->gen;
	long ret;

	while (s->gen == gen && s->state != QS_SLOT_DONE) {
		const struct qs_deadline *d = s->state == QS_SLOT_QUEUED ? ds : dr;
		int r = qs_wait(&s->futex, s->futex, d);

		if (s->gen != gen || s->state == QS_SLOT_DONE)
			break;
		if (r != 0 && unblock_request(i))
			dr = &none;     /* from now on only the server releases us */
		else if (r != 0)
			return send_abandon(s, r);
		if (qs_node->chans[s->chan].in_use)
			qs_proc_alive(qs_node->chans[s->chan].owner);
	}
	if (s->gen != gen)
		return -ESRCH;
	if (s->error != 0) {
		ret = -s->error;
	} else {
		if (s->rlen > 0 && rmsg != NULL)
			memcpy(rmsg, s->reply, s->rlen);
		ret = (long)s->status;
	}
	slot_release(s);
	return ret;
}

long MsgSend_r(int coid, const void *smsg, size_t sbytes, void *rmsg, size_t rbytes)
{
	struct qs_deadline ds, dr;
	int err, i;
	long ret;

	qs_deadline_take(STATE_SEND, &ds);
	qs_deadline_take(STATE_REPLY, &dr);
	if ((err = qs_begin("MsgSend")) != 0)
		return -err;
	i = send_queue(coid, smsg, sbytes, rmsg == NULL ? 0 : rbytes);
	ret = i < 0 ? i : send_wait(i, &ds, &dr, rmsg);
	qs_leave();
	return ret;
}

long MsgSend(int coid, const void *smsg, size_t sbytes, void *rmsg, size_t rbytes)
{
	long r = MsgSend_r(coid, smsg, sbytes, rmsg, rbytes);

	return r < 0 ? (errno = (int)-r, -1) : r;
}

/* The server side of a reply; -ESRCH unless rcvid is a message we hold. */
static int reply_slot(int64_t rcvid)
{
	int conn, slot;

	if (qs_rcvid_decode(rcvid, &conn, &slot) != 0)
		return -ESRCH;
	struct qs_slot *s = &qs_node->slots[slot];
	if (s->state != QS_SLOT_RECEIVED || s->conn != conn || s->server != qs_self())
		return -ESRCH;
	return slot;
}

static void reply_finish(struct qs_slot *s, int error, long status,
			 const void *msg, size_t bytes)
{
	s->error = error;
	s->status = status;
	s->rlen = bytes > s->rmax ? s->rmax : (uint32_t)bytes;
	if (s->rlen > 0 && msg != NULL)
		memcpy(s->reply, msg, s->rlen);
	else
		s->rlen = 0;
	s->state = QS_SLOT_DONE;
	s->futex++;
	qs_wake(&s->futex);
}

int MsgReply_r(rcvid_t rcvid, long status, const void *msg, size_t bytes)
{
	int err, i;

	if ((err = qs_begin("MsgReply")) != 0)
		return -err;
	if ((i = reply_slot(rcvid)) >= 0)
		reply_finish(&qs_node->slots[i], 0, status, msg, bytes);
	qs_leave();
	return i < 0 ? i : 0;
}

int MsgReply(rcvid_t rcvid, long status, const void *msg, size_t bytes)
{
	int r = MsgReply_r(rcvid, status, msg, bytes);

	return QS_RET_ERRNO(r);
}

int MsgError_r(rcvid_t rcvid, int error)
{
	int err, i;

	if ((err = qs_begin("MsgError")) != 0)
		return -err;
	if ((i = reply_slot(rcvid)) >= 0)
		reply_finish(&qs_node->slots[i], error, error == EOK ? EOK : -1, NULL, 0);
	qs_leave();
	return i < 0 ? i : 0;
}

int MsgError(rcvid_t rcvid, int error)
{
	int r = MsgError_r(rcvid, error);

	return QS_RET_ERRNO(r);
}
