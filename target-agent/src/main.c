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
 *   - SIGTERM, SIGINT and SIGHUP kill and reap every actor before the agent
 *     dies of the same signal;
 *   - EOF on stdin or "quit" ends the agent ("bye", status 0); when stdout
 *     cannot be written (the controller is gone) the actors are killed and
 *     the agent exits with status 3; --idle-timeout ends a session in which
 *     no command arrived for that long (a serial console never gives EOF).
 *
 * Options: --idle-timeout SECONDS, --version, --help; anything else is a
 * usage error (status 2).
 */
#include "coordinator.h"
#include "framing.h"
#include "info.h"
#include "latency.h"
#include "linereader.h"
#include "program.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EXIT_USAGE   2
#define EXIT_OUTPUT  3

static struct program prog;
static struct line_reader input;

static void on_output_failure(void)
{
	actors_kill_all();
	latency_kill_all();
	info_kill_probe();
	_exit(EXIT_OUTPUT);
}

static void on_terminate(int sig)
{
	struct sigaction sa;
	actors_kill_all();
	latency_kill_all();
	info_kill_probe();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, sig);
	sigprocmask(SIG_UNBLOCK, &sa.sa_mask, NULL);  /* die of sig, as the caller expects */
	raise(sig);
	_exit(128 + sig);
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_terminate;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

static void usage(FILE *to)
{
	fprintf(to, "usage: qnx-hil-agent [--idle-timeout SECONDS] [--version] [--help]\n"
	        "  Reads protocol commands on stdin, writes #QHIL1 records on stdout.\n"
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
static int parse_options(int argc, char **argv, long *idle_s, struct coord_config *cfg)
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

/* Returns false when the session is over. */
static bool handle_line(const char *line, size_t n, unsigned lineno,
                        const struct coord_config *cfg)
{
	char err[ERROR_MAX];
	int step_index;
	switch (program_feed(&prog, line, n, lineno, err, sizeof err, &step_index)) {
	case CMD_ERROR:
		emit_error(step_index, "%s", err);
		break;
	case CMD_INFO:
		info_emit();
		break;
	case CMD_RUN:
		coordinator_run(&prog, cfg);
		program_reset(&prog);
		break;
	case CMD_LATENCY:
		latency_run(line, n, lineno);
		break;
	case CMD_QUIT:
		return false;
	default:
		break;
	}
	return true;
}

static void session(long idle_s, const struct coord_config *cfg)
{
	unsigned lineno = 0;
	for (;;) {
		const char *line;
		size_t n;
		enum lr_status st = lr_next(&input, &line, &n, (int)(idle_s > 0 ? idle_s * 1000 : 0));
		if (st == LR_EOF || st == LR_ERROR)
			return;
		if (st == LR_IDLE) {
			fprintf(stderr, "qnx-hil-agent: no command for %ld s, leaving\n", idle_s);
			return;
		}
		lineno++;
		if (st == LR_TOO_LONG) {
			char err[ERROR_MAX];
			snprintf(err, sizeof err, "line %u: line longer than %d bytes",
			         lineno, LINE_MAX_BYTES);
			program_mark_broken(&prog, err);
			emit_error(-1, "%s", err);
			continue;
		}
		if (!handle_line(line, n, lineno, cfg))
			return;
	}
}

int main(int argc, char **argv)
{
	struct coord_config cfg;
	long idle_s = 0;
	int rc = parse_options(argc, argv, &idle_s, &cfg);
	if (rc >= 0)
		return rc;
	install_signals();
	framing_set_output(STDOUT_FILENO);
	framing_set_fatal(on_output_failure);
	program_reset(&prog);
	lr_init(&input, STDIN_FILENO);
	session(idle_s, &cfg);
	bye();
	return 0;
}
