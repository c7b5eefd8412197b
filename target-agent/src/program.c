#include "program.h"

#include "value.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct token {
	const char *s;
	size_t      len;
};

#define TOKENS_MAX (4 + 1 + STEP_ARGS_MAX)

void program_reset(struct program *p)
{
	p->open = false;
	p->id[0] = '\0';
	p->nactors = 0;
	p->nsteps = 0;
	p->broken = false;
	p->first_error[0] = '\0';
}

void program_mark_broken(struct program *p, const char *why)
{
	if (p->open && !p->broken) {
		p->broken = true;
		snprintf(p->first_error, sizeof p->first_error, "%s", why);
	}
}

static bool tok_is(const struct token *t, const char *word)
{
	return t->len == strlen(word) && memcmp(t->s, word, t->len) == 0;
}

/* Splits on spaces; returns the token count or -1 when there are too many. */
static int tokenize(const char *line, size_t len, struct token *t, int max)
{
	int n = 0;
	size_t i = 0;
	while (i < len) {
		size_t start;
		while (i < len && line[i] == ' ')
			i++;
		if (i >= len)
			break;
		if (n == max)
			return -1;
		start = i;
		while (i < len && line[i] != ' ')
			i++;
		t[n].s = line + start;
		t[n].len = i - start;
		n++;
	}
	return n;
}

static bool valid_id(const struct token *t)
{
	if (t->len == 0 || t->len > SCENARIO_ID_MAX)
		return false;
	for (size_t i = 0; i < t->len; i++) {
		char c = t->s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':' || c == '-'))
			return false;
	}
	return true;
}

static enum command fail(char *err, size_t cap, unsigned lineno, int step,
                         const char *fmt, ...)
{
	char msg[ERROR_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (step >= 0)
		snprintf(err, cap, "line %u: step %d: %s", lineno, step, msg);
	else
		snprintf(err, cap, "line %u: %s", lineno, msg);
	return CMD_ERROR;
}

int program_actor_index(const struct program *p, const char *name, size_t len)
{
	for (unsigned i = 0; i < p->nactors; i++)
		if (strlen(p->actors[i]) == len && memcmp(p->actors[i], name, len) == 0)
			return (int)i;
	return -1;
}

static enum command parse_scenario(struct program *p, struct token *t, int n,
                                   unsigned lineno, char *err, size_t cap)
{
	if (n != 2)
		return fail(err, cap, lineno, -1, "usage: scenario <id>");
	if (!valid_id(&t[1]))
		return fail(err, cap, lineno, -1,
		            "scenario id must be 1..%d chars of [A-Za-z0-9_.:-]",
		            SCENARIO_ID_MAX);
	program_reset(p);
	p->open = true;
	memcpy(p->id, t[1].s, t[1].len);
	p->id[t[1].len] = '\0';
	return CMD_SCENARIO;
}

static enum command parse_actors(struct program *p, struct token *t, int n,
                                 unsigned lineno, char *err, size_t cap)
{
	if (!p->open)
		return fail(err, cap, lineno, -1, "actors before scenario");
	if (p->nactors > 0)
		return fail(err, cap, lineno, -1, "actors given twice");
	if (n < 2 || n - 1 > ACTORS_MAX)
		return fail(err, cap, lineno, -1, "actors takes 1..%d names", ACTORS_MAX);
	for (int i = 1; i < n; i++) {
		if (!value_is_name(t[i].s, t[i].len, ACTOR_NAME_MAX))
			return fail(err, cap, lineno, -1,
			            "actor name '%.*s' is not 1..%d chars of [A-Za-z0-9_] "
			            "starting with a letter", (int)t[i].len, t[i].s, ACTOR_NAME_MAX);
		if (program_actor_index(p, t[i].s, t[i].len) >= 0)
			return fail(err, cap, lineno, -1, "actor '%.*s' named twice",
			            (int)t[i].len, t[i].s);
		memcpy(p->actors[p->nactors], t[i].s, t[i].len);
		p->actors[p->nactors][t[i].len] = '\0';
		p->nactors++;
	}
	return CMD_ACTORS;
}

int program_binder(const struct program *p, unsigned before,
                   const char *name, size_t len)
{
	for (unsigned i = before; i-- > 0;) {
		const struct step *s = &p->steps[i];
		const struct step_arg *a = step_find_arg(s, K_AS);
		if (a && a->spec->kind == KIND_BIND && a->len == len &&
		    memcmp(s->text + a->off, name, len) == 0)
			return (int)i;
	}
	return -1;
}

const struct step_arg *step_find_arg(const struct step *s, enum arg_key key)
{
	for (unsigned i = 0; i < s->nargs; i++)
		if (s->args[i].key == key)
			return &s->args[i];
	return NULL;
}

struct static_refs {
	const struct program *p;
};

/* At parse time a reference is valid when an earlier step binds the name. */
static enum val_status static_lookup(void *ctx, const char *name, size_t len,
                                     long long *value, char *err, size_t cap)
{
	const struct program *p = ((struct static_refs *)ctx)->p;
	if (program_binder(p, p->nsteps, name, len) < 0) {
		snprintf(err, cap, "$%.*s is not bound by an earlier step (as=%.*s)",
		         (int)len, name, (int)len, name);
		return VAL_ERROR;
	}
	*value = 0;
	return VAL_OK;
}

static bool check_value(const struct program *p, const struct op_arg *spec,
                        const char *v, size_t len, char *msg, size_t cap)
{
	struct static_refs refs = { p };
	long long dummy;
	unsigned n;
	switch (spec->kind) {
	case KIND_EVENT:
	case KIND_BIND:
		if (value_is_name(v, len, EVENT_NAME_MAX))
			return true;
		snprintf(msg, cap, "'%.*s' is not a name of 1..%d chars of [A-Za-z0-9_]",
		         (int)len, v, EVENT_NAME_MAX);
		return false;
	case KIND_EVENTS:
		n = value_list_count(v, len);
		if (n > EVENTS_PER_MSG) {
			snprintf(msg, cap, "at most %d events, got %u", EVENTS_PER_MSG, n);
			return false;
		}
		for (unsigned i = 0; i < n; i++) {
			const char *e;
			size_t elen;
			value_list_elem(v, len, i, &e, &elen);
			if (!value_is_name(e, elen, EVENT_NAME_MAX)) {
				snprintf(msg, cap, "bad event name '%.*s'", (int)elen, e);
				return false;
			}
		}
		return true;
	case KIND_WORD:
		if (len == 6 && memcmp(v, "signal", 6) == 0) return true;
		if (len == 5 && memcmp(v, "pulse", 5) == 0) return true;
		if (len == 3 && memcmp(v, "any", 3) == 0) return true;
		if (len == 6 && memcmp(v, "memory", 6) == 0) return true;
		if (len == 6 && memcmp(v, "thread", 6) == 0) return true;
		snprintf(msg, cap, "'%.*s' is not one of signal, pulse, any, memory, thread",
		         (int)len, v);
		return false;
	case KIND_ACTOR:
		if (program_actor_index(p, v, len) >= 0)
			return true;
		snprintf(msg, cap, "'%.*s' is not an actor of this scenario", (int)len, v);
		return false;
	case KIND_PID:      /* an actor name, or a pid given as a value */
		if (program_actor_index(p, v, len) >= 0)
			return true;
		return value_resolve(v, len, false, static_lookup, &refs,
		                     &dummy, msg, cap) == VAL_OK;
	case KIND_INT:
	case KIND_FLAGS:
		return value_resolve(v, len, spec->kind == KIND_FLAGS, static_lookup, &refs,
		                     &dummy, msg, cap) == VAL_OK;
	}
	return false;
}

static enum command parse_arg(struct program *p, struct step *s, const struct token *t,
                              unsigned lineno, int idx, char *err, size_t cap)
{
	const char *eq = memchr(t->s, '=', t->len);
	enum arg_key key;
	const struct op_arg *spec;
	size_t klen, vlen;
	char msg[ERROR_MAX];
	if (!eq)
		return fail(err, cap, lineno, idx, "expected key=value, got '%.*s'",
		            (int)t->len, t->s);
	klen = (size_t)(eq - t->s);
	vlen = t->len - klen - 1;
	if (!key_find(t->s, klen, &key) || !(spec = op_arg_spec(s->op, key)))
		return fail(err, cap, lineno, idx, "%s takes no argument '%.*s'",
		            op_get(s->op)->name, (int)klen, t->s);
	if (step_find_arg(s, key))
		return fail(err, cap, lineno, idx, "argument '%s' given twice", key_name(key));
	if (vlen == 0 || vlen > VALUE_MAX)
		return fail(err, cap, lineno, idx, "value of '%s' must be 1..%d chars",
		            key_name(key), VALUE_MAX);
	if (!check_value(p, spec, eq + 1, vlen, msg, sizeof msg))
		return fail(err, cap, lineno, idx, "%s: %s", key_name(key), msg);
	s->args[s->nargs].key = key;
	s->args[s->nargs].spec = spec;
	s->args[s->nargs].off = (uint16_t)(eq + 1 - s->text);
	s->args[s->nargs].len = (uint16_t)vlen;
	s->nargs++;
	return CMD_STEP;
}

static enum command parse_step_head(struct program *p, struct step *s,
                                    struct token *t, int n, unsigned lineno,
                                    int idx, char *err, size_t cap)
{
	int a;
	if (n < 4)
		return fail(err, cap, lineno, idx, "usage: step <index> <actor> <op> [async] [key=value ...]");
	a = program_actor_index(p, t[2].s, t[2].len);
	if (a < 0)
		return fail(err, cap, lineno, idx, "unknown actor '%.*s'", (int)t[2].len, t[2].s);
	if (!op_find(t[3].s, t[3].len, &s->op))
		return fail(err, cap, lineno, idx, "unknown op '%.*s'", (int)t[3].len, t[3].s);
	s->actor = (unsigned)a;
	s->async = n > 4 && tok_is(&t[4], "async");
	if (s->async && (s->op == OP_AWAIT || s->op == OP_EXIT))
		return fail(err, cap, lineno, idx, "%s cannot be async", op_get(s->op)->name);
	if (n - 4 - (s->async ? 1 : 0) > STEP_ARGS_MAX)
		return fail(err, cap, lineno, idx, "more than %d arguments", STEP_ARGS_MAX);
	return CMD_STEP;
}

static enum command parse_step_body(struct program *p, struct step *s,
                                    struct token *t, int n, unsigned lineno,
                                    int idx, char *err, size_t cap)
{
	const struct op_desc *d;
	if (parse_step_head(p, s, t, n, lineno, idx, err, cap) == CMD_ERROR)
		return CMD_ERROR;
	for (int i = 4 + (s->async ? 1 : 0); i < n; i++)
		if (parse_arg(p, s, &t[i], lineno, idx, err, cap) == CMD_ERROR)
			return CMD_ERROR;
	d = op_get(s->op);
	for (unsigned i = 0; i < d->nargs; i++)
		if (d->args[i].required && !step_find_arg(s, d->args[i].key))
			return fail(err, cap, lineno, idx, "%s needs %s=", d->name,
			            key_name(d->args[i].key));
	return CMD_STEP;
}

static enum command parse_step(struct program *p, const char *line, size_t len,
                               unsigned lineno, char *err, size_t cap, int *step_index)
{
	struct step *s;
	struct token t[TOKENS_MAX];
	long long idx;
	int n;
	enum command c;
	if (!p->open || p->nactors == 0)
		return fail(err, cap, lineno, -1, "step before scenario and actors");
	if (p->nsteps >= STEPS_MAX)
		return fail(err, cap, lineno, -1, "more than %d steps", STEPS_MAX);
	s = &p->steps[p->nsteps];
	memcpy(s->text, line, len);
	s->text[len] = '\0';
	s->nargs = 0;
	s->line = lineno;
	s->actor = 0;
	s->op = OP_AWAIT;
	s->async = false;
	n = tokenize(s->text, len, t, TOKENS_MAX);
	if (n < 0)
		return fail(err, cap, lineno, -1, "too many tokens (at most %d arguments)",
		            STEP_ARGS_MAX);
	if (n < 2 || t[1].s[0] == '-' || !value_parse_int(t[1].s, t[1].len, &idx))
		return fail(err, cap, lineno, -1, "step needs a numeric index");
	if (idx != (long long)p->nsteps)
		return fail(err, cap, lineno, -1, "step index %lld out of order (expected %u)",
		            idx, p->nsteps);
	*step_index = (int)idx;
	c = parse_step_body(p, s, t, n, lineno, (int)idx, err, cap);
	/* A rejected step still takes its index, so the lines after it are
	 * checked on their own instead of all failing as out of order. */
	p->nsteps++;
	return c;
}

static bool printable(const char *line, size_t len, size_t *bad)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)line[i];
		if (c < 0x20 || c > 0x7e) {
			*bad = i;
			return false;
		}
	}
	return true;
}

static enum command parse_line(struct program *p, const char *line, size_t len,
                               unsigned lineno, char *err, size_t cap, int *step_index)
{
	struct token t[TOKENS_MAX];
	int n = tokenize(line, len, t, TOKENS_MAX);
	if (n == 0)
		return CMD_EMPTY;
	if (n != 0 && tok_is(&t[0], "step"))
		return parse_step(p, line, len, lineno, err, cap, step_index);
	if (n != 0 && tok_is(&t[0], "latency"))
		return CMD_LATENCY;
	if (n != 0 && tok_is(&t[0], "actors"))
		return parse_actors(p, t, n, lineno, err, cap);
	if (n < 0)
		return fail(err, cap, lineno, -1, "too many tokens");
	if (tok_is(&t[0], "scenario"))
		return parse_scenario(p, t, n, lineno, err, cap);
	if (tok_is(&t[0], "info") || tok_is(&t[0], "run") || tok_is(&t[0], "quit")) {
		if (n != 1)
			return fail(err, cap, lineno, -1, "%.*s takes no arguments",
			            (int)t[0].len, t[0].s);
		return tok_is(&t[0], "info") ? CMD_INFO : tok_is(&t[0], "run") ? CMD_RUN : CMD_QUIT;
	}
	return fail(err, cap, lineno, -1, "unknown command '%.*s'",
	            (int)(t[0].len > 32 ? 32 : t[0].len), t[0].s);
}

enum command program_feed(struct program *p, const char *line, size_t len,
                          unsigned lineno, char *err, size_t errcap, int *step_index)
{
	enum command c;
	size_t bad;
	*step_index = -1;
	if (len > 0 && line[len - 1] == '\r')
		len--;                      /* a serial console sends CR LF */
	if (len > LINE_MAX_BYTES)
		c = fail(err, errcap, lineno, -1, "line longer than %d bytes", LINE_MAX_BYTES);
	else if (!printable(line, len, &bad))
		c = fail(err, errcap, lineno, -1, "byte 0x%02x at column %zu is not printable ASCII",
		         (unsigned char)line[bad], bad + 1);
	else
		c = parse_line(p, line, len, lineno, err, errcap, step_index);
	if (c == CMD_ERROR)
		program_mark_broken(p, err);
	return c;
}
