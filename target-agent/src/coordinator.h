/*
 * The coordinator runs one program: it forks an actor per name, sends each
 * step to its actor, turns results into records, enforces the step timeout,
 * and at the end reaps every actor (PROTOCOL.md, "run").
 */
#ifndef QHIL_COORDINATOR_H
#define QHIL_COORDINATOR_H

#include "lifecycle.h"
#include "program.h"
#include "value.h"
#include "wire.h"

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#define STEP_TIMEOUT_DEFAULT_MS 5000
#define SHUTDOWN_GRACE_MS       1000    /* actors may take this long to leave */

struct coord_config {
	int      step_timeout_ms;           /* outer bound of every step */
	uint64_t kernel_timeout_ns;         /* bound of every blocking kernel call */
};

enum actor_state { ACTOR_LIVE, ACTOR_STUCK, ACTOR_DEAD };

struct actor_proc {
	pid_t            pid;
	int              cmd_fd;            /* coordinator -> actor */
	int              res_fd;            /* actor -> coordinator */
	enum actor_state state;
	bool             expect_end;        /* a kill or exit step ends it */
	unsigned         end_step;          /* that step */
	char             why[160];          /* why it is stuck or dead */
};

enum step_state { STEP_IDLE, STEP_PENDING, STEP_DONE, STEP_ERROR };

struct step_run {
	enum step_state state;
	int64_t         ret;
	int64_t         deadline_ns;
};

struct run {
	const struct program *prog;
	const struct coord_config *cfg;
	unsigned          nactors;
	struct actor_proc actors[ACTORS_MAX];
	struct step_run   steps[STEPS_MAX];
	bool              broken;
	bool              aborted;          /* an actor died unexpectedly */
	char              abort_why[200];
	bool              reclaim;          /* an actor died by a signal */
	enum stop_reason  stop;             /* EOF, heartbeat or signal mid-run */
	unsigned         *lineno;           /* command lines read so far */
};

/*
 * Runs the program and emits begin / step / error / end records. Reads stdin
 * for heartbeats and EOF meanwhile (lineno counts the lines); returns why the
 * session must end, or STOP_NONE.
 */
enum stop_reason coordinator_run(const struct program *p, const struct coord_config *cfg,
                                 unsigned *lineno);

/* Process management (coord_actors.c). */
int  actors_spawn(struct run *r, char *err, size_t cap);
void actors_mark_dead(struct run *r, unsigned i, const char *what);
int  actors_shutdown(struct run *r);        /* returns how many were killed */
int  actors_kill_now(struct run *r);        /* SIGKILLs every live actor; how many */
/* Async-signal-safe: SIGKILLs and reaps every actor still known. */
void actors_kill_all(void);

/* Argument resolution (coord_args.c). */
enum val_status coord_build_cmd(struct run *r, unsigned index, struct wire_cmd *c,
                                char *err, size_t cap);
/* The first pending step that a $reference of step index needs, or -1. */
int coord_pending_ref(const struct run *r, unsigned index);

/* Records (coordinator.c). */
void emit_error(int index, const char *fmt, ...);

#endif
