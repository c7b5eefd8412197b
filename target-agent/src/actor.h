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
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#define ACTOR_ASYNC_MAX 32      /* async steps running at once in one actor */
#define ACTOR_RUNS_MAX  32      /* SIGEV_THREAD runs not yet taken by a wait */
#define ACTOR_RCVIDS    64      /* received messages remembered for client_info */

struct mapping {
	void    *base;
	size_t   size;
};

struct received {
	int64_t rcvid;
	int     scoid;
};

struct actor {
	const char        *name;
	int                res_fd;
	uint64_t           kernel_timeout_ns;   /* bound of every blocking call */
	struct event_table events;
	pthread_mutex_t    write_lock;          /* one result at a time on res_fd */
	pthread_mutex_t    async_lock;
	pthread_cond_t     async_idle;
	int                async_running;
	pid_t              pid;
	/* memory the SIGEV_MEMORY events and mem_* ops act on */
	volatile int32_t   words[ACTOR_WORDS];
	pthread_mutex_t    map_lock;
	struct mapping     maps[ACTOR_MAPS];
	/* runs of the SIGEV_THREAD notify function, oldest first */
	pthread_mutex_t    run_lock;
	pthread_cond_t     run_cond;
	unsigned           runs_head, runs_count, runs_lost;
	int32_t            run_value[ACTOR_RUNS_MAX];
	bool               run_same[ACTOR_RUNS_MAX];
	/* the scoid of recent messages, by rcvid */
	pthread_mutex_t    rcv_lock;
	unsigned           rcv_next;
	struct received    rcv[ACTOR_RCVIDS];
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

/* actor_mem.c: shared memory, mappings, words, SIGEV_THREAD runs. */
void actor_mem_init(struct actor *a);
void op_shm(struct actor *a, const struct wire_cmd *c, struct wire_result *r);
/* The address of word= or map=+offset= of c (NULL with r broken). */
volatile int32_t *actor_word_addr(struct actor *a, const struct wire_cmd *c,
                                  struct wire_result *r);
void actor_thread_notify(union sigval v);
int wait_memory(struct actor *a, const struct wire_cmd *c, uint64_t ns, struct wire_result *r);
int wait_thread(struct actor *a, uint64_t ns, struct wire_result *r);

/* actor_proc.c: identities, abilities, process control, connection info. */
void op_proc(struct actor *a, const struct wire_cmd *c, struct wire_result *r);
void actor_remember_rcvid(struct actor *a, int64_t rcvid, int scoid);

/* Helpers for op implementations. */
void result_done(struct wire_result *r, int64_t ret, int err);
void result_broken(struct wire_result *r, const char *fmt, ...);
int64_t monotonic_ns(void);
/* Bounds the calling thread's next blocking kernel call (TimerTimeout). */
int bound_next_call(const struct actor *a, int states, uint64_t ns);

#endif
