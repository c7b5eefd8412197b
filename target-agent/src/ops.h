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
	OP_COUNT
};

enum arg_key {
	K_AS, K_BITS, K_CHID, K_CODE, K_CODE_UPDATEABLE, K_COID, K_EVENT, K_EVENTS,
	K_FLAGS, K_INDEX, K_MASK, K_PID, K_PRIORITY, K_RCVID, K_SIGNO, K_STATUS,
	K_TIMEOUT_MS, K_TO, K_TYPE, K_UPDATEABLE, K_VALUE,
	K_COUNT
};

enum arg_kind {
	KIND_INT,       /* one value: integer, symbol or $name */
	KIND_FLAGS,     /* comma-separated values, OR-ed */
	KIND_PID,       /* an actor name (its pid) or a value */
	KIND_EVENT,     /* an event name in the actor */
	KIND_EVENTS,    /* comma-separated event names */
	KIND_BIND,      /* as=: the name the step's ret is bound to */
};

/* Range a resolved integer must fit (checked by the coordinator). */
enum arg_range { R_INT, R_UINT, R_SHORT, R_BOOL, R_LONG, R_TIMEOUT };

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
