/*
 * What ends a run or the session besides the program itself (PROTOCOL.md,
 * "Lifecycle"): EOF on stdin, a missed heartbeat, a terminating signal. The
 * signal handler kills every actor at once and wakes the main loop through a
 * pipe; the main loop then lets the node reclaim what the killed actors held
 * (qnxsim only: QNX's kernel does it at process death) and dies of the signal.
 */
#ifndef QHIL_LIFECYCLE_H
#define QHIL_LIFECYCLE_H

#include "linereader.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum stop_reason { STOP_NONE, STOP_EOF, STOP_HEARTBEAT, STOP_SIGNAL };

#define HEARTBEAT_MAX_MS 3600000L

/* Installs the signal handlers; heartbeat_ms 0 = off. */
void lifecycle_init(struct line_reader *lr, long heartbeat_ms);

/* The fd the signal handler writes to, the command input, and the reader. */
int  lifecycle_wake_fd(void);
int  lifecycle_in_fd(void);
struct line_reader *lifecycle_reader(void);

/* The heartbeat deadline in CLOCK_MONOTONIC ns, or -1 when off. */
int64_t lifecycle_deadline_ns(void);
/* A command line arrived: the deadline restarts. */
void lifecycle_beat(void);
/* "heartbeat [ms]": true when line is one (handled), false otherwise; a bad
 * argument is reported in err (and *is_error set). */
bool lifecycle_heartbeat_line(const char *line, size_t n, char *err, size_t cap, bool *is_error);

/* A terminating signal caught, a passed deadline, or STOP_NONE. */
enum stop_reason lifecycle_check(void);
int  lifecycle_signal(void);
long lifecycle_heartbeat_ms(void);

/* While a run is in progress and stdin is readable: heartbeats are taken,
 * other command lines are held for after the run; EOF is STOP_EOF unless a
 * quit line is among them (then the run finishes and the agent quits). */
enum stop_reason lifecycle_input_during_run(unsigned *lineno);
/* The next line held during a run (valid until the next run), or false. */
bool lifecycle_next_deferred(const char **line, size_t *n, unsigned *lineno);
/* EOF was seen during a run after a quit line. */
bool lifecycle_input_closed(void);

/* After actors were killed: lets the node reclaim their objects (qnxsim). */
void lifecycle_reclaim(void);
/* The reclaim helper's whole work; returns its exit status. */
int  lifecycle_reclaim_main(void);

/* Ends the process by the caught signal, after killing and reclaiming. */
_Noreturn void lifecycle_die_of_signal(void);

#endif
