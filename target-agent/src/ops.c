#include "ops.h"

#include <string.h>

#define ARGS(a) a, sizeof a / sizeof a[0]

static const struct op_arg channel_create[] = {
	{ K_FLAGS, KIND_FLAGS, R_UINT, false }, { K_AS, KIND_BIND, R_INT, false },
};
static const struct op_arg connect_attach[] = {
	{ K_TO, KIND_PID, R_INT, false }, { K_CHID, KIND_INT, R_INT, true },
	{ K_INDEX, KIND_FLAGS, R_UINT, false }, { K_FLAGS, KIND_FLAGS, R_UINT, false },
	{ K_AS, KIND_BIND, R_INT, false },
};
static const struct op_arg connect_detach[] = {
	{ K_COID, KIND_INT, R_INT, true },
};
static const struct op_arg connect_flags[] = {
	{ K_COID, KIND_INT, R_INT, true }, { K_MASK, KIND_FLAGS, R_UINT, false },
	{ K_BITS, KIND_FLAGS, R_UINT, false }, { K_PID, KIND_PID, R_INT, false },
};
static const struct op_arg event[] = {
	{ K_TYPE, KIND_INT, R_INT, true }, { K_SIGNO, KIND_INT, R_INT, false },
	{ K_VALUE, KIND_INT, R_INT, false }, { K_CODE, KIND_INT, R_SHORT, false },
	{ K_COID, KIND_INT, R_INT, false }, { K_PRIORITY, KIND_INT, R_SHORT, false },
	{ K_UPDATEABLE, KIND_INT, R_BOOL, false },
	{ K_CODE_UPDATEABLE, KIND_INT, R_BOOL, false },
	{ K_AS, KIND_EVENT, R_INT, true },
};
static const struct op_arg register_event[] = {
	{ K_EVENT, KIND_EVENT, R_INT, true }, { K_COID, KIND_INT, R_INT, true },
};
static const struct op_arg unregister_event[] = {
	{ K_EVENT, KIND_EVENT, R_INT, true },
};
static const struct op_arg send_events[] = {
	{ K_COID, KIND_INT, R_INT, true }, { K_EVENTS, KIND_EVENTS, R_INT, true },
};
static const struct op_arg receive[] = {
	{ K_CHID, KIND_INT, R_INT, true }, { K_AS, KIND_BIND, R_INT, false },
};
static const struct op_arg reply[] = {
	{ K_RCVID, KIND_INT, R_LONG, true }, { K_STATUS, KIND_INT, R_INT, false },
};
static const struct op_arg deliver_event[] = {
	{ K_RCVID, KIND_INT, R_LONG, true }, { K_EVENT, KIND_EVENT, R_INT, true },
	{ K_VALUE, KIND_INT, R_INT, false }, { K_CODE, KIND_INT, R_SHORT, false },
};
static const struct op_arg wait_event[] = {
	{ K_TIMEOUT_MS, KIND_INT, R_TIMEOUT, false }, { K_CHID, KIND_INT, R_INT, false },
};

static const struct op_desc ops[OP_COUNT] = {
	[OP_CHANNEL_CREATE]   = { "channel_create", ARGS(channel_create) },
	[OP_CONNECT_ATTACH]   = { "connect_attach", ARGS(connect_attach) },
	[OP_CONNECT_DETACH]   = { "connect_detach", ARGS(connect_detach) },
	[OP_CONNECT_FLAGS]    = { "connect_flags", ARGS(connect_flags) },
	[OP_EVENT]            = { "event", ARGS(event) },
	[OP_REGISTER_EVENT]   = { "register_event", ARGS(register_event) },
	[OP_UNREGISTER_EVENT] = { "unregister_event", ARGS(unregister_event) },
	[OP_SEND_EVENTS]      = { "send_events", ARGS(send_events) },
	[OP_RECEIVE]          = { "receive", ARGS(receive) },
	[OP_REPLY]            = { "reply", ARGS(reply) },
	[OP_DELIVER_EVENT]    = { "deliver_event", ARGS(deliver_event) },
	[OP_WAIT_EVENT]       = { "wait_event", ARGS(wait_event) },
	[OP_AWAIT]            = { "await", NULL, 0 },
};

static const char *const keys[K_COUNT] = {
	[K_AS] = "as", [K_BITS] = "bits", [K_CHID] = "chid", [K_CODE] = "code",
	[K_CODE_UPDATEABLE] = "code_updateable", [K_COID] = "coid",
	[K_EVENT] = "event", [K_EVENTS] = "events", [K_FLAGS] = "flags",
	[K_INDEX] = "index", [K_MASK] = "mask", [K_PID] = "pid",
	[K_PRIORITY] = "priority", [K_RCVID] = "rcvid", [K_SIGNO] = "signo",
	[K_STATUS] = "status", [K_TIMEOUT_MS] = "timeout_ms", [K_TO] = "to",
	[K_TYPE] = "type", [K_UPDATEABLE] = "updateable", [K_VALUE] = "value",
};

static bool same(const char *a, const char *b, size_t blen)
{
	return strlen(a) == blen && memcmp(a, b, blen) == 0;
}

const struct op_desc *op_get(enum op_id op)
{
	return (unsigned)op < OP_COUNT ? &ops[op] : NULL;
}

bool op_find(const char *name, size_t len, enum op_id *op)
{
	for (unsigned i = 0; i < OP_COUNT; i++)
		if (same(ops[i].name, name, len)) {
			*op = (enum op_id)i;
			return true;
		}
	return false;
}

const char *key_name(enum arg_key key)
{
	return (unsigned)key < K_COUNT ? keys[key] : "?";
}

bool key_find(const char *name, size_t len, enum arg_key *key)
{
	for (unsigned i = 0; i < K_COUNT; i++)
		if (same(keys[i], name, len)) {
			*key = (enum arg_key)i;
			return true;
		}
	return false;
}

const struct op_arg *op_arg_spec(enum op_id op, enum arg_key key)
{
	const struct op_desc *d = op_get(op);
	for (unsigned i = 0; d && i < d->nargs; i++)
		if (d->args[i].key == key)
			return &d->args[i];
	return NULL;
}

bool op_binds(enum op_id op)
{
	const struct op_arg *a = op_arg_spec(op, K_AS);
	return a && a->kind == KIND_BIND;
}
