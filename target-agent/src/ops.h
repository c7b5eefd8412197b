/*
 * The operations of protocol version 1 (PROTOCOL.md, "Operations") and the
 * arguments each accepts. The parser checks steps against this table, the
 * coordinator resolves arguments by their kind, the actor executes by op id.
 */
#ifndef QHIL_OPS_H
#define QHIL_OPS_H

#include <stdbool.h>
#include <stddef.h>

enum op_id {
	OP_CHANNEL_CREATE, OP_CONNECT_ATTACH, OP_CONNECT_DETACH, OP_CONNECT_FLAGS,
	OP_EVENT, OP_REGISTER_EVENT, OP_UNREGISTER_EVENT, OP_SEND_EVENTS,
	OP_RECEIVE, OP_REPLY, OP_DELIVER_EVENT, OP_WAIT_EVENT, OP_AWAIT,
	OP_CHANNEL_DESTROY, OP_CLIENT_INFO, OP_SERVER_INFO, OP_SEND, OP_SEND_PULSE,
	OP_MSG_ERROR, OP_VERIFY_EVENT, OP_SHM_CREATE, OP_SHM_CREATE_HANDLE,
	OP_SHM_OPEN_HANDLE, OP_SHM_OPEN_HANDLE_PID, OP_SHM_REVOKE, OP_MMAP, OP_MUNMAP,
	OP_CLOSE, OP_MEM_WRITE, OP_MEM_READ, OP_PROCMGR_ABILITY, OP_SET_UID, OP_KILL,
	OP_EXIT,
	OP_COUNT
};

enum arg_key {
	K_AS, K_BITS, K_CHID, K_CODE, K_CODE_UPDATEABLE, K_COID, K_EVENT, K_EVENTS,
	K_FLAGS, K_INDEX, K_MASK, K_PID, K_PRIORITY, K_RCVID, K_SIGNO, K_STATUS,
	K_TIMEOUT_MS, K_TO, K_TYPE, K_UPDATEABLE, K_VALUE,
	K_SCOID, K_SIVAL_INT, K_MEMOP, K_WORD, K_MAP, K_OFFSET, K_ADDR, K_ERROR,
	K_KIND, K_UNTIL, K_FROM, K_SIZE, K_FD, K_OPTIONS, K_HANDLE, K_PROT,
	K_ABILITY, K_ACTION, K_DOMAIN, K_UID, K_GID, K_R_VARIANT,
	K_COUNT
};

enum arg_kind {
	KIND_INT,       /* one value: integer, symbol or $name */
	KIND_FLAGS,     /* comma-separated values, OR-ed */
	KIND_PID,       /* an actor name (its pid) or a value */
	KIND_EVENT,     /* an event name in the actor */
	KIND_EVENTS,    /* comma-separated event names */
	KIND_BIND,      /* as=: the name the step's ret is bound to */
	KIND_WORD,      /* one bare word, checked by the op (wait_event's kind) */
	KIND_ACTOR,     /* an actor name only (its pid): kill's target */
};

/* Range a resolved integer must fit (checked by the coordinator). */
enum arg_range { R_INT, R_UINT, R_SHORT, R_BOOL, R_LONG, R_HANDLE, R_TIMEOUT, R_ADDR,
                 R_WORD, R_MAP, R_SIZE, R_OFFSET };

#define ACTOR_WORDS      16     /* the actor's own memory words (word=) */
#define ACTOR_MAPS       8      /* mappings an actor holds at once (map=) */
#define SHM_SIZE_MAX     (1 << 20)

struct op_arg {
	enum arg_key  key;
	enum arg_kind kind;
	enum arg_range range;
	bool          required;
};

struct op_desc {
	const char          *name;
	const struct op_arg *args;
	unsigned             nargs;
};

#define EVENT_NAME_MAX   31     /* chars in an event or binding name */
#define EVENTS_PER_MSG   8      /* events carried by one send_events */

const struct op_desc *op_get(enum op_id op);
bool op_find(const char *name, size_t len, enum op_id *op);
const char *key_name(enum arg_key key);
bool key_find(const char *name, size_t len, enum arg_key *key);
/* The spec of key for op, NULL when op does not take it. */
const struct op_arg *op_arg_spec(enum op_id op, enum arg_key key);
/* True when "as=" binds the step's ret (false for event, whose as= names an event). */
bool op_binds(enum op_id op);

#endif
