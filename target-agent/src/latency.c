/*
 * A latency measurement seen from the coordinator: fork the load actors, the
 * server and the client, wait for them within a bound, and say how it ended
 * (latency_end). The coordinator itself makes no kernel call, so fork() stays
 * legal on QNX.
 */
#include "latency.h"

#include "coordinator.h"
#include "framing.h"
#include "lat_loops.h"
#include "lat_stats.h"
#include "lifecycle.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define LAT_PROCS   3                   /* server, client, load */
#define SETUP_MS    5000

enum { SLOT_SERVER, SLOT_CLIENT, SLOT_LOAD };

/* Read by the termination handler; written only by the coordinator. */
static volatile pid_t lat_pids[LAT_PROCS];

/* Set when a server or client (attached to the node) had to be killed. */
static volatile bool killed_attached;

void latency_kill_all(void)
{
	for (unsigned i = 0; i < LAT_PROCS; i++) {
		pid_t pid = lat_pids[i];
		if (pid > 0) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			lat_pids[i] = 0;
			if (i != SLOT_LOAD)
				killed_attached = true;
		}
	}
}

static int64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* In a new child: stdin away; stdout only for the client (its records). */
static void child_setup(bool keeps_stdout)
{
	int devnull = open("/dev/null", O_RDONLY);
	for (unsigned i = 0; i < LAT_PROCS; i++)
		lat_pids[i] = 0;
	if (devnull >= 0) {
		dup2(devnull, 0);
		close(devnull);
	}
	if (!keeps_stdout)
		dup2(2, 1);
}

static void on_child_output_failure(void)
{
	_exit(3);
}

static void end_record(const struct lat_config *c, const char *status, const char *message)
{
	struct json *j = lat_json();
	json_begin(j);
	json_str(j, "type", "latency_end");
	json_str(j, "id", c->id);
	json_str(j, "status", status);
	if (message && *message)
		json_str(j, "message", message);
	json_end(j);
	record_emit(j);
}

/* True while the controller's end of stdin is open. */
static bool controller_present(void)
{
	struct pollfd p = { .fd = 0, .events = POLLIN };
	return !(poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR)) && !(p.revents & POLLIN));
}

static bool reaped(unsigned slot)
{
	pid_t pid = lat_pids[slot];
	if (pid <= 0)
		return true;
	if (waitpid(pid, NULL, WNOHANG) == pid) {
		lat_pids[slot] = 0;
		return true;
	}
	return false;
}


/* Waits for server and client; false with *why set when the bound expired. */
static bool wait_both(struct lat_shared *sh, int64_t deadline, const char **why)
{
	struct timespec tick = { 0, 10000000L };
	for (;;) {
		bool server_gone = reaped(SLOT_SERVER), client_gone = reaped(SLOT_CLIENT);
		if (server_gone && client_gone)
			return true;
		/* One side failed: the other would wait for it forever. */
		if ((server_gone && atomic_load(&sh->server.outcome) != OUT_OK) ||
		    (client_gone && atomic_load(&sh->client.outcome) != OUT_OK))
			return true;
		if (now_ms() > deadline) {
			*why = "the measurement did not finish within its time bound";
			return false;
		}
		if (!controller_present()) {
			*why = "the controller went away (stdin closed)";
			return false;
		}
		nanosleep(&tick, NULL);
	}
}

static pid_t spawn(unsigned slot, bool keeps_stdout)
{
	pid_t pid;
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		child_setup(keeps_stdout);
		framing_set_fatal(on_child_output_failure);
	} else if (pid > 0) {
		lat_pids[slot] = pid;
	}
	return pid;
}

/* Reads the server's chid within SETUP_MS; -1 when it did not come. */
static int read_chid(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int chid = -1;
	if (poll(&p, 1, SETUP_MS) == 1 && read(fd, &chid, sizeof chid) == (ssize_t)sizeof chid)
		return chid;
	return -1;
}

static void conclude(const struct lat_config *c, struct lat_shared *sh, const char *why)
{
	int so = atomic_load(&sh->server.outcome), co = atomic_load(&sh->client.outcome);
	char msg[2 * LAT_MSG_MAX + 64];
	if (why == NULL && so == OUT_OK && co == OUT_OK) {
		end_record(c, "ok", NULL);
		return;
	}
	if (so == OUT_UNSUPPORTED || co == OUT_UNSUPPORTED) {
		end_record(c, "unsupported", so == OUT_UNSUPPORTED ? sh->server.message : sh->client.message);
		return;
	}
	snprintf(msg, sizeof msg, "%s%s%s%s%s", why ? why : "",
	         why && (so > OUT_OK || co > OUT_OK) ? "; " : "",
	         so > OUT_OK ? sh->server.message : "",
	         so > OUT_OK && co > OUT_OK ? "; " : "",
	         co > OUT_OK ? sh->client.message : "");
	if (msg[0] == '\0')
		snprintf(msg, sizeof msg, "a measurement process ended without a result");
	end_record(c, "broken", msg);
}

static void measure(const struct lat_config *c, struct lat_shared *sh)
{
	uint64_t total = c->warmup + c->iterations;
	/* A bound against a hang, not a judgement of speed: 5 ms a sample beyond
	 * its pacing holds on a machine whose CPUs are busy with other work (a
	 * wake across CPUs can then take milliseconds), and a stuck measurement
	 * still ends. */
	int64_t deadline = now_ms() + 2 * SETUP_MS +
		(int64_t)(total * (2ull * c->interval_us + 5000u) / 1000u);
	const char *why = NULL;
	int pipefd[2], chid;
	pid_t me = getpid(), server, client;
	if (c->load != LOAD_NONE && spawn(SLOT_LOAD, false) == 0)
		lat_load_main(c, me);
	if (pipe(pipefd) != 0) {
		conclude(c, sh, "pipe failed");
		return;
	}
	server = spawn(SLOT_SERVER, false);
	if (server == 0) {
		close(pipefd[0]);
		lat_server_main(c, sh, pipefd[1]);
	}
	close(pipefd[1]);
	chid = server > 0 ? read_chid(pipefd[0]) : -1;
	close(pipefd[0]);
	if (chid == -1) {
		conclude(c, sh, "the server did not start");
		return;
	}
	client = spawn(SLOT_CLIENT, true);
	if (client == 0)
		lat_client_main(c, sh, server, chid);
	if (client < 0) {
		conclude(c, sh, "fork of the client failed");
		return;
	}
	if (!wait_both(sh, deadline, &why)) {
		latency_kill_all();
		conclude(c, sh, why);
		return;
	}
	latency_kill_all();         /* the side still waiting, and the load */
	conclude(c, sh, NULL);
}

void latency_run(const char *line, size_t n, unsigned lineno)
{
	struct lat_config c;
	char err[ERROR_MAX];
	struct lat_shared *sh;
	if (!lat_config_parse(&c, line, n, err, sizeof err)) {
		char msg[ERROR_MAX + 32];
		snprintf(msg, sizeof msg, "line %u: latency: %s", lineno, err);
		emit_error(-1, "%s", msg);
		end_record(&c, "broken", msg);
		return;
	}
	sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANON, -1, 0);
	if (sh == MAP_FAILED) {
		end_record(&c, "broken", "mmap of the shared page failed");
		return;
	}
	memset(sh, 0, sizeof *sh);
	killed_attached = false;
	measure(&c, sh);
	latency_kill_all();
	munmap(sh, sizeof *sh);
	/* A killed side could not clean up after itself: on qnxsim, let the
	 * node reclaim its objects (and go, when nobody else uses it). */
	if (killed_attached)
		lifecycle_reclaim();
}
