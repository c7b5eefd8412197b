/*
 * The two processes of a latency measurement and what they share: one page
 * mapped before fork() (MAP_SHARED | MAP_ANON), holding the server's stamp of
 * the current delivery, the client's count of samples taken and each side's
 * outcome.
 *
 * Lock step: the server delivers sample i only once the client has taken
 * sample i-1 (done == i), so the stamp t0 is never overwritten before the
 * client reads it; a client that falls behind shows as waited_for_client and
 * as its own late samples, never as a lost one.
 */
#ifndef QHIL_LAT_LOOPS_H
#define QHIL_LAT_LOOPS_H

#include "latency.h"

#include <stdatomic.h>
#include <sys/types.h>

enum lat_outcome {
	OUT_RUNNING,
	OUT_OK,
	OUT_UNSUPPORTED,    /* the board cannot do this configuration: SKIPPED */
	OUT_BROKEN,         /* the measurement could not be carried out */
};

#define LAT_MSG_MAX 240

struct lat_side {
	atomic_int outcome;                 /* enum lat_outcome */
	char       message[LAT_MSG_MAX];
};

struct lat_shared {
	atomic_ullong t0;                   /* ClockCycles() just before the delivery */
	atomic_ullong done;                 /* samples the client has taken */
	atomic_int    client_ready;         /* the client is set up and about to wait */
	atomic_ullong waited_for_client;
	atomic_ullong late_periods;
	struct lat_side server, client;
};

/* The child processes: they never return. */
void lat_server_main(const struct lat_config *c, struct lat_shared *sh, int chid_fd);
void lat_client_main(const struct lat_config *c, struct lat_shared *sh,
                     pid_t server, int server_chid);
void lat_load_main(const struct lat_config *c, pid_t parent);

/* Sets the outcome of one side (first call wins) with a message. */
void lat_fail(struct lat_side *side, enum lat_outcome o, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Pinning, scheduling and memory locking of the calling thread/process;
 * false with the side's outcome set. */
bool lat_pin(struct lat_side *side, int cpu, const char *who);
bool lat_schedule(struct lat_side *side, enum lat_policy p, int priority, const char *who);
bool lat_lock_memory(struct lat_side *side, const char *who);

#endif
