/*
 * Messages between the coordinator and an actor, over a pair of pipes.
 * Fixed-size binary structs: both ends are the same binary, so the layout is
 * shared; every message starts with a magic and is read completely or not at
 * all (EOF = the peer is gone).
 */
#ifndef QHIL_WIRE_H
#define QHIL_WIRE_H

#include "ops.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WIRE_CMD_MAGIC    0x51484331u   /* "QHC1" */
#define WIRE_RES_MAGIC    0x51485231u   /* "QHR1" */
#define WIRE_TEXT_MAX     256
#define WIRE_DETAIL_MAX   1024

/* A resolved argument: integers resolved by the coordinator, names as text. */
struct wire_arg {
	int32_t  key;                       /* enum arg_key */
	int32_t  is_text;
	int64_t  num;
	char     text[WIRE_TEXT_MAX];
};

struct wire_cmd {
	uint32_t magic;
	int32_t  index;                     /* step index */
	int32_t  op;                        /* enum op_id */
	int32_t  async;
	int32_t  nargs;
	struct wire_arg args[16];
};

enum wire_status {
	WIRE_DONE,      /* the call was made: ret/err/delivered/detail */
	WIRE_BROKEN,    /* the step could not be carried out: detail is a message */
};

enum delivered_kind { DELIVERED_NONE, DELIVERED_SIGNAL, DELIVERED_PULSE,
                      DELIVERED_MEMORY, DELIVERED_THREAD };

struct wire_result {
	uint32_t magic;
	int32_t  index;
	int32_t  status;                    /* enum wire_status */
	int32_t  err;                       /* errno of a failed call, 0 otherwise */
	int64_t  ret;
	int64_t  elapsed_ns;
	int32_t  delivered;                 /* enum delivered_kind */
	int32_t  signo;
	int32_t  code;                      /* si_code or pulse code */
	int32_t  value;                     /* sival_int, or the memory word */
	int32_t  same_process;              /* thread: ran in the actor's process */
	int32_t  has_bind;                  /* as= binds bind, not ret */
	int64_t  bind;
	int32_t  leaving;                   /* the actor exits after this result */
	char     detail[WIRE_DETAIL_MAX];   /* JSON object text, "" for none */
};

/* Reads/writes exactly n bytes, retrying on EINTR. read: 1 ok, 0 EOF, -1 error. */
int wire_read_full(int fd, void *buf, size_t n);
int wire_write_full(int fd, const void *buf, size_t n);

/*
 * Checks a message read from the peer before anything uses it: magic, counts
 * and enums in range, every text NUL-terminated inside its buffer. Returns
 * true, or false with the reason in why (for the agent's stderr).
 */
bool wire_cmd_check(const struct wire_cmd *c, char *why, size_t cap);
bool wire_result_check(const struct wire_result *r, char *why, size_t cap);

const struct wire_arg *wire_arg_find(const struct wire_cmd *c, enum arg_key key);
/* The integer argument, or def when absent. */
int64_t wire_num(const struct wire_cmd *c, enum arg_key key, int64_t def);
bool wire_has(const struct wire_cmd *c, enum arg_key key);

#endif
