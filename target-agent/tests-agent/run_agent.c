#include "run_agent.h"

#include "framing.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef QHIL_AGENT_BIN
#error "QHIL_AGENT_BIN must name the agent binary"
#endif


/* An emulated test (tools/run-emulated) execs programs through the emulator:
 * qemu-user does not follow execve() into another foreign binary. */
void exec_test_program(const char *path, char *const argv[])
{
	const char *emu = getenv("QHIL_EMULATOR");
	char words[256], *args[40];
	int n = 0;
	if (emu == NULL || emu[0] == '\0') {
		execv(path, argv);
		return;
	}
	snprintf(words, sizeof words, "%s", emu);
	for (char *w = strtok(words, " "); w != NULL && n < 8; w = strtok(NULL, " "))
		args[n++] = w;
	args[n++] = (char *)path;
	for (int i = 1; argv[i] != NULL && n < 39; i++)
		args[n++] = argv[i];
	args[n] = NULL;
	execvp(args[0], args);
}

bool test_emulated(void)
{
	const char *emu = getenv("QHIL_EMULATOR");
	return emu != NULL && emu[0] != '\0';
}

static char node[64];

const char *agent_node(void)
{
	if (!node[0])
		snprintf(node, sizeof node, "/qhil-agent-test-%ld", (long)getpid());
	return node;
}

void agent_cleanup_node(void)
{
	shm_unlink(agent_node());
}

bool agent_start(struct agent *a, const char *const *env)
{
	return agent_start_args(a, env, NULL);
}

bool agent_start_args(struct agent *a, const char *const *env, const char *const *args)
{
	const char *argv[8] = { "qnx-hil-agent" };
	int in[2], out[2];
	memset(a, 0, sizeof *a);
	a->status = -1;
	signal(SIGPIPE, SIG_IGN);
	if (pipe(in) != 0 || pipe(out) != 0)
		return false;
	agent_node();           /* named after this process, before the fork */
	a->pid = fork();
	if (a->pid < 0)
		return false;
	if (a->pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[0]); close(in[1]); close(out[0]); close(out[1]);
		setenv("QNXSIM_NODE", agent_node(), 1);
		for (int i = 0; env && env[i]; i++)
			putenv((char *)env[i]);
		for (int i = 0; args && args[i] && i < 6; i++)
			argv[i + 1] = args[i];
		exec_test_program(QHIL_AGENT_BIN, (char *const *)argv);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	a->in_fd = in[1];
	a->out_fd = out[0];
	return true;
}

bool agent_send(struct agent *a, const char *text)
{
	size_t n = strlen(text);
	while (n > 0) {
		ssize_t w = write(a->in_fd, text, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return false;
		text += w;
		n -= (size_t)w;
	}
	return true;
}

/* Parses every complete frame in raw[parsed..]. */
static void parse_frames(struct agent *a)
{
	for (;;) {
		char *m = a->raw ? strstr(a->raw + a->parsed, QHIL_MARKER) : NULL;
		char *nl;
		unsigned long len, crc;
		int used = 0;
		if (!m || !(nl = strchr(m, '\n')))
			return;
		if (sscanf(m + strlen(QHIL_MARKER), "%lu %lx %n", &len, &crc, &used) < 2 || used == 0 ||
		    (size_t)(nl - (m + strlen(QHIL_MARKER) + used)) != len ||
		    crc32_ieee(m + strlen(QHIL_MARKER) + used, len) != crc) {
			a->garbled++;
		} else if (a->n < RECORDS_MAX) {
			a->rec[a->n] = strndup(m + strlen(QHIL_MARKER) + used, len);
			a->n++;
		}
		a->parsed = (size_t)(nl + 1 - a->raw);
	}
}

/* Reads what is available within timeout_ms; false on EOF or timeout. */
static bool read_some(struct agent *a, int timeout_ms)
{
	struct pollfd p = { a->out_fd, POLLIN, 0 };
	char buf[4096];
	ssize_t r;
	if (poll(&p, 1, timeout_ms) <= 0)
		return false;
	r = read(a->out_fd, buf, sizeof buf);
	if (r <= 0)
		return false;
	a->raw = realloc(a->raw, a->raw_len + (size_t)r + 1);
	memcpy(a->raw + a->raw_len, buf, (size_t)r);
	a->raw_len += (size_t)r;
	a->raw[a->raw_len] = '\0';
	parse_frames(a);
	return true;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

const char *agent_wait_for(struct agent *a, const char *frag, int timeout_ms)
{
	long long until = now_ms() + timeout_ms;
	int seen = 0;
	for (;;) {
		for (; seen < a->n; seen++)
			if (strstr(a->rec[seen], frag))
				return a->rec[seen];
		if (now_ms() >= until || !read_some(a, (int)(until - now_ms())))
			return NULL;
	}
}

bool agent_finish(struct agent *a, int timeout_ms)
{
	long long until = now_ms() + timeout_ms;
	if (a->in_fd >= 0) {
		close(a->in_fd);
		a->in_fd = -1;
	}
	while (now_ms() < until && read_some(a, (int)(until - now_ms())))
		;
	while (now_ms() < until) {
		if (waitpid(a->pid, &a->status, WNOHANG) == a->pid)
			return true;
		usleep(5000);
	}
	kill(a->pid, SIGKILL);
	waitpid(a->pid, &a->status, 0);
	return false;
}

void agent_free(struct agent *a)
{
	for (int i = 0; i < a->n; i++)
		free(a->rec[i]);
	free(a->raw);
	if (a->in_fd >= 0)
		close(a->in_fd);
	close(a->out_fd);
	memset(a, 0, sizeof *a);
}

/* EOF without a quit aborts a run in progress (the controller is gone): a
 * script that runs programs to completion ends with quit, as a controller
 * that is done does. */
bool agent_run(struct agent *a, const char *input, const char *const *env, int timeout_ms)
{
	size_t n = strlen(input);
	bool has_quit = n >= 5 && strcmp(input + n - 5, "quit\n") == 0;
	if (!agent_start(a, env))
		return false;
	agent_send(a, input);
	if (!has_quit && strstr(input, "run\n"))
		agent_send(a, "quit\n");
	return agent_finish(a, timeout_ms);
}

const char *rec_find(const struct agent *a, const char *frag1, const char *frag2)
{
	for (int i = 0; i < a->n; i++)
		if (strstr(a->rec[i], frag1) && (!frag2 || strstr(a->rec[i], frag2)))
			return a->rec[i];
	return NULL;
}

int rec_count(const struct agent *a, const char *frag)
{
	int n = 0;
	for (int i = 0; i < a->n; i++)
		if (strstr(a->rec[i], frag))
			n++;
	return n;
}

int rec_index(const struct agent *a, const char *frag)
{
	for (int i = 0; i < a->n; i++)
		if (strstr(a->rec[i], frag))
			return i;
	return -1;
}

long long rec_int(const char *rec, const char *key, long long def)
{
	char pat[64];
	const char *p;
	snprintf(pat, sizeof pat, "\"%s\":", key);
	p = rec ? strstr(rec, pat) : NULL;
	if (!p)
		return def;
	return strtoll(p + strlen(pat), NULL, 10);
}
