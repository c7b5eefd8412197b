/*
 * Fuzz target: the command channel as the agent reads it. The input is the
 * byte stream a controller (or a noisy serial console) sends: it goes through
 * the bounded line reader (over a real pipe, as stdin is), every line through
 * the command and step-program parser, "latency" lines through their own
 * parser. Besides the sanitizers, it checks the parser's promises: every
 * rejected line has a message naming the line, and the program never exceeds
 * the protocol's bounds.
 */
#include "fuzz_check.h"
#include "latency.h"
#include "linereader.h"
#include "program.h"

#include <stdint.h>
#include <string.h>
#include <unistd.h>

static struct program prog;
static struct lat_config lat;

static void check_program(const struct program *p)
{
	FUZZ_CHECK(p->nactors <= ACTORS_MAX);
	FUZZ_CHECK(p->nsteps <= STEPS_MAX);
	FUZZ_CHECK(strlen(p->id) <= SCENARIO_ID_MAX);
	FUZZ_CHECK(memchr(p->first_error, '\0', sizeof p->first_error) != NULL);
	for (unsigned i = 0; i < p->nactors; i++)
		FUZZ_CHECK(strlen(p->actors[i]) >= 1 && strlen(p->actors[i]) <= ACTOR_NAME_MAX);
	for (unsigned i = 0; i < p->nsteps; i++) {
		const struct step *s = &p->steps[i];
		size_t tlen = strlen(s->text);
		FUZZ_CHECK(tlen <= LINE_MAX_BYTES);
		FUZZ_CHECK(s->nargs <= STEP_ARGS_MAX);
		FUZZ_CHECK(s->actor < p->nactors);
		for (unsigned k = 0; k < s->nargs; k++)
			FUZZ_CHECK(s->args[k].len >= 1 && s->args[k].len <= VALUE_MAX &&
			           (size_t)s->args[k].off + s->args[k].len <= tlen);
	}
}

static void feed(const char *line, size_t n, unsigned lineno)
{
	char err[ERROR_MAX], prefix[32];
	int step_index = -2;
	enum command c;
	memset(err, 0x5a, sizeof err);          /* no stale NUL to hide a missing one */
	c = program_feed(&prog, line, n, lineno, err, sizeof err, &step_index);
	FUZZ_CHECK(c >= CMD_EMPTY && c <= CMD_ERROR);
	FUZZ_CHECK(step_index >= -1 && step_index < STEPS_MAX);
	if (c == CMD_ERROR) {
		int k = snprintf(prefix, sizeof prefix, "line %u: ", lineno);
		FUZZ_CHECK(memchr(err, '\0', sizeof err) != NULL);
		FUZZ_CHECK(strncmp(err, prefix, (size_t)k) == 0);
	}
	if (c == CMD_LATENCY && lat_config_parse(&lat, line, n, err, sizeof err)) {
		FUZZ_CHECK(lat.iterations >= 1 && lat.iterations <= LAT_ITER_MAX);
		FUZZ_CHECK(lat.buckets >= 1 && lat.buckets <= LAT_BUCKETS_MAX);
		FUZZ_CHECK(lat.worst <= LAT_WORST_MAX && lat.raw <= LAT_RAW_MAX);
		FUZZ_CHECK(strlen(lat.id) <= LAT_ID_MAX);
	}
	check_program(&prog);
	if (c == CMD_RUN)
		program_reset(&prog);       /* as the agent does after a run */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct line_reader lr;
	int fds[2];
	unsigned lineno = 0;
	if (size > 60000 || pipe(fds) != 0)     /* stays within one pipe buffer */
		return 0;
	if (size > 0 && write(fds[1], data, size) != (ssize_t)size) {
		close(fds[0]);
		close(fds[1]);
		return 0;
	}
	close(fds[1]);
	program_reset(&prog);
	lr_init(&lr, fds[0]);
	for (;;) {
		const char *line;
		size_t n;
		enum lr_status st = lr_next(&lr, &line, &n, 0);
		if (st == LR_EOF || st == LR_ERROR || st == LR_IDLE)
			break;
		lineno++;
		if (st == LR_TOO_LONG) {
			program_mark_broken(&prog, "line too long");
			continue;
		}
		FUZZ_CHECK(n <= LINEREADER_LIMIT);
		feed(line, n, lineno);
	}
	close(fds[0]);
	return 0;
}
