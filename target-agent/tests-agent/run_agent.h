/*
 * Runs the agent binary as the controller would: commands on its stdin,
 * framed records parsed (length and CRC checked) from its stdout.
 */
#ifndef QHIL_RUN_AGENT_H
#define QHIL_RUN_AGENT_H

#include <stdbool.h>
#include <sys/types.h>

#define RECORDS_MAX 1024

struct agent {
	pid_t  pid;
	int    in_fd, out_fd;
	char  *raw;                 /* everything read from stdout */
	size_t raw_len, parsed;
	int    n;                   /* records parsed so far */
	char  *rec[RECORDS_MAX];    /* their payloads, NUL-terminated */
	int    garbled;             /* frames whose length or CRC did not check */
	int    status;              /* wait status once finished, else -1 */
};

/* Starts the agent with extra environment entries ("NAME=value", NULL-ended). */
bool agent_start(struct agent *a, const char *const *env);
/* The same with command-line arguments (NULL-ended, may be NULL). */
bool agent_start_args(struct agent *a, const char *const *env, const char *const *args);
bool agent_send(struct agent *a, const char *text);
/* Reads until a record containing frag arrives; returns it or NULL on timeout/EOF. */
const char *agent_wait_for(struct agent *a, const char *frag, int timeout_ms);
/* Closes stdin, reads to EOF, reaps the agent; false on timeout (agent killed). */
bool agent_finish(struct agent *a, int timeout_ms);
void agent_free(struct agent *a);

/* Runs input to completion. */
bool agent_run(struct agent *a, const char *input, const char *const *env, int timeout_ms);

/* First record containing both fragments (frag2 may be NULL). */
const char *rec_find(const struct agent *a, const char *frag1, const char *frag2);
int rec_count(const struct agent *a, const char *frag);
/* Index of the first record containing frag, or -1. */
int rec_index(const struct agent *a, const char *frag);
/* Integer member "key":N of a record; def when absent. */
long long rec_int(const char *rec, const char *key, long long def);

/* execv(), or under an emulator ($QHIL_EMULATOR) the emulator running path;
 * returns only on failure. */
void exec_test_program(const char *path, char *const argv[]);
/* True under an emulator (tools/run-emulated sets $QHIL_EMULATOR). */
bool test_emulated(void);

/* The qnxsim node of this test process (removed by agent_cleanup_node). */
const char *agent_node(void);
void agent_cleanup_node(void);

#endif
