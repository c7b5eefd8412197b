/*
 * Turns a parsed step into the command an actor executes: $references are
 * replaced by the values earlier steps bound, actor names by pids, symbols by
 * their values, and every integer is checked against the range of its
 * argument.
 */
#include "coordinator.h"

#include "compat.h"
#include "value.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/neutrino.h>

struct ref_ctx {
	const struct run *r;
	unsigned          index;
};

static enum val_status run_lookup(void *ctx, const char *name, size_t len,
                                  long long *value, char *err, size_t cap)
{
	const struct ref_ctx *rc = ctx;
	int b = program_binder(rc->r->prog, rc->index, name, len);
	if (b < 0) {
		snprintf(err, cap, "$%.*s is not bound by an earlier step", (int)len, name);
		return VAL_ERROR;
	}
	switch (rc->r->steps[b].state) {
	case STEP_DONE:
		*value = rc->r->steps[b].ret;
		return VAL_OK;
	case STEP_PENDING:
		snprintf(err, cap, "$%.*s: step %d has not completed", (int)len, name, b);
		return VAL_PENDING;
	default:
		snprintf(err, cap, "$%.*s has no value: step %d did not complete", (int)len, name, b);
		return VAL_ERROR;
	}
}

/* Steps that bind the $references of one value, in order. */
static int first_pending(const struct run *r, unsigned index, const char *v, size_t len)
{
	unsigned n = value_list_count(v, len);
	for (unsigned i = 0; i < n; i++) {
		const char *e;
		size_t elen;
		int b;
		value_list_elem(v, len, i, &e, &elen);
		if (elen < 2 || e[0] != '$')
			continue;
		b = program_binder(r->prog, index, e + 1, elen - 1);
		if (b >= 0 && r->steps[b].state == STEP_PENDING)
			return b;
	}
	return -1;
}

int coord_pending_ref(const struct run *r, unsigned index)
{
	const struct step *s = &r->prog->steps[index];
	for (unsigned i = 0; i < s->nargs; i++) {
		const struct step_arg *a = &s->args[i];
		int b;
		if (a->spec->kind != KIND_INT && a->spec->kind != KIND_FLAGS &&
		    a->spec->kind != KIND_PID)
			continue;
		b = first_pending(r, index, s->text + a->off, a->len);
		if (b >= 0)
			return b;
	}
	return -1;
}

static bool in_range(const struct run *r, enum arg_range range, long long v,
                     long long *lo, long long *hi)
{
	switch (range) {
	case R_INT:     *lo = INT32_MIN; *hi = INT32_MAX; break;
	case R_UINT:    *lo = INT32_MIN; *hi = UINT32_MAX; break;
	case R_SHORT:   *lo = INT16_MIN; *hi = INT16_MAX; break;
	case R_BOOL:    *lo = 0; *hi = 1; break;
	case R_TIMEOUT: *lo = 0; *hi = (long long)(r->cfg->kernel_timeout_ns / 1000000u); break;
	case R_ADDR:    *lo = 0; *hi = sizeof(void *) >= 8 ? INT64_MAX : (long long)UINT32_MAX; break;
	case R_WORD:    *lo = 0; *hi = ACTOR_WORDS - 1; break;
	case R_MAP:     *lo = 0; *hi = ACTOR_MAPS - 1; break;
	case R_SIZE:    *lo = 1; *hi = SHM_SIZE_MAX; break;
	case R_OFFSET:  *lo = 0; *hi = SHM_SIZE_MAX - 4; break;
	case R_HANDLE:  /* shm_handle_t: 64 bits in both releases */
		*lo = INT64_MIN; *hi = INT64_MAX; break;
	case R_LONG:
		if (sizeof(qhil_rcvid_t) >= 8) {
			*lo = INT64_MIN;
			*hi = INT64_MAX;
		} else {
			*lo = INT32_MIN;
			*hi = INT32_MAX;
		}
		break;
	}
	return v >= *lo && v <= *hi;
}

static enum val_status resolve_arg(struct run *r, unsigned index, const struct step_arg *a,
                                   struct wire_arg *w, char *err, size_t cap)
{
	const struct step *s = &r->prog->steps[index];
	const char *v = s->text + a->off;
	struct ref_ctx ctx = { r, index };
	long long num = 0, lo = 0, hi = 0;
	enum val_status st;
	int actor;
	w->key = (int32_t)a->key;
	if (a->spec->kind == KIND_EVENT || a->spec->kind == KIND_EVENTS ||
	    a->spec->kind == KIND_BIND || a->spec->kind == KIND_WORD) {
		w->is_text = 1;
		memcpy(w->text, v, a->len);         /* len <= VALUE_MAX < WIRE_TEXT_MAX */
		w->text[a->len] = '\0';
		return VAL_OK;
	}
	w->is_text = 0;
	actor = a->spec->kind == KIND_PID || a->spec->kind == KIND_ACTOR
	        ? program_actor_index(r->prog, v, a->len) : -1;
	if (actor >= 0) {
		w->num = r->actors[actor].pid;
		return VAL_OK;
	}
	st = value_resolve(v, a->len, a->spec->kind == KIND_FLAGS, run_lookup, &ctx,
	                   &num, err, cap);
	if (st != VAL_OK)
		return st;
	if (!in_range(r, a->spec->range, num, &lo, &hi)) {
		snprintf(err, cap, "%s=%lld is outside %lld..%lld", key_name(a->key), num, lo, hi);
		return VAL_ERROR;
	}
	w->num = num;
	return VAL_OK;
}

enum val_status coord_build_cmd(struct run *r, unsigned index, struct wire_cmd *c,
                                char *err, size_t cap)
{
	const struct step *s = &r->prog->steps[index];
	memset(c, 0, sizeof *c);
	c->magic = WIRE_CMD_MAGIC;
	c->index = (int32_t)index;
	c->op = (int32_t)s->op;
	c->async = s->async;
	for (unsigned i = 0; i < s->nargs; i++) {
		enum val_status st = resolve_arg(r, index, &s->args[i], &c->args[i], err, cap);
		if (st != VAL_OK)
			return st;
	}
	c->nargs = (int32_t)s->nargs;
	return VAL_OK;
}
