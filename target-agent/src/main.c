/*
 * qnx-hil-agent -- runs step programs with real kernel calls on a QNX board
 * (or on the emulated board) for the qnx-hil controller.
 *
 * Protocol: target-agent/PROTOCOL.md. Commands arrive as lines on stdin;
 * framed records ("#QHIL1 <len> <crc> <json>") leave on stdout; stderr is
 * free text for humans.
 *
 * Process structure
 *
 *   agent (coordinator)          single-threaded: reads commands, parses the
 *     |                          program, and on "run" sequences its steps.
 *     |                          It makes no kernel calls of its own (fork()
 *     |                          must stay legal: QNX refuses to fork a
 *     |                          multithreaded process).
 *     +-- actor "server"         one forked process per actor, for one run.
 *     +-- actor "client"         Each has two pipes with the coordinator:
 *     ...                        commands in, results out (wire.h, fixed-size
 *                                binary messages). Before its first step an
 *                                actor blocks SIGUSR1, SIGUSR2 and
 *                                SIGRTMIN..SIGRTMAX so signal events wait for
 *                                wait_event. An async step runs on a helper
 *                                thread of the actor; its result is written
 *                                when the call returns.
 *
 *   The "info" command forks a short-lived probe pair (a server and a client
 *   process) to measure whether procnto accepts unregistered events.
 *
 * Bounds and liveness
 *   - every blocking kernel call in an actor is bounded by TimerTimeout at
 *     4/5 of the step timeout; the coordinator's poll() on the result pipes is
 *     the outer bound (QHIL_STEP_TIMEOUT_MS, default 5000 ms);
 *   - an actor leaves on EOF of its command pipe, so actors die with the
 *     coordinator whichever way it ends; at the end of a run the coordinator
 *     closes the pipes, waits SHUTDOWN_GRACE_MS, then kills and reaps what
 *     is left and reports the count as "leftover";
 *   - SIGTERM, SIGINT and SIGHUP kill and reap every actor at once (in the
 *     handler), then the main loop lets the node reclaim their objects
 *     (qnxsim) and the agent dies of the same signal (lifecycle.c);
 *   - stdin is read during a run too: EOF there aborts the run, kills the
 *     actors and ends the agent ("bye", status 0), as EOF or "quit" between
 *     runs does; a heartbeat deadline (--heartbeat-ms or "heartbeat <ms>")
 *     that passes without a command line does the same with status 4;
 *   - an actor that dies without a kill/exit step asking for it aborts only
 *     its run; the agent stays up;
 *   - when stdout cannot be written (the controller is gone) the actors are
 *     killed and the agent exits with status 3; --idle-timeout ends a session
 *     in which no command arrived for that long (a serial console never
 *     gives EOF).
 *
 * Options: --idle-timeout SECONDS, --heartbeat-ms MS, --version, --help;
 * anything else is a usage error (status 2).
 */
#include "actor.h"
#include "coordinator.h"
#include "framing.h"
#include "info.h"
#include "latency.h"
#include "lifecycle.h"
#include "linereader.h"
#include "program.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EXIT_USAGE     2
#define EXIT_OUTPUT    3
#define EXIT_HEARTBEAT 4

static struct program prog;
static struct line_reader input;

static void on_output_failure(void)
{
	actors_kill_all();
	latency_kill_all();
	info_kill_probe();
	lifecycle_reclaim();
	_exit(EXIT_OUTPUT);
}

static void usage(FILE *to)
{
	fprintf(to, "usage: qnx-hil-agent [--idle-timeout SECONDS] [--heartbeat-ms MS] [--version] [--help]\n"
	        "  Reads protocol commands on stdin, writes #QHIL1 records on stdout.\n"
	        "  --heartbeat-ms MS     leave (status 4) when no command line arrives for MS ms\n"
	        "  QHIL_STEP_TIMEOUT_MS  step timeout in ms (100..3600000, default %d)\n",
	        STEP_TIMEOUT_DEFAULT_MS);
}

static bool parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;
	if (!s || !*s)
		return false;
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* Returns -1 to go on, or an exit status. */
static int parse_options(int argc, char **argv, long *idle_s, long *hb_ms,
                         struct coord_config *cfg)
{
	const char *env = getenv("QHIL_STEP_TIMEOUT_MS");
	long ms = STEP_TIMEOUT_DEFAULT_MS;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("qnx-hil-agent %s (build %s)\n", QHIL_AGENT_VERSION, QHIL_BUILD_HASH);
			return 0;
		} else if (strcmp(argv[i], "--idle-timeout") == 0 && i + 1 < argc &&
		           parse_long(argv[i + 1], 0, 2000000L, idle_s)) {
			i++;
		} else if (strcmp(argv[i], "--heartbeat-ms") == 0 && i + 1 < argc &&
		           parse_long(argv[i + 1], 0, HEARTBEAT_MAX_MS, hb_ms)) {
			i++;
		} else {
			fprintf(stderr, "qnx-hil-agent: bad argument '%s'\n", argv[i]);
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (env && !parse_long(env, 100, 3600000L, &ms)) {
		fprintf(stderr, "qnx-hil-agent: QHIL_STEP_TIMEOUT_MS='%s' is not 100..3600000\n", env);
		return EXIT_USAGE;
	}
	cfg->step_timeout_ms = (int)ms;
	cfg->kernel_timeout_ns = (uint64_t)(ms - ms / 5) * 1000000u;
	return -1;
}

static void bye(void)
{
	static struct json j;
	json_begin(&j);
	json_str(&j, "type", "bye");
	json_end(&j);
	record_emit(&j);
}

/* Returns STOP_NONE to go on; *quit when the session is over. */
static enum stop_reason handle_line(const char *line, size_t n, unsigned this_line,
                                    unsigned *lineno, const struct coord_config *cfg, bool *quit)
{
	char err[ERROR_MAX];
	int step_index;
	bool bad;
	enum stop_reason why = STOP_NONE;
	lifecycle_beat();
	if (lifecycle_heartbeat_line(line, n > 0 && line[n - 1] == '\r' ? n - 1 : n,
	                             err, sizeof err, &bad)) {
		if (bad)
			emit_error(-1, "line %u: %s", this_line, err);
		return STOP_NONE;
	}
	switch (program_feed(&prog, line, n, this_line, err, sizeof err, &step_index)) {
	case CMD_ERROR:
		emit_error(step_index, "%s", err);
		break;
	case CMD_INFO:
		info_emit();
		break;
	case CMD_RUN:
		why = coordinator_run(&prog, cfg, lineno);
		program_reset(&prog);
		break;
	case CMD_LATENCY:
		latency_run(line, n, this_line);
		lifecycle_beat();       /* heartbeats were not read meanwhile */
		break;
	case CMD_QUIT:
		*quit = true;
		break;
	default:
		break;
	}
	return why;
}

/* Waits for input, a signal or a deadline; false when the wait itself failed. */
static bool wait_input(int64_t idle_deadline)
{
	struct pollfd pfd[2];
	int64_t now = monotonic_ns(), until = lifecycle_deadline_ns();
	int timeout_ms = -1, n = 0, rc;
	if (idle_deadline >= 0 && (until < 0 || idle_deadline < until))
		until = idle_deadline;
	if (until >= 0)
		timeout_ms = until > now ? (int)((until - now + 999999) / 1000000) : 0;
	pfd[n].fd = input.fd;
	pfd[n].events = POLLIN;
	pfd[n++].revents = 0;
	if (lifecycle_wake_fd() >= 0) {
		pfd[n].fd = lifecycle_wake_fd();
		pfd[n].events = POLLIN;
		pfd[n++].revents = 0;
	}
	rc = poll(pfd, (nfds_t)n, timeout_ms);
	return rc >= 0 || errno == EINTR;
}

static enum stop_reason session(long idle_s, const struct coord_config *cfg)
{
	unsigned lineno = 0;
	int64_t idle_deadline = idle_s > 0 ? monotonic_ns() + (int64_t)idle_s * 1000000000 : -1;
	for (;;) {
		enum stop_reason why = lifecycle_check();
		if (why != STOP_NONE)
			return why;
		if (idle_deadline >= 0 && monotonic_ns() >= idle_deadline) {
			fprintf(stderr, "qnx-hil-agent: no command for %ld s, leaving\n", idle_s);
			return STOP_NONE;
		}
		if (!lifecycle_input_closed() && !wait_input(idle_deadline))
			return STOP_EOF;
		/* every complete line that is there, then back to waiting */
		for (;;) {
			const char *line;
			size_t n;
			bool quit = false;
			unsigned held;
			enum lr_status st;
			/* lines that arrived during a run come first */
			while (lifecycle_next_deferred(&line, &n, &held)) {
				why = handle_line(line, n, held, &lineno, cfg, &quit);
				if (why != STOP_NONE)
					return why;
				if (quit)
					return STOP_NONE;
			}
			if (lifecycle_input_closed())
				return STOP_EOF;
			st = lr_next(&input, &line, &n, 1);
			if (st == LR_IDLE)
				break;
			if (st == LR_EOF || st == LR_ERROR)
				return STOP_EOF;
			lineno++;
			if (idle_s > 0)
				idle_deadline = monotonic_ns() + (int64_t)idle_s * 1000000000;
			if (st == LR_TOO_LONG) {
				char err[ERROR_MAX];
				lifecycle_beat();
				snprintf(err, sizeof err, "line %u: line longer than %d bytes",
				         lineno, LINE_MAX_BYTES);
				program_mark_broken(&prog, err);
				emit_error(-1, "%s", err);
				continue;
			}
			why = handle_line(line, n, lineno, &lineno, cfg, &quit);
			if (why != STOP_NONE)
				return why;
			if (quit)
				return STOP_NONE;
		}
	}
}

int main(int argc, char **argv)
{
	struct coord_config cfg;
	long idle_s = 0, hb_ms = 0;
	enum stop_reason why;
	int rc = parse_options(argc, argv, &idle_s, &hb_ms, &cfg);
	if (rc >= 0)
		return rc;
	framing_set_output(STDOUT_FILENO);
	framing_set_fatal(on_output_failure);
	program_reset(&prog);
	lr_init(&input, STDIN_FILENO);
	lifecycle_init(&input, hb_ms);
	why = session(idle_s, &cfg);
	if (why == STOP_SIGNAL)
		lifecycle_die_of_signal();
	if (why == STOP_HEARTBEAT) {
		emit_error(-1, "no heartbeat for %ld ms: the agent leaves", lifecycle_heartbeat_ms());
		actors_kill_all();
		latency_kill_all();
		info_kill_probe();
		return EXIT_HEARTBEAT;
	}
	bye();
	return 0;
}
