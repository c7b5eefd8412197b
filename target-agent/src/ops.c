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
	{ K_R_VARIANT, KIND_INT, R_BOOL, false },
};
static const struct op_arg event[] = {
	{ K_TYPE, KIND_INT, R_INT, true }, { K_SIGNO, KIND_INT, R_INT, false },
	{ K_VALUE, KIND_INT, R_INT, false }, { K_CODE, KIND_INT, R_SHORT, false },
	{ K_COID, KIND_INT, R_INT, false }, { K_PRIORITY, KIND_INT, R_SHORT, false },
	{ K_SIVAL_INT, KIND_INT, R_BOOL, false },
	{ K_UPDATEABLE, KIND_INT, R_BOOL, false },
	{ K_CODE_UPDATEABLE, KIND_INT, R_BOOL, false },
	{ K_FLAGS, KIND_FLAGS, R_UINT, false }, { K_MEMOP, KIND_INT, R_INT, false },
	{ K_WORD, KIND_INT, R_WORD, false }, { K_MAP, KIND_INT, R_MAP, false },
	{ K_OFFSET, KIND_INT, R_OFFSET, false }, { K_ADDR, KIND_INT, R_ADDR, false },
	{ K_AS, KIND_EVENT, R_INT, true },
};
static const struct op_arg register_event[] = {
	{ K_EVENT, KIND_EVENT, R_INT, true }, { K_COID, KIND_INT, R_INT, true },
	{ K_R_VARIANT, KIND_INT, R_BOOL, false },
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
	{ K_R_VARIANT, KIND_INT, R_BOOL, false },
};
static const struct op_arg wait_event[] = {
	{ K_TIMEOUT_MS, KIND_INT, R_TIMEOUT, false }, { K_KIND, KIND_WORD, R_INT, false },
	{ K_CHID, KIND_INT, R_INT, false }, { K_WORD, KIND_INT, R_WORD, false },
	{ K_MAP, KIND_INT, R_MAP, false }, { K_OFFSET, KIND_INT, R_OFFSET, false },
	{ K_UNTIL, KIND_INT, R_INT, false }, { K_FROM, KIND_INT, R_INT, false },
};
static const struct op_arg channel_destroy[] = {
	{ K_CHID, KIND_INT, R_INT, true },
};
static const struct op_arg client_info[] = {
	{ K_RCVID, KIND_INT, R_LONG, false }, { K_SCOID, KIND_INT, R_INT, false },
};
static const struct op_arg server_info[] = {
	{ K_COID, KIND_INT, R_INT, true }, { K_PID, KIND_PID, R_INT, false },
};
static const struct op_arg send[] = {
	{ K_COID, KIND_INT, R_INT, true }, { K_VALUE, KIND_INT, R_INT, false },
};
static const struct op_arg send_pulse[] = {
	{ K_COID, KIND_INT, R_INT, true }, { K_PRIORITY, KIND_INT, R_INT, false },
	{ K_CODE, KIND_INT, R_INT, false }, { K_VALUE, KIND_INT, R_INT, false },
};
static const struct op_arg msg_error[] = {
	{ K_RCVID, KIND_INT, R_LONG, true }, { K_ERROR, KIND_INT, R_INT, true },
};
static const struct op_arg verify_event[] = {
	{ K_RCVID, KIND_INT, R_LONG, true }, { K_EVENT, KIND_EVENT, R_INT, true },
};
static const struct op_arg shm_create[] = {
	{ K_SIZE, KIND_INT, R_SIZE, false }, { K_AS, KIND_BIND, R_INT, false },
};
static const struct op_arg shm_create_handle[] = {
	{ K_FD, KIND_INT, R_INT, true }, { K_TO, KIND_PID, R_INT, true },
	{ K_FLAGS, KIND_FLAGS, R_INT, true }, { K_OPTIONS, KIND_FLAGS, R_UINT, false },
	{ K_AS, KIND_BIND, R_INT, false },
};
static const struct op_arg shm_open_handle[] = {
	{ K_HANDLE, KIND_INT, R_HANDLE, true }, { K_FLAGS, KIND_FLAGS, R_INT, true },
	{ K_AS, KIND_BIND, R_INT, false },
};
static const struct op_arg shm_open_handle_pid[] = {
	{ K_HANDLE, KIND_INT, R_HANDLE, true }, { K_FLAGS, KIND_FLAGS, R_INT, true },
	{ K_PID, KIND_PID, R_INT, false }, { K_AS, KIND_BIND, R_INT, false },
};
static const struct op_arg shm_revoke[] = {
	{ K_FD, KIND_INT, R_INT, true }, { K_PID, KIND_PID, R_INT, false },
};
static const struct op_arg mmap_args[] = {
	{ K_FD, KIND_INT, R_INT, true }, { K_SIZE, KIND_INT, R_SIZE, false },
	{ K_PROT, KIND_FLAGS, R_INT, false }, { K_AS, KIND_BIND, R_INT, false },
};
static const struct op_arg munmap_args[] = {
	{ K_MAP, KIND_INT, R_MAP, true },
};
static const struct op_arg close_args[] = {
	{ K_FD, KIND_INT, R_INT, true },
};
static const struct op_arg mem_write[] = {
	{ K_MAP, KIND_INT, R_MAP, false }, { K_OFFSET, KIND_INT, R_OFFSET, false },
	{ K_WORD, KIND_INT, R_WORD, false }, { K_VALUE, KIND_INT, R_UINT, true },
};
static const struct op_arg mem_read[] = {
	{ K_MAP, KIND_INT, R_MAP, false }, { K_OFFSET, KIND_INT, R_OFFSET, false },
	{ K_WORD, KIND_INT, R_WORD, false }, { K_AS, KIND_BIND, R_INT, false },
};
static const struct op_arg procmgr_ability[] = {
	{ K_ABILITY, KIND_INT, R_INT, true }, { K_ACTION, KIND_FLAGS, R_UINT, true },
	{ K_DOMAIN, KIND_FLAGS, R_UINT, false }, { K_PID, KIND_PID, R_INT, false },
};
static const struct op_arg set_uid[] = {
	{ K_UID, KIND_INT, R_INT, true }, { K_GID, KIND_INT, R_INT, false },
};
static const struct op_arg kill_args[] = {
	{ K_TO, KIND_ACTOR, R_INT, true }, { K_SIGNO, KIND_INT, R_INT, false },
};
static const struct op_arg exit_args[] = {
	{ K_STATUS, KIND_INT, R_INT, false },
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
	[OP_CHANNEL_DESTROY]  = { "channel_destroy", ARGS(channel_destroy) },
	[OP_CLIENT_INFO]      = { "client_info", ARGS(client_info) },
	[OP_SERVER_INFO]      = { "server_info", ARGS(server_info) },
	[OP_SEND]             = { "send", ARGS(send) },
	[OP_SEND_PULSE]       = { "send_pulse", ARGS(send_pulse) },
	[OP_MSG_ERROR]        = { "msg_error", ARGS(msg_error) },
	[OP_VERIFY_EVENT]     = { "verify_event", ARGS(verify_event) },
	[OP_SHM_CREATE]       = { "shm_create", ARGS(shm_create) },
	[OP_SHM_CREATE_HANDLE] = { "shm_create_handle", ARGS(shm_create_handle) },
	[OP_SHM_OPEN_HANDLE]  = { "shm_open_handle", ARGS(shm_open_handle) },
	[OP_SHM_OPEN_HANDLE_PID] = { "shm_open_handle_pid", ARGS(shm_open_handle_pid) },
	[OP_SHM_REVOKE]       = { "shm_revoke", ARGS(shm_revoke) },
	[OP_MMAP]             = { "mmap", ARGS(mmap_args) },
	[OP_MUNMAP]           = { "munmap", ARGS(munmap_args) },
	[OP_CLOSE]            = { "close", ARGS(close_args) },
	[OP_MEM_WRITE]        = { "mem_write", ARGS(mem_write) },
	[OP_MEM_READ]         = { "mem_read", ARGS(mem_read) },
	[OP_PROCMGR_ABILITY]  = { "procmgr_ability", ARGS(procmgr_ability) },
	[OP_SET_UID]          = { "set_uid", ARGS(set_uid) },
	[OP_KILL]             = { "kill", ARGS(kill_args) },
	[OP_EXIT]             = { "exit", ARGS(exit_args) },
};

static const char *const keys[K_COUNT] = {
	[K_AS] = "as", [K_BITS] = "bits", [K_CHID] = "chid", [K_CODE] = "code",
	[K_CODE_UPDATEABLE] = "code_updateable", [K_COID] = "coid",
	[K_EVENT] = "event", [K_EVENTS] = "events", [K_FLAGS] = "flags",
	[K_INDEX] = "index", [K_MASK] = "mask", [K_PID] = "pid",
	[K_PRIORITY] = "priority", [K_RCVID] = "rcvid", [K_SIGNO] = "signo",
	[K_STATUS] = "status", [K_TIMEOUT_MS] = "timeout_ms", [K_TO] = "to",
	[K_TYPE] = "type", [K_UPDATEABLE] = "updateable", [K_VALUE] = "value",
	[K_SCOID] = "scoid", [K_SIVAL_INT] = "sival_int", [K_MEMOP] = "memop",
	[K_WORD] = "word", [K_MAP] = "map", [K_OFFSET] = "offset", [K_ADDR] = "addr",
	[K_ERROR] = "error", [K_KIND] = "kind", [K_UNTIL] = "until", [K_FROM] = "from",
	[K_SIZE] = "size", [K_FD] = "fd", [K_OPTIONS] = "options", [K_HANDLE] = "handle",
	[K_PROT] = "prot", [K_ABILITY] = "ability", [K_ACTION] = "action",
	[K_DOMAIN] = "domain", [K_UID] = "uid", [K_GID] = "gid", [K_R_VARIANT] = "r_variant",
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
