#include "wire.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define WIRE_ARGS_MAX ((int)(sizeof ((struct wire_cmd *)0)->args / sizeof ((struct wire_cmd *)0)->args[0]))

int wire_read_full(int fd, void *buf, size_t n)
{
	char *p = buf;
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, p + got, n - got);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0)
			return got == 0 ? 0 : -1;
		got += (size_t)r;
	}
	return 1;
}

int wire_write_full(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

const struct wire_arg *wire_arg_find(const struct wire_cmd *c, enum arg_key key)
{
	for (int i = 0; i < c->nargs && i < WIRE_ARGS_MAX; i++)
		if (c->args[i].key == (int32_t)key)
			return &c->args[i];
	return NULL;
}

int64_t wire_num(const struct wire_cmd *c, enum arg_key key, int64_t def)
{
	const struct wire_arg *a = wire_arg_find(c, key);
	return a && !a->is_text ? a->num : def;
}

bool wire_has(const struct wire_cmd *c, enum arg_key key)
{
	return wire_arg_find(c, key) != NULL;
}

bool wire_cmd_check(const struct wire_cmd *c, char *why, size_t cap)
{
	if (c->magic != WIRE_CMD_MAGIC) {
		snprintf(why, cap, "bad magic 0x%08x", (unsigned)c->magic);
		return false;
	}
	if (c->op < 0 || c->op >= OP_COUNT || c->index < 0 ||
	    c->nargs < 0 || c->nargs > WIRE_ARGS_MAX || (c->async != 0 && c->async != 1)) {
		snprintf(why, cap, "step %d: op %d, %d args, async %d out of range",
		         (int)c->index, (int)c->op, (int)c->nargs, (int)c->async);
		return false;
	}
	for (int i = 0; i < c->nargs; i++) {
		const struct wire_arg *a = &c->args[i];
		if (a->key < 0 || a->key >= K_COUNT || (a->is_text != 0 && a->is_text != 1) ||
		    (a->is_text && memchr(a->text, '\0', sizeof a->text) == NULL)) {
			snprintf(why, cap, "step %d: argument %d is garbled", (int)c->index, i);
			return false;
		}
	}
	return true;
}

bool wire_result_check(const struct wire_result *r, char *why, size_t cap)
{
	if (r->magic != WIRE_RES_MAGIC) {
		snprintf(why, cap, "bad magic 0x%08x", (unsigned)r->magic);
		return false;
	}
	if ((r->status != WIRE_DONE && r->status != WIRE_BROKEN) ||
	    r->delivered < DELIVERED_NONE || r->delivered > DELIVERED_THREAD ||
	    memchr(r->detail, '\0', sizeof r->detail) == NULL) {
		snprintf(why, cap, "step %d: status %d, delivered %d or detail out of range",
		         (int)r->index, (int)r->status, (int)r->delivered);
		return false;
	}
	return true;
}
