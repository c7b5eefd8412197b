/*
 * send_events / receive carry sigevents by name from a client to a server,
 * the pattern of the MsgRegisterEvent page's example; wait_event observes
 * what the kernel delivers to the actor.
 */
#include "actor_msg.h"

#include "compat.h"
#include "symtab.h"
#include "value.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/neutrino.h>
#include <time.h>

#define WAIT_SLICE_NS 1000000u      /* alternation step when also waiting for a pulse */

void op_send_events(struct actor *a, const struct wire_cmd *c, struct wire_result *r)
{
	static const struct qhil_events_msg zero;
	struct qhil_events_msg msg = zero;
	char eb[16];
	const struct wire_arg *names = wire_arg_find(c, K_EVENTS);
	int coid = (int)wire_num(c, K_COID, -1);
	unsigned n;
	int64_t t0;
	long ret;
	if (!names || !names->is_text) {
		result_broken(r, "send_events needs events=");
		return;
	}
	n = value_list_count(names->text, strlen(names->text));
	for (unsigned i = 0; i < n && i < EVENTS_PER_MSG; i++) {
		const char *e;
		size_t len;
		struct qhil_event_entry *ent = &msg.entry[i];
		value_list_elem(names->text, strlen(names->text), i, &e, &len);
		if (len == 0 || len > EVENT_NAME_MAX) {
			result_broken(r, "send_events: bad event name");
			return;
		}
		memcpy(ent->name, e, len);
		if (!events_get(&a->events, ent->name, &ent->ev)) {
			result_broken(r, "actor %s has no event '%s'", a->name, ent->name);
			return;
		}
	}
	msg.type = QHIL_MSG_EVENTS;
	msg.count = n;
	if (bound_next_call(a, _NTO_TIMEOUT_SEND | _NTO_TIMEOUT_REPLY, a->kernel_timeout_ns) == -1) {
		result_broken(r, "TimerTimeout failed: %s", sym_errno_text(errno, eb, sizeof eb));
		return;
	}
	t0 = monotonic_ns();
	errno = 0;
	ret = MsgSend(coid, &msg, QHIL_EVENTS_MSG_HEAD + n * sizeof msg.entry[0], NULL, 0);
	r->elapsed_ns = monotonic_ns() - t0;
	result_done(r, ret, ret == -1 ? errno : 0);
}

/* The plain message of the send op. */
#define QHIL_MSG_VALUE 0x5149u

struct qhil_value_msg {
	uint16_t type;
	uint16_t subtype;
	int32_t  value;
};

void op_send(struct actor *a, const struct wire_cmd *c, struct wire_result *r)
{
	struct qhil_value_msg msg;
	char eb[16];
	int64_t t0;
	long ret;
	msg.type = QHIL_MSG_VALUE;
	msg.subtype = 0;
	msg.value = (int32_t)wire_num(c, K_VALUE, 0);
	if (bound_next_call(a, _NTO_TIMEOUT_SEND | _NTO_TIMEOUT_REPLY, a->kernel_timeout_ns) == -1) {
		result_broken(r, "TimerTimeout failed: %s", sym_errno_text(errno, eb, sizeof eb));
		return;
	}
	t0 = monotonic_ns();
	errno = 0;
	ret = MsgSend((int)wire_num(c, K_COID, -1), &msg, sizeof msg, NULL, 0);
	r->elapsed_ns = monotonic_ns() - t0;
	result_done(r, ret, ret == -1 ? errno : 0);
}

/* Stores the events a send_events message carries; detail lists their names
 * (validated as plain names, so they need no JSON escaping). */
static void store_events(struct actor *a, const struct qhil_events_msg *m,
                         struct wire_result *r)
{
	char *d = r->detail;
	size_t cap = sizeof r->detail, n;
	unsigned ignored = 0;
	const char *sep = "";
	n = (size_t)snprintf(d, cap, "{\"events\":[");
	for (unsigned i = 0; i < m->count; i++) {
		const struct qhil_event_entry *e = &m->entry[i];
		size_t len = strnlen(e->name, sizeof e->name);
		if (len < sizeof e->name && value_is_name(e->name, len, EVENT_NAME_MAX) &&
		    events_put(&a->events, e->name, &e->ev)) {
			n += (size_t)snprintf(d + n, cap - n, "%s\"%s\"", sep, e->name);
			sep = ",";
		} else {
			ignored++;
		}
	}
	if (ignored)        /* entries whose name is not a valid name, or no room */
		snprintf(d + n, cap - n, "],\"ignored\":%u}", ignored);
	else
		snprintf(d + n, cap - n, "]}");
}

static void describe_message(struct actor *a, const void *buf, size_t bytes,
                             struct wire_result *r)
{
	const struct qhil_events_msg *m = buf;
	if (bytes >= QHIL_EVENTS_MSG_HEAD && m->type == QHIL_MSG_EVENTS &&
	    m->count <= EVENTS_PER_MSG &&
	    bytes >= QHIL_EVENTS_MSG_HEAD + m->count * sizeof m->entry[0]) {
		store_events(a, m, r);
		return;
	}
	if (bytes >= sizeof(struct qhil_value_msg) && m->type == QHIL_MSG_VALUE) {
		const struct qhil_value_msg *v = buf;
		snprintf(r->detail, sizeof r->detail,
		         "{\"message\":{\"type\":%u,\"bytes\":%zu,\"value\":%d}}",
		         (unsigned)v->type, bytes, (int)v->value);
		return;
	}
	snprintf(r->detail, sizeof r->detail, "{\"message\":{\"type\":%u,\"bytes\":%zu}}",
	         bytes >= 2 ? (unsigned)m->type : 0u, bytes);
}

/* Appends "info" (who sent the message) to the detail object. */
static void add_info(struct wire_result *r, const struct _msg_info *info)
{
	size_t n = strlen(r->detail);
	if (n < 2 || r->detail[n - 1] != '}')
		return;
	snprintf(r->detail + n - 1, sizeof r->detail - (n - 1),
	         ",\"info\":{\"pid\":%ld,\"scoid\":%d,\"coid\":%d,\"chid\":%d}}",
	         (long)info->pid, (int)info->scoid, (int)info->coid, (int)info->chid);
}

void op_receive(struct actor *a, const struct wire_cmd *c, struct wire_result *r)
{
	union {
		struct qhil_events_msg msg;
		struct _pulse          pulse;
	} buf;
	struct _msg_info info;
	char eb[16];
	int chid = (int)wire_num(c, K_CHID, -1);
	int64_t t0;
	qhil_rcvid_t rcvid;
	size_t got;
	memset(&buf, 0, sizeof buf);
	memset(&info, 0, sizeof info);
	if (bound_next_call(a, _NTO_TIMEOUT_RECEIVE, a->kernel_timeout_ns) == -1) {
		result_broken(r, "TimerTimeout failed: %s", sym_errno_text(errno, eb, sizeof eb));
		return;
	}
	t0 = monotonic_ns();
	errno = 0;
	rcvid = MsgReceive(chid, &buf, sizeof buf, &info);
	r->elapsed_ns = monotonic_ns() - t0;
	result_done(r, (int64_t)rcvid, rcvid == -1 ? errno : 0);
	if (rcvid == 0)
		snprintf(r->detail, sizeof r->detail, "{\"pulse\":{\"code\":%d,\"value\":%d}}",
		         buf.pulse.code, buf.pulse.value.sival_int);
	else if (rcvid > 0) {
		got = (size_t)info.msglen;          /* bytes actually received */
		describe_message(a, &buf, got < sizeof buf ? got : sizeof buf, r);
		add_info(r, &info);
		actor_remember_rcvid(a, (int64_t)rcvid, (int)info.scoid);
	}
}

static void delivered_signal(struct wire_result *r, const siginfo_t *si)
{
	r->delivered = DELIVERED_SIGNAL;
	r->signo = si->si_signo;
	r->code = si->si_code;
	r->value = si->si_value.sival_int;
}

static struct timespec ns_to_timespec(uint64_t ns)
{
	struct timespec ts;
	ts.tv_sec = (time_t)(ns / 1000000000u);
	ts.tv_nsec = (long)(ns % 1000000000u);
	return ts;
}

/* A signal within ns: 1, nothing: 0, failure: -1 with errno. */
static int wait_signal(const sigset_t *set, uint64_t ns, struct wire_result *r)
{
	siginfo_t si;
	int64_t deadline = monotonic_ns() + (int64_t)ns;
	for (;;) {
		int64_t left = deadline - monotonic_ns();
		struct timespec ts = ns_to_timespec(left > 0 ? (uint64_t)left : 0);
		if (sigtimedwait(set, &si, &ts) > 0) {
			delivered_signal(r, &si);
			return 1;
		}
		if (errno == EAGAIN)
			return 0;
		if (errno != EINTR)
			return -1;
	}
}

/* Alternates between the signal set and a pulse on chid until ns elapsed. */
static int wait_signal_or_pulse(struct actor *a, const sigset_t *set, int chid,
                                uint64_t ns, struct wire_result *r)
{
	int64_t deadline = monotonic_ns() + (int64_t)ns;
	for (;;) {
		struct _pulse pulse;
		int64_t left = deadline - monotonic_ns();
		uint64_t slice = left > (int64_t)WAIT_SLICE_NS ? WAIT_SLICE_NS
		                 : left > 0 ? (uint64_t)left : 1;
		int got = wait_signal(set, 0, r);
		if (got != 0)
			return got;
		if (bound_next_call(a, _NTO_TIMEOUT_RECEIVE, slice) == -1)
			return -1;
		if (MsgReceivePulse(chid, &pulse, sizeof pulse, NULL) != -1) {
			r->delivered = DELIVERED_PULSE;
			r->code = pulse.code;
			r->value = pulse.value.sival_int;
			return 1;
		}
		if (errno != ETIMEDOUT && errno != EINTR)
			return -1;
		if (left <= 0)
			return wait_signal(set, 0, r);
	}
}

/* Waits for a pulse on chid only. */
static int wait_pulse(struct actor *a, int chid, uint64_t ns, struct wire_result *r)
{
	struct _pulse pulse;
	if (bound_next_call(a, _NTO_TIMEOUT_RECEIVE, ns) == -1)
		return -1;
	if (MsgReceivePulse(chid, &pulse, sizeof pulse, NULL) != -1) {
		r->delivered = DELIVERED_PULSE;
		r->code = pulse.code;
		r->value = pulse.value.sival_int;
		return 1;
	}
	return errno == ETIMEDOUT ? 0 : -1;
}

static bool arg_word(const struct wire_cmd *c, const char *word)
{
	const struct wire_arg *k = wire_arg_find(c, K_KIND);
	return k && k->is_text && strcmp(k->text, word) == 0;
}

/* The arguments a kind of wait uses; false with r broken. */
static bool check_wait_args(const struct wire_cmd *c, struct wire_result *r)
{
	bool memory = arg_word(c, "memory");
	bool chid_ok = !wire_has(c, K_KIND) || arg_word(c, "pulse") || arg_word(c, "any");
	if ((arg_word(c, "pulse") || arg_word(c, "any")) && !wire_has(c, K_CHID)) {
		result_broken(r, "wait_event: kind=%s needs chid=", wire_arg_find(c, K_KIND)->text);
		return false;
	}
	if (!chid_ok && wire_has(c, K_CHID)) {
		result_broken(r, "wait_event: kind=%s takes no chid=", wire_arg_find(c, K_KIND)->text);
		return false;
	}
	if (!memory && (wire_has(c, K_WORD) || wire_has(c, K_MAP) || wire_has(c, K_OFFSET) ||
	                wire_has(c, K_UNTIL) || wire_has(c, K_FROM))) {
		result_broken(r, "wait_event: word=, map=, offset=, until= and from= need kind=memory");
		return false;
	}
	if (memory && wire_has(c, K_UNTIL) && wire_has(c, K_FROM)) {
		result_broken(r, "wait_event: give until= or from=, not both");
		return false;
	}
	return true;
}

void op_wait_event(struct actor *a, const struct wire_cmd *c, struct wire_result *r)
{
	sigset_t set;
	uint64_t ns = (uint64_t)wire_num(c, K_TIMEOUT_MS, 1000) * 1000000u;
	int64_t t0 = monotonic_ns();
	int chid = (int)wire_num(c, K_CHID, -1);
	int got;
	if (!check_wait_args(c, r))
		return;
	if (ns > a->kernel_timeout_ns)
		ns = a->kernel_timeout_ns;
	actor_signal_set(&set);
	errno = 0;
	if (arg_word(c, "memory")) {
		got = wait_memory(a, c, ns, r);
		if (got == -2)
			return;                     /* bad word/map: r is broken */
	} else if (arg_word(c, "thread"))
		got = wait_thread(a, ns, r);
	else if (arg_word(c, "pulse"))
		got = wait_pulse(a, chid, ns, r);
	else if (arg_word(c, "signal") || !wire_has(c, K_CHID))
		got = wait_signal(&set, ns, r);
	else
		got = wait_signal_or_pulse(a, &set, chid, ns, r);
	r->elapsed_ns = monotonic_ns() - t0;
	result_done(r, got, got == -1 ? errno : 0);
}
