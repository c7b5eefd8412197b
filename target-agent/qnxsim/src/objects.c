/*
 * qnxsim: lookup, teardown and reclamation of kernel objects (lock held).
 */
#include <errno.h>
#include <string.h>
#include "state.h"

uint32_t qs_next_gen(uint32_t gen)
{
	gen = (gen + 1) & QS_GEN_MASK;
	return gen == 0 ? 1 : gen;      /* generation 0 never appears in an id */
}

int qs_chan_lookup(int p, int chid)
{
	for (int i = 0; i < QS_MAX_CHANS; i++) {
		struct qs_chan *ch = &qs_node->chans[i];

		if (ch->in_use && ch->owner == p && ch->chid == chid)
			return i;
	}
	return -1;
}

int qs_conn_lookup(int p, int coid)
{
	for (int i = 0; i < QS_MAX_CONNS; i++) {
		struct qs_conn *c = &qs_node->conns[i];

		if (c->state == QS_CONN_LIVE && c->owner == p && c->coid == coid)
			return i;
	}
	return -1;
}

int qs_conn_chan(int c)
{
	struct qs_conn *cn = &qs_node->conns[c];
	struct qs_chan *ch;

	if (cn->chan < 0)
		return -1;
	ch = &qs_node->chans[cn->chan];
	if (!ch->in_use || ch->gen != cn->chan_gen)
		return -1;
	return cn->chan;
}

int qs_scoid_of(int client_proc)
{
	return _NTO_CONNECTION_SCOID | client_proc;
}

/* Finishes a message in flight with an error for its client. */
static void slot_fail(struct qs_slot *s, int err)
{
	s->state = QS_SLOT_DONE;
	s->error = err;
	s->futex++;
	qs_wake(&s->futex);
}

static void slot_free(struct qs_slot *s)
{
	s->state = QS_SLOT_FREE;
	s->gen = qs_next_gen(s->gen);
	s->futex++;
	qs_wake(&s->futex);
}

void qs_chan_destroy(int ch)
{
	struct qs_chan *c = &qs_node->chans[ch];

	for (int i = 0; i < QS_MAX_SLOTS; i++) {
		struct qs_slot *s = &qs_node->slots[i];

		if (s->chan == ch && (s->state == QS_SLOT_QUEUED || s->state == QS_SLOT_RECEIVED))
			slot_fail(s, ESRCH);
	}
	for (int i = 0; i < QS_MAX_NAMES; i++)
		if (qs_node->names[i].in_use && qs_node->names[i].chan == ch)
			qs_node->names[i].in_use = 0;
	c->in_use = 0;
	c->gen = qs_next_gen(c->gen);
	c->pcount = 0;
	c->futex++;
	qs_wake(&c->futex);
}

/* A client gone from a server: _PULSE_CODE_DISCONNECT when it asked for it. */
static void conn_notify_disconnect(int c)
{
	struct qs_conn *cn = &qs_node->conns[c];
	int ch = qs_conn_chan(c);
	union sigval v = { .sival_int = 0 };

	if (ch < 0 || !(qs_node->chans[ch].flags & _NTO_CHF_DISCONNECT))
		return;
	for (int i = 0; i < QS_MAX_CONNS; i++) {
		struct qs_conn *o = &qs_node->conns[i];

		if (i != c && o->state == QS_CONN_LIVE && o->owner == cn->owner &&
		    qs_conn_chan(i) >= 0 &&
		    qs_node->chans[o->chan].owner == qs_node->chans[ch].owner)
			return;         /* the client still has a connection to it */
	}
	qs_pulse_enqueue(ch, _PULSE_CODE_DISCONNECT, v, qs_scoid_of(cn->owner));
}

void qs_conn_detach(int c)
{
	struct qs_conn *cn = &qs_node->conns[c];

	conn_notify_disconnect(c);
	for (int i = 0; i < QS_MAX_SLOTS; i++) {
		struct qs_slot *s = &qs_node->slots[i];

		if (s->conn == c && s->state == QS_SLOT_QUEUED)
			slot_fail(s, EBADF);
	}
	/* The tombstone keeps rcvids of this connection answering EBADF. */
	cn->state = QS_CONN_DETACHED;
}

int qs_pulse_enqueue(int ch, int code, union sigval value, int scoid)
{
	struct qs_chan *c = &qs_node->chans[ch];
	struct qs_pulse_ent *e;

	if (c->pcount >= QS_MAX_PULSES)
		return -EAGAIN;
	e = &c->pulses[(c->phead + c->pcount) % QS_MAX_PULSES];
	memset(e, 0, sizeof *e);
	e->seq = ++qs_node->msg_seq;
	e->p.type = _PULSE_TYPE;
	e->p.subtype = _PULSE_SUBTYPE;
	e->p.code = (int8_t)code;
	e->p.value = value;
	e->p.scoid = scoid;
	c->pcount++;
	c->futex++;
	qs_wake(&c->futex);
	return 0;
}

static void reclaim_slots(int p)
{
	for (int i = 0; i < QS_MAX_SLOTS; i++) {
		struct qs_slot *s = &qs_node->slots[i];

		if (s->state == QS_SLOT_FREE)
			continue;
		if (s->client == p)
			slot_free(s);   /* its server's MsgReply now gets ESRCH */
		else if (s->state == QS_SLOT_RECEIVED && s->server == p)
			slot_fail(s, ESRCH);
	}
}

void qs_proc_reclaim(int p)
{
	for (int i = 0; i < QS_MAX_CONNS; i++) {
		struct qs_conn *c = &qs_node->conns[i];

		if (c->state != QS_CONN_FREE && c->owner == p) {
			if (c->state == QS_CONN_LIVE)
				qs_conn_detach(i);
			c->state = QS_CONN_FREE;
			c->gen = qs_next_gen(c->gen);
		}
	}
	reclaim_slots(p);
	for (int i = 0; i < QS_MAX_CHANS; i++)
		if (qs_node->chans[i].in_use && qs_node->chans[i].owner == p)
			qs_chan_destroy(i);
	for (int i = 0; i < QS_MAX_EVENTS; i++)
		if (qs_node->regs[i].in_use && qs_node->regs[i].owner == p)
			qs_node->regs[i].in_use = 0;
	for (int i = 0; i < QS_MAX_SHMH; i++) {
		struct qs_shmh *h = &qs_node->shmh[i];

		/* A handle to a named object outlives its creator; one that reaches
		 * the object through the creator's fd table does not. */
		if (h->in_use && (h->recipient == qs_node->procs[p].id.pid ||
				  (h->creator.pid == qs_node->procs[p].id.pid &&
				   strncmp(h->path, "/proc/", 6) == 0)))
			h->in_use = 0;
	}
	for (int i = 0; i < QS_MAX_BLOCKED; i++)
		if (qs_node->blocked[i].proc == p)
			qs_node->blocked[i].in_use = 0;
	qs_node->procs[p].in_use = 0;
}
