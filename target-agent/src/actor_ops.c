/*
 * The op implementations that act on channels, connections and events held
 * by the actor. Message passing and waiting are in actor_msg.c.
 */
#include "actor.h"
#include "actor_msg.h"
#include "compat.h"
#include "symtab.h"

#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/neutrino.h>

/* Runs expr between two clock reads and records ret / errno. */
#define TIMED_CALL(r, expr) do { \
		int64_t t0_ = monotonic_ns(); \
		long long ret_; \
		errno = 0; \
		ret_ = (long long)(expr); \
		(r)->elapsed_ns = monotonic_ns() - t0_; \
		result_done((r), ret_, ret_ == -1 ? errno : 0); \
	} while (0)

/*
 * The _r form of a kernel call (r_variant=1). It returns EOK, a value (ConnectFlags_r: the
 * previous flags) or an error code, and must leave errno alone. The result names the error
 * code as errno and gives the sign of an error return as ret (-1, or 1 for a positive code),
 * so the record reads the same on every libc; detail has the raw return and, when the call
 * changed errno (it must not), the errno it set.
 */
#define R_ERRNO_CANARY EILSEQ
#define R_CALL(r, value_on_success, expr) do { \
		int64_t t0_ = monotonic_ns(); \
		long long raw_; \
		int after_; \
		errno = R_ERRNO_CANARY; \
		raw_ = (long long)(expr); \
		after_ = errno; \
		(r)->elapsed_ns = monotonic_ns() - t0_; \
		r_form_result((r), raw_, after_, (value_on_success)); \
	} while (0)

static void r_form_result(struct wire_result *r, long long raw, int after, bool value_on_success)
{
	char name[32];
	if (raw == 0 || (value_on_success && raw > 0))
		result_done(r, raw, 0);
	else
		result_done(r, raw < 0 ? -1 : 1, (int)(raw < 0 ? -raw : raw));
	if (after != R_ERRNO_CANARY)
		snprintf(r->detail, sizeof r->detail, "{\"r_variant\":true,\"returned\":%lld,\"errno_set\":\"%s\"}",
		         raw, sym_errno_text(after, name, sizeof name));
	else
		snprintf(r->detail, sizeof r->detail, "{\"r_variant\":true,\"returned\":%lld}", raw);
}

static const char *text_arg(const struct wire_cmd *c, enum arg_key key)
{
	const struct wire_arg *a = wire_arg_find(c, key);
	return a && a->is_text ? a->text : NULL;
}

static void op_channel_create(const struct wire_cmd *c, struct wire_result *r)
{
	TIMED_CALL(r, ChannelCreate((unsigned)wire_num(c, K_FLAGS, 0)));
}

static void op_connect_attach(const struct wire_cmd *c, struct wire_result *r)
{
	pid_t pid = (pid_t)wire_num(c, K_TO, 0);
	int chid = (int)wire_num(c, K_CHID, 0);
	unsigned index = (unsigned)wire_num(c, K_INDEX, _NTO_SIDE_CHANNEL);
	int flags = (int)wire_num(c, K_FLAGS, 0);
	TIMED_CALL(r, ConnectAttach(QHIL_LOCAL_NODE, pid, chid, index, flags));
}

static void op_connect_detach(const struct wire_cmd *c, struct wire_result *r)
{
	TIMED_CALL(r, ConnectDetach((int)wire_num(c, K_COID, -1)));
}

static void op_connect_flags(const struct wire_cmd *c, struct wire_result *r)
{
	pid_t pid = (pid_t)wire_num(c, K_PID, 0);
	int coid = (int)wire_num(c, K_COID, -1);
	unsigned mask = (unsigned)wire_num(c, K_MASK, 0);
	unsigned bits = (unsigned)wire_num(c, K_BITS, 0);
	if (wire_num(c, K_R_VARIANT, 0))
		R_CALL(r, true, ConnectFlags_r(pid, coid, mask, bits));
	else
		TIMED_CALL(r, ConnectFlags(pid, coid, mask, bits));
}

static bool is_signal_type(int type)
{
	return type == SIGEV_SIGNAL || type == SIGEV_SIGNAL_CODE ||
	       type == SIGEV_SIGNAL_THREAD;
}

/* The event arguments each type uses besides type, as, updateable,
 * code_updateable and flags (PROTOCOL.md, "Events"). */
static const enum arg_key *type_keys(int type, const char **name)
{
	static const enum arg_key none[] = { K_COUNT };
	static const enum arg_key signal[] = { K_SIGNO, K_VALUE, K_SIVAL_INT, K_COUNT };
	static const enum arg_key signal_code[] = { K_SIGNO, K_VALUE, K_CODE, K_SIVAL_INT, K_COUNT };
	static const enum arg_key pulse[] = { K_COID, K_PRIORITY, K_CODE, K_VALUE, K_SIVAL_INT, K_COUNT };
	static const enum arg_key thread[] = { K_VALUE, K_COUNT };
	static const enum arg_key memory[] = { K_MEMOP, K_VALUE, K_WORD, K_MAP, K_OFFSET, K_ADDR, K_COUNT };
	if (type == SIGEV_NONE) { *name = "SIGEV_NONE"; return none; }
	if (type == SIGEV_UNBLOCK) { *name = "SIGEV_UNBLOCK"; return none; }
	if (type == SIGEV_INTR) { *name = "SIGEV_INTR"; return none; }
	if (type == SIGEV_SIGNAL) { *name = "SIGEV_SIGNAL"; return signal; }
	if (type == SIGEV_SIGNAL_CODE) { *name = "SIGEV_SIGNAL_CODE"; return signal_code; }
	if (type == SIGEV_SIGNAL_THREAD) { *name = "SIGEV_SIGNAL_THREAD"; return signal_code; }
	if (type == SIGEV_PULSE) { *name = "SIGEV_PULSE"; return pulse; }
	if (type == SIGEV_THREAD) { *name = "SIGEV_THREAD"; return thread; }
	if (type == SIGEV_MEMORY) { *name = "SIGEV_MEMORY"; return memory; }
	return NULL;
}

/* Every argument given is one the type uses; false with r broken. */
static bool check_event_args(const struct wire_cmd *c, int type, struct wire_result *r)
{
	const char *name = "";
	const enum arg_key *keys = type_keys(type, &name);
	if (!keys) {
		result_broken(r, "event: type %d is not one of SIGEV_NONE, SIGEV_SIGNAL, "
		              "SIGEV_SIGNAL_CODE, SIGEV_SIGNAL_THREAD, SIGEV_PULSE, "
		              "SIGEV_UNBLOCK, SIGEV_INTR, SIGEV_THREAD, SIGEV_MEMORY", type);
		return false;
	}
	for (int i = 0; i < c->nargs; i++) {
		enum arg_key k = (enum arg_key)c->args[i].key;
		bool ok = k == K_TYPE || k == K_AS || k == K_UPDATEABLE ||
		          k == K_CODE_UPDATEABLE || k == K_FLAGS;
		for (unsigned j = 0; !ok && keys[j] != K_COUNT; j++)
			ok = keys[j] == k;
		if (!ok) {
			result_broken(r, "event: %s takes no %s=", name, key_name(k));
			return false;
		}
	}
	return true;
}

/* The address a SIGEV_MEMORY event acts on; NULL with r broken. */
static void *memory_addr(struct actor *a, const struct wire_cmd *c, struct wire_result *r)
{
	if (wire_has(c, K_ADDR)) {
		if (wire_has(c, K_WORD) || wire_has(c, K_MAP)) {
			result_broken(r, "event: give one of word=, map= and addr=");
			return NULL;
		}
		return (void *)(uintptr_t)wire_num(c, K_ADDR, 0);
	}
	return (void *)(uintptr_t)actor_word_addr(a, c, r);
}

/* Fills ev with the SIGEV_*_INIT macro of the type; false with r broken. */
static bool build_event(struct actor *a, const struct wire_cmd *c, struct sigevent *ev,
                        struct wire_result *r)
{
	int type = (int)wire_num(c, K_TYPE, -1);
	int signo = (int)wire_num(c, K_SIGNO, 0);
	int ival = (int)wire_num(c, K_VALUE, 0);
	/* The *_INIT macros store the value through sival_ptr on some releases:
	 * hand them a pointer-sized value so either form compiles cleanly. */
	void *value = (void *)(intptr_t)ival;
	short code = (short)wire_num(c, K_CODE, 0);
	bool as_int = wire_num(c, K_SIVAL_INT, 0) != 0;
	memset(ev, 0, sizeof *ev);
	if (!check_event_args(c, type, r))
		return false;
	if (is_signal_type(type) && !wire_has(c, K_SIGNO)) {
		result_broken(r, "event: this type needs signo=");
		return false;
	}
	if ((type == SIGEV_SIGNAL_CODE || type == SIGEV_SIGNAL_THREAD) && !wire_has(c, K_CODE)) {
		result_broken(r, "event: this type needs code=");
		return false;
	}
	if (type == SIGEV_PULSE && !wire_has(c, K_COID)) {
		result_broken(r, "event: SIGEV_PULSE needs coid=");
		return false;
	}
	if (type == SIGEV_MEMORY && !wire_has(c, K_MEMOP)) {
		result_broken(r, "event: SIGEV_MEMORY needs memop=");
		return false;
	}
	if (type == SIGEV_SIGNAL && as_int)
		SIGEV_SIGNAL_VALUE_INT_INIT(ev, signo, ival);
	else if (type == SIGEV_SIGNAL && wire_has(c, K_VALUE))
		SIGEV_SIGNAL_VALUE_INIT(ev, signo, value);
	else if (type == SIGEV_SIGNAL)
		SIGEV_SIGNAL_INIT(ev, signo);
	else if (type == SIGEV_SIGNAL_CODE && as_int)
		SIGEV_SIGNAL_CODE_INT_INIT(ev, signo, ival, code);
	else if (type == SIGEV_SIGNAL_CODE)
		SIGEV_SIGNAL_CODE_INIT(ev, signo, value, code);
	else if (type == SIGEV_SIGNAL_THREAD && as_int) {
		/* QNX has no SIGEV_SIGNAL_THREAD_INT_INIT: the pointer form, then
		 * the int value and SIGEV_FLAG_SIVAL_INT set by hand. */
		SIGEV_SIGNAL_THREAD_INIT(ev, signo, NULL, code);
		ev->sigev_value.sival_int = ival;
		ev->sigev_notify |= SIGEV_FLAG_SIVAL_INT;
	} else if (type == SIGEV_SIGNAL_THREAD)
		SIGEV_SIGNAL_THREAD_INIT(ev, signo, value, code);
	else if (type == SIGEV_PULSE && as_int)
		SIGEV_PULSE_INT_INIT(ev, (int)wire_num(c, K_COID, -1),
		                     (int)wire_num(c, K_PRIORITY, SIGEV_PULSE_PRIO_INHERIT), code, ival);
	else if (type == SIGEV_PULSE)
		SIGEV_PULSE_INIT(ev, (int)wire_num(c, K_COID, -1),
		                 (int)wire_num(c, K_PRIORITY, SIGEV_PULSE_PRIO_INHERIT), code, value);
	else if (type == SIGEV_UNBLOCK)
		SIGEV_UNBLOCK_INIT(ev);
	else if (type == SIGEV_INTR)
		SIGEV_INTR_INIT(ev);
	else if (type == SIGEV_NONE)
		SIGEV_NONE_INIT(ev);
	else if (type == SIGEV_THREAD)
		SIGEV_THREAD_INIT(ev, actor_thread_notify, value, NULL);
	else {      /* SIGEV_MEMORY */
		void *addr = memory_addr(a, c, r);
		if (!addr && r->status == WIRE_BROKEN)
			return false;
		SIGEV_MEMORY_INIT(ev, addr, ival, (int)wire_num(c, K_MEMOP, 0));
	}
	if (wire_num(c, K_UPDATEABLE, 0))
		SIGEV_MAKE_UPDATEABLE(ev);
	/* No MAKE macro for it in QNX: the sigevent page sets the bit directly. */
	if (wire_num(c, K_CODE_UPDATEABLE, 0))
		ev->sigev_notify |= SIGEV_FLAG_CODE_UPDATEABLE;
	ev->sigev_notify |= (int)(unsigned)wire_num(c, K_FLAGS, 0);
	return true;
}

static void op_event(struct actor *a, const struct wire_cmd *c, struct wire_result *r)
{
	struct sigevent ev;
	const char *name = text_arg(c, K_AS);
	if (!name) {
		result_broken(r, "event needs as=");
		return;
	}
	if (!build_event(a, c, &ev, r))
		return;
	if (!events_put(&a->events, name, &ev)) {
		result_broken(r, "actor %s holds %d events already", a->name, EVENT_TABLE_MAX);
		return;
	}
	snprintf(r->detail, sizeof r->detail, "{\"notify\":%d}", ev.sigev_notify);
	result_done(r, 0, 0);
}

/* Copies the named event out of the table; false with r broken. */
static bool lookup_event(struct actor *a, const struct wire_cmd *c,
                         struct sigevent *ev, const char **name, struct wire_result *r)
{
	*name = text_arg(c, K_EVENT);
	if (!*name || !events_get(&a->events, *name, ev)) {
		result_broken(r, "actor %s has no event '%s'", a->name, *name ? *name : "");
		return false;
	}
	return true;
}

static void op_register_event(struct actor *a, const struct wire_cmd *c,
                              struct wire_result *r)
{
	struct sigevent ev;
	const char *name;
	if (!lookup_event(a, c, &ev, &name, r))
		return;
	if (wire_num(c, K_R_VARIANT, 0)) {
		R_CALL(r, false, MsgRegisterEvent_r(&ev, (int)wire_num(c, K_COID, -1)));
		if (r->ret == 0)
			events_put(&a->events, name, &ev);
		return;
	}
	TIMED_CALL(r, MsgRegisterEvent(&ev, (int)wire_num(c, K_COID, -1)));
	if (r->ret != -1)
		events_put(&a->events, name, &ev);     /* the handle replaces the event */
	snprintf(r->detail, sizeof r->detail, "{\"handle\":%s}",
	         (ev.sigev_notify & SIGEV_FLAG_HANDLE) ? "true" : "false");
}

static void op_unregister_event(struct actor *a, const struct wire_cmd *c,
                                struct wire_result *r)
{
	struct sigevent ev;
	const char *name;
	if (lookup_event(a, c, &ev, &name, r))
		TIMED_CALL(r, MsgUnregisterEvent(&ev));
}

static void op_verify_event(struct actor *a, const struct wire_cmd *c,
                            struct wire_result *r)
{
	struct sigevent ev;
	const char *name;
	if (lookup_event(a, c, &ev, &name, r))
		TIMED_CALL(r, MsgVerifyEvent((qhil_rcvid_t)wire_num(c, K_RCVID, -1), &ev));
}

static void op_msg_error(const struct wire_cmd *c, struct wire_result *r)
{
	TIMED_CALL(r, MsgError((qhil_rcvid_t)wire_num(c, K_RCVID, -1), (int)wire_num(c, K_ERROR, 0)));
}

static void op_send_pulse(const struct wire_cmd *c, struct wire_result *r)
{
	TIMED_CALL(r, MsgSendPulse((int)wire_num(c, K_COID, -1),
	                           (int)wire_num(c, K_PRIORITY, SIGEV_PULSE_PRIO_INHERIT),
	                           (int)wire_num(c, K_CODE, 0), (int)wire_num(c, K_VALUE, 0)));
}

static void op_reply(const struct wire_cmd *c, struct wire_result *r)
{
	qhil_rcvid_t rcvid = (qhil_rcvid_t)wire_num(c, K_RCVID, -1);
	TIMED_CALL(r, MsgReply(rcvid, (long)wire_num(c, K_STATUS, 0), NULL, 0));
}

static void op_deliver_event(struct actor *a, const struct wire_cmd *c,
                             struct wire_result *r)
{
	struct sigevent ev;
	const char *name;
	qhil_rcvid_t rcvid = (qhil_rcvid_t)wire_num(c, K_RCVID, -1);
	if (!lookup_event(a, c, &ev, &name, r))
		return;
	if (wire_has(c, K_VALUE))
		ev.sigev_value.sival_int = (int)wire_num(c, K_VALUE, 0);
	if (wire_has(c, K_CODE))
		ev.sigev_code = (short)wire_num(c, K_CODE, 0);
	if (wire_has(c, K_VALUE) || wire_has(c, K_CODE))
		events_put(&a->events, name, &ev);
	if (wire_num(c, K_R_VARIANT, 0))
		R_CALL(r, false, MsgDeliverEvent_r(rcvid, &ev));
	else
		TIMED_CALL(r, MsgDeliverEvent(rcvid, &ev));
}

void actor_exec(struct actor *a, const struct wire_cmd *c, struct wire_result *r)
{
	switch ((enum op_id)c->op) {
	case OP_CHANNEL_CREATE:   op_channel_create(c, r); break;
	case OP_CONNECT_ATTACH:   op_connect_attach(c, r); break;
	case OP_CONNECT_DETACH:   op_connect_detach(c, r); break;
	case OP_CONNECT_FLAGS:    op_connect_flags(c, r); break;
	case OP_EVENT:            op_event(a, c, r); break;
	case OP_REGISTER_EVENT:   op_register_event(a, c, r); break;
	case OP_UNREGISTER_EVENT: op_unregister_event(a, c, r); break;
	case OP_SEND_EVENTS:      op_send_events(a, c, r); break;
	case OP_RECEIVE:          op_receive(a, c, r); break;
	case OP_REPLY:            op_reply(c, r); break;
	case OP_DELIVER_EVENT:    op_deliver_event(a, c, r); break;
	case OP_WAIT_EVENT:       op_wait_event(a, c, r); break;
	case OP_AWAIT:            actor_await(a, r); break;
	case OP_CHANNEL_DESTROY:  TIMED_CALL(r, ChannelDestroy((int)wire_num(c, K_CHID, -1))); break;
	case OP_SEND:             op_send(a, c, r); break;
	case OP_SEND_PULSE:       op_send_pulse(c, r); break;
	case OP_MSG_ERROR:        op_msg_error(c, r); break;
	case OP_VERIFY_EVENT:     op_verify_event(a, c, r); break;
	case OP_SHM_CREATE: case OP_SHM_CREATE_HANDLE: case OP_SHM_OPEN_HANDLE:
	case OP_SHM_OPEN_HANDLE_PID: case OP_SHM_REVOKE: case OP_MMAP: case OP_MUNMAP:
	case OP_CLOSE: case OP_MEM_WRITE: case OP_MEM_READ:
		op_shm(a, c, r);
		break;
	case OP_CLIENT_INFO: case OP_SERVER_INFO: case OP_PROCMGR_ABILITY: case OP_SET_UID:
	case OP_KILL: case OP_EXIT:
		op_proc(a, c, r);
		break;
	default:                  result_broken(r, "unknown op %d", (int)c->op); break;
	}
}
