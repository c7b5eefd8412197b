/*
 * Sequencing a run: steps go to their actors in order, results become
 * records as they arrive (async ones out of order), every pending step has a
 * deadline, and an actor that dies or hangs turns its steps into errors.
 */
#include "coordinator.h"

#include "actor.h"
#include "framing.h"
#include "symtab.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static struct json rec;      /* records are built one at a time */

void emit_error(int index, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	json_begin(&rec);
	json_str(&rec, "type", "error");
	json_int(&rec, "index", index);
	json_str(&rec, "message", msg);
	json_end(&rec);
	record_emit(&rec);
}

static void step_error(struct run *r, unsigned index, const char *fmt, ...)
{
	char msg[480];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	r->steps[index].state = STEP_ERROR;
	r->broken = true;
	emit_error((int)index, "step %u (%s %s): %s", index,
	           r->prog->actors[r->prog->steps[index].actor],
	           op_get(r->prog->steps[index].op)->name, msg);
}

static void add_delivered(const struct wire_result *res)
{
	char name[32];
	const char *code;
	if (res->delivered == DELIVERED_PULSE) {
		json_open(&rec, "delivered");
		json_str(&rec, "kind", "pulse");
		json_int(&rec, "code", res->code);
		json_int(&rec, "value", res->value);
		json_close(&rec);
	} else if (res->delivered == DELIVERED_MEMORY) {
		json_open(&rec, "delivered");
		json_str(&rec, "kind", "memory");
		json_int(&rec, "value", res->value);
		json_close(&rec);
	} else if (res->delivered == DELIVERED_THREAD) {
		json_open(&rec, "delivered");
		json_str(&rec, "kind", "thread");
		json_int(&rec, "value", res->value);
		json_bool(&rec, "same_process", res->same_process != 0);
		json_close(&rec);
	} else if (res->delivered == DELIVERED_SIGNAL) {
		json_open(&rec, "delivered");
		json_str(&rec, "kind", "signal");
		if (sym_signal_name(res->signo, name, sizeof name))
			json_str(&rec, "signo", name);
		else
			json_int(&rec, "signo", res->signo);
		json_int(&rec, "value", res->value);
		code = sym_si_code_name(res->code);
		if (code)
			json_str(&rec, "code", code);
		else
			json_int(&rec, "code", res->code);
		json_close(&rec);
	}
}

static void emit_step(struct run *r, unsigned index, struct wire_result *res)
{
	const struct step *s = &r->prog->steps[index];
	const struct step_arg *as = step_find_arg(s, K_AS);
	char errbuf[16];
	json_begin(&rec);
	json_str(&rec, "type", "step");
	json_int(&rec, "index", index);
	json_str(&rec, "actor", r->prog->actors[s->actor]);
	json_str(&rec, "op", op_get(s->op)->name);
	json_int(&rec, "ret", res->ret);
	json_str(&rec, "errno", sym_errno_text(res->err, errbuf, sizeof errbuf));
	if (as && op_binds(s->op)) {
		char key[EVENT_NAME_MAX + 1];
		memcpy(key, s->text + as->off, as->len);    /* checked: <= 31 chars */
		key[as->len] = '\0';
		json_open(&rec, "bind");
		json_int(&rec, key, res->has_bind ? res->bind : res->ret);
		json_close(&rec);
	}
	add_delivered(res);
	json_int(&rec, "elapsed_ns", res->elapsed_ns);
	res->detail[sizeof res->detail - 1] = '\0';
	if (res->detail[0] == '{')
		json_raw(&rec, "detail", res->detail);
	json_end(&rec);
	if (record_emit(&rec) != 0)
		emit_error((int)index, "step %u: record too large", index);
}

/* A result from actor i: the record of its step, or nothing if it came late. */
static void handle_result(struct run *r, unsigned i, struct wire_result *res)
{
	unsigned index = (unsigned)res->index;
	if (res->index < 0 || index >= r->prog->nsteps || r->prog->steps[index].actor != i ||
	    r->steps[index].state != STEP_PENDING) {
		fprintf(stderr, "qnx-hil-agent: ignoring a late or unexpected result "
		        "(step %d) from actor %s\n", (int)res->index, r->prog->actors[i]);
		return;
	}
	if (res->status != WIRE_DONE) {
		res->detail[sizeof res->detail - 1] = '\0';
		step_error(r, index, "%s", res->detail);
		return;
	}
	r->steps[index].state = STEP_DONE;
	r->steps[index].ret = res->has_bind ? res->bind : res->ret;
	emit_step(r, index, res);
}

/* The step actor i is blocked in (a pending synchronous step), or -1. */
static int step_in(const struct run *r, unsigned i)
{
	for (unsigned k = 0; k < r->prog->nsteps; k++)
		if (r->steps[k].state == STEP_PENDING && r->prog->steps[k].actor == i &&
		    !r->prog->steps[k].async)
			return (int)k;
	return -1;
}

/*
 * Actor i is gone: every step it still owed is an error. When no kill or exit
 * step asked for it, it crashed: the rest of the scenario is not run.
 */
static void lose_actor(struct run *r, unsigned i)
{
	int in = step_in(r, i);
	char what[64];
	if (r->actors[i].expect_end)
		snprintf(what, sizeof what, "as step %u asked", r->actors[i].end_step);
	else if (in >= 0)
		snprintf(what, sizeof what, "during step %d", in);
	else
		snprintf(what, sizeof what, "between steps");
	actors_mark_dead(r, i, what);
	for (unsigned k = 0; k < r->prog->nsteps; k++)
		if (r->steps[k].state == STEP_PENDING && r->prog->steps[k].actor == i)
			step_error(r, k, "actor %s %s", r->prog->actors[i], r->actors[i].why);
	if (!r->actors[i].expect_end && !r->stop) {
		r->broken = true;
		r->aborted = true;
		snprintf(r->abort_why, sizeof r->abort_why, "actor %s %s",
		         r->prog->actors[i], r->actors[i].why);
		emit_error(-1, "%s; the rest of the scenario is not run", r->abort_why);
	}
}

static void read_result(struct run *r, unsigned i)
{
	static struct wire_result res;
	char why[128];
	int got = wire_read_full(r->actors[i].res_fd, &res, sizeof res);
	/* EOF, a read error or a garbled message: the actor cannot be trusted */
	if (got == 1 && wire_result_check(&res, why, sizeof why)) {
		handle_result(r, i, &res);
		return;
	}
	if (got == 1)
		fprintf(stderr, "qnx-hil-agent: actor %s sent a garbled result (%s)\n",
		        r->prog->actors[i], why);
	lose_actor(r, i);
}

static void expire_steps(struct run *r, int64_t now)
{
	for (unsigned k = 0; k < r->prog->nsteps; k++) {
		const struct step *s = &r->prog->steps[k];
		struct actor_proc *a = &r->actors[s->actor];
		if (r->steps[k].state != STEP_PENDING || r->steps[k].deadline_ns > now)
			continue;
		step_error(r, k, "did not complete within the step timeout of %d ms",
		           r->cfg->step_timeout_ms);
		if (!s->async && a->state == ACTOR_LIVE) {
			a->state = ACTOR_STUCK;
			snprintf(a->why, sizeof a->why, "is stuck in step %u", k);
		}
	}
}

static void pump_until(struct run *r, int64_t limit);

/* Waits for results until the nearest step deadline; handles what arrives. */
static void pump(struct run *r)
{
	pump_until(r, -1);
}

/* The same, waiting at most until limit (ns, -1 = none) also when no step is pending. */
static void pump_until(struct run *r, int64_t limit)
{
	struct pollfd pfd[ACTORS_MAX + 2];
	unsigned who[ACTORS_MAX], n = 0;
	int64_t now = monotonic_ns(), nearest = -1, hb = lifecycle_deadline_ns();
	int timeout_ms, rc, in_slot = -1, wake_slot = -1;
	for (unsigned k = 0; k < r->prog->nsteps; k++)
		if (r->steps[k].state == STEP_PENDING &&
		    (nearest < 0 || r->steps[k].deadline_ns < nearest))
			nearest = r->steps[k].deadline_ns;
	if (limit >= 0 && (nearest < 0 || limit < nearest))
		nearest = limit;
	if (nearest < 0)
		return;
	if (hb >= 0 && hb < nearest)
		nearest = hb;
	for (unsigned i = 0; i < r->nactors; i++)
		if (r->actors[i].state != ACTOR_DEAD) {
			pfd[n].fd = r->actors[i].res_fd;
			pfd[n].events = POLLIN;
			pfd[n].revents = 0;
			who[n++] = i;
		}
	if (lifecycle_wake_fd() >= 0) {
		wake_slot = (int)n;
		pfd[n].fd = lifecycle_wake_fd();
		pfd[n].events = POLLIN;
		pfd[n++].revents = 0;
	}
	if (lifecycle_in_fd() >= 0) {
		in_slot = (int)n;
		pfd[n].fd = lifecycle_in_fd();
		pfd[n].events = POLLIN;
		pfd[n++].revents = 0;
	}
	timeout_ms = nearest > now ? (int)((nearest - now + 999999) / 1000000) : 0;
	rc = poll(pfd, n, timeout_ms);
	if (rc < 0 && errno != EINTR) {
		emit_error(-1, "poll: %s", strerror(errno));
		r->broken = true;
	}
	/* a signal or a passed heartbeat deadline outranks what the actors say */
	if ((r->stop = lifecycle_check()) != STOP_NONE)
		return;
	if (rc > 0 && in_slot >= 0 && (pfd[in_slot].revents & (POLLIN | POLLHUP | POLLERR)) &&
	    (r->stop = lifecycle_input_during_run(r->lineno)) != STOP_NONE)
		return;
	(void)wake_slot;
	for (unsigned k = 0; rc > 0 && k < n; k++)
		if ((int)k != in_slot && (int)k != wake_slot &&
		    (pfd[k].revents & (POLLIN | POLLHUP | POLLERR)))
			read_result(r, who[k]);
	expire_steps(r, monotonic_ns());
}

static bool running(const struct run *r)
{
	return !r->aborted && r->stop == STOP_NONE;
}

static void wait_settled(struct run *r, unsigned index)
{
	while (r->steps[index].state == STEP_PENDING && running(r))
		pump(r);
}

static bool any_pending(const struct run *r)
{
	for (unsigned k = 0; k < r->prog->nsteps; k++)
		if (r->steps[k].state == STEP_PENDING)
			return true;
	return false;
}

/*
 * After an exit step, or a kill step with the default SIGKILL, the next step must find the actor
 * gone (MsgDeliverEvent's ESRCH, ConnectFlags' ESRCH): wait, bounded by the step timeout, until the
 * coordinator has seen it end and reaped it.
 */
static void await_end(struct run *r, unsigned index)
{
	const struct step *s = &r->prog->steps[index];
	int t = -1;
	if (s->op == OP_EXIT) {
		t = (int)s->actor;
	} else if (s->op == OP_KILL && !step_find_arg(s, K_SIGNO)) {
		const struct step_arg *to = step_find_arg(s, K_TO);
		t = to ? program_actor_index(r->prog, s->text + to->off, to->len) : -1;
	}
	if (t < 0)
		return;
	int64_t until = monotonic_ns() + (int64_t)r->cfg->step_timeout_ms * 1000000;
	while (r->actors[t].state == ACTOR_LIVE && running(r) && monotonic_ns() < until)
		pump_until(r, until);
}

static void start_step(struct run *r, unsigned index)
{
	static struct wire_cmd cmd;
	const struct step *s = &r->prog->steps[index];
	struct actor_proc *a = &r->actors[s->actor];
	char err[320];
	int b;
	while ((b = coord_pending_ref(r, index)) >= 0 && running(r))
		wait_settled(r, (unsigned)b);
	if (!running(r))
		return;
	if (a->state != ACTOR_LIVE) {
		step_error(r, index, "actor %s %s", r->prog->actors[s->actor], a->why);
		return;
	}
	if (coord_build_cmd(r, index, &cmd, err, sizeof err) != VAL_OK) {
		step_error(r, index, "%s", err);
		return;
	}
	if (s->op == OP_EXIT) {
		a->expect_end = true;
		a->end_step = index;
	}
	if (s->op == OP_KILL) {
		const struct step_arg *to = step_find_arg(s, K_TO);
		int t = to ? program_actor_index(r->prog, s->text + to->off, to->len) : -1;
		if (t >= 0) {
			r->actors[t].expect_end = true;
			r->actors[t].end_step = index;
		}
	}
	if (wire_write_full(a->cmd_fd, &cmd, sizeof cmd) != 0) {
		lose_actor(r, s->actor);
		step_error(r, index, "actor %s %s", r->prog->actors[s->actor], a->why);
		return;
	}
	r->steps[index].state = STEP_PENDING;
	r->steps[index].deadline_ns = monotonic_ns() + (int64_t)r->cfg->step_timeout_ms * 1000000;
	if (!s->async)
		wait_settled(r, index);
	await_end(r, index);
}

static void emit_begin(const struct run *r)
{
	json_begin(&rec);
	json_str(&rec, "type", "begin");
	json_str(&rec, "scenario", r->prog->id);
	json_open(&rec, "actors");
	for (unsigned i = 0; i < r->nactors; i++)
		json_int(&rec, r->prog->actors[i], r->actors[i].pid);
	json_close(&rec);
	json_end(&rec);
	record_emit(&rec);
}

static void emit_end(const char *scenario, bool broken, int leftover)
{
	json_begin(&rec);
	json_str(&rec, "type", "end");
	json_str(&rec, "scenario", scenario);
	json_str(&rec, "status", broken ? "broken" : "ok");
	json_int(&rec, "leftover", leftover);
	json_end(&rec);
	record_emit(&rec);
}

static struct run current;

static const char *stop_text(enum stop_reason why)
{
	switch (why) {
	case STOP_EOF:       return "the command input ended (EOF): the controller is gone";
	case STOP_HEARTBEAT: return "no heartbeat within the deadline";
	case STOP_SIGNAL:    return "the agent received a terminating signal";
	default:             return "stopped";
	}
}

/* Ends an interrupted run: what was pending is an error, every actor dies now. */
static int abort_run(struct run *r)
{
	const char *why = r->stop != STOP_NONE ? stop_text(r->stop) : r->abort_why;
	for (unsigned k = 0; k < r->prog->nsteps; k++)
		if (r->steps[k].state == STEP_PENDING)
			step_error(r, k, "aborted: %s", why);
		else if (r->steps[k].state == STEP_IDLE)
			step_error(r, k, "not run: %s", why);
	if (r->stop != STOP_NONE) {
		r->broken = true;
		if (r->stop == STOP_HEARTBEAT)
			emit_error(-1, "%s (%ld ms): the run is aborted and the agent leaves",
			           stop_text(r->stop), lifecycle_heartbeat_ms());
		else
			emit_error(-1, "%s: the run is aborted", stop_text(r->stop));
	}
	return actors_kill_now(r);
}

enum stop_reason coordinator_run(const struct program *p, const struct coord_config *cfg,
                                 unsigned *lineno)
{
	struct run *r = &current;
	char err[320];
	int leftover = 0;
	if (!p->open || p->broken || p->nactors == 0) {
		emit_error(-1, "program not run: %s", !p->open ? "no scenario line"
		           : p->broken ? p->first_error : "no actors line");
		emit_end(p->open ? p->id : "", true, 0);
		return STOP_NONE;
	}
	memset(r, 0, sizeof *r);
	r->prog = p;
	r->cfg = cfg;
	r->lineno = lineno;
	if (actors_spawn(r, err, sizeof err) != 0) {
		emit_error(-1, "cannot start actors: %s", err);
		emit_end(p->id, true, actors_shutdown(r));
		return STOP_NONE;
	}
	emit_begin(r);
	/* an actor that dropped root may be the last out of the node and unable to remove it */
	for (unsigned i = 0; i < p->nsteps; i++)
		if (p->steps[i].op == OP_SET_UID)
			r->reclaim = true;
	for (unsigned i = 0; i < p->nsteps && running(r); i++)
		start_step(r, i);
	while (any_pending(r) && running(r))
		pump(r);
	if (!running(r))
		leftover = abort_run(r);
	leftover += actors_shutdown(r);
	if (r->reclaim)
		lifecycle_reclaim();
	emit_end(p->id, r->broken, leftover);
	return r->stop;
}
