/*
 * The step program and the command parser (PROTOCOL.md, "Commands").
 *
 * Every bound of the protocol is checked here, before anything runs: a bad
 * line yields a message naming the line (and the step index when there is
 * one) and marks the program broken; nothing in the input can overflow a
 * buffer or crash the agent.
 */
#ifndef QHIL_PROGRAM_H
#define QHIL_PROGRAM_H

#include "ops.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LINE_MAX_BYTES   1024   /* one command line, without the newline */
#define SCENARIO_ID_MAX  128
#define ACTORS_MAX       8
#define ACTOR_NAME_MAX   31
#define STEPS_MAX        256
#define STEP_ARGS_MAX    16
#define VALUE_MAX        255
#define ERROR_MAX        320

struct step_arg {
	enum arg_key         key;
	const struct op_arg *spec;
	uint16_t             off, len;      /* the value inside step.text */
};

struct step {
	unsigned        line;               /* input line that defined it */
	unsigned        actor;              /* index into program.actors */
	enum op_id      op;
	bool            async;
	unsigned        nargs;
	struct step_arg args[STEP_ARGS_MAX];
	char            text[LINE_MAX_BYTES + 1];   /* copy of the line */
};

struct program {
	bool     open;                      /* a scenario line started it */
	char     id[SCENARIO_ID_MAX + 1];
	unsigned nactors;
	char     actors[ACTORS_MAX][ACTOR_NAME_MAX + 1];
	unsigned nsteps;
	struct step steps[STEPS_MAX];
	bool     broken;                    /* some line of it was rejected */
	char     first_error[ERROR_MAX];
};

enum command {
	CMD_EMPTY, CMD_INFO, CMD_SCENARIO, CMD_ACTORS, CMD_STEP, CMD_RUN, CMD_QUIT,
	CMD_LATENCY,    /* "latency key=value ...": checked and run by latency.c */
	CMD_ERROR
};

void program_reset(struct program *p);
/* Marks the program being built as broken (a line was rejected before parsing). */
void program_mark_broken(struct program *p, const char *why);

/*
 * Parses one command line (no newline). Program lines update p; CMD_ERROR
 * comes with a message in err ("line 7: step 3: unknown op 'x'") and, when a
 * program is being built, marks it broken. *step_index is set to the step
 * index the error is about, or -1.
 */
enum command program_feed(struct program *p, const char *line, size_t len,
                          unsigned lineno, char *err, size_t errcap, int *step_index);

/* The step before `before` whose as= binds name, or -1. */
int program_binder(const struct program *p, unsigned before,
                   const char *name, size_t len);

/* The argument of a step, NULL when absent. */
const struct step_arg *step_find_arg(const struct step *s, enum arg_key key);
int program_actor_index(const struct program *p, const char *name, size_t len);

#endif
