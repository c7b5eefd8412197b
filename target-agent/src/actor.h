/*
 * The actor: one forked process per scenario actor. It reads step commands
 * from its command pipe, makes the kernel calls, and writes one result per
 * step to its result pipe. An async step runs on a helper thread; its result
 * is written when the call returns. EOF on the command pipe (the coordinator
 * closed it or died) ends the actor.
 */
#ifndef QHIL_ACTOR_H
#define QHIL_ACTOR_H

#include "events.h"
#include "wire.h"

#include <pthread.h>
#include <signal.h>
#include <stdint.h>

#define ACTOR_ASYNC_MAX 32      /* async steps running at once in one actor */

struct actor {
	const char        *name;
	int                res_fd;
	uint64_t           kernel_timeout_ns;   /* bound of every blocking call */
	struct event_table events;
	pthread_mutex_t    write_lock;          /* one result at a time on res_fd */
	pthread_mutex_t    async_lock;
	pthread_cond_t     async_idle;
	int                async_running;
};

/* Runs the actor loop; never returns. */
_Noreturn void actor_main(const char *name, int cmd_fd, int res_fd,
                          uint64_t kernel_timeout_ns);

/* The signals every actor blocks and wait_event waits for. */
void actor_signal_set(sigset_t *set);

/* Executes one step (actor_ops.c); fills in r. */
void actor_exec(struct actor *a, const struct wire_cmd *c, struct wire_result *r);

/* Waits for every running async step of a (the await op). */
void actor_await(struct actor *a, struct wire_result *r);

/* Helpers for op implementations. */
void result_done(struct wire_result *r, int64_t ret, int err);
void result_broken(struct wire_result *r, const char *fmt, ...);
int64_t monotonic_ns(void);
/* Bounds the calling thread's next blocking kernel call (TimerTimeout). */
int bound_next_call(const struct actor *a, int states, uint64_t ns);

#endif
