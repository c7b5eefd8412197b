#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "qtest.h"

void qt_isolate(const char *tag)
{
	char name[128];

	snprintf(name, sizeof name, "/qnxsim-test-%s-%d", tag, (int)getpid());
	setenv("QNXSIM_NODE", name, 1);
	/* A hung test must fail, not stall the suite (SIGALRM ends it). */
	alarm(120);
}

void qt_block_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGUSR1);
	sigaddset(set, SIGUSR2);
	for (int s = SIGRTMIN; s <= SIGRTMAX; s++)
		sigaddset(set, s);
	sigprocmask(SIG_BLOCK, set, NULL);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static int poll_pulse(int chid, struct qt_obs *o)
{
	struct _pulse p;
	uint64_t zero = 0;

	TimerTimeout(CLOCK_MONOTONIC, _NTO_TIMEOUT_RECEIVE, NULL, &zero, NULL);
	if (MsgReceivePulse(chid, &p, sizeof p, NULL) != 0)
		return 0;
	o->kind = QT_PULSE;
	o->code = p.code;
	o->value = p.value.sival_int;
	return 1;
}

int qt_observe(int chid, int ms, struct qt_obs *o)
{
	sigset_t set;
	siginfo_t si;
	struct timespec step = { 0, 2000000 };
	long long end = now_ms() + ms;

	memset(o, 0, sizeof *o);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	for (int s = SIGRTMIN; s <= SIGRTMAX; s++)
		sigaddset(&set, s);
	do {
		if (sigtimedwait(&set, &si, &step) > 0) {
			o->kind = QT_SIGNAL;
			o->signo = si.si_signo;
			o->value = si.si_value.sival_int;
			o->code = si.si_code;
			return 1;
		}
		if (chid > 0 && poll_pulse(chid, o))
			return 1;
	} while (now_ms() < end);
	return 0;
}

pid_t qt_spawn(int (*fn)(void *arg, int wfd), void *arg, int *rfd)
{
	int fds[2];
	pid_t pid;

	if (pipe(fds) != 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		exit(fn(arg, fds[1]));
	}
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		return -1;
	}
	*rfd = fds[0];
	return pid;
}

int qt_read(int fd, void *buf, size_t n, int ms)
{
	size_t got = 0;
	long long end = now_ms() + ms;

	while (got < n) {
		struct pollfd p = { fd, POLLIN, 0 };
		long long left = end - now_ms();
		ssize_t r;

		if (left <= 0 || poll(&p, 1, (int)left) <= 0)
			return -1;
		r = read(fd, (char *)buf + got, n - got);
		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}

int qt_write(int fd, const void *buf, size_t n)
{
	return write(fd, buf, n) == (ssize_t)n ? 0 : -1;
}

int qt_reap(pid_t pid, int ms)
{
	long long end = now_ms() + ms;
	int status;

	for (;;) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		if (r < 0 || now_ms() >= end)
			break;
		usleep(2000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -1;
}

static char *exe_dir(char *buf, size_t n)
{
	ssize_t r = readlink("/proc/self/exe", buf, n - 1);
	char *slash;

	if (r <= 0)
		return NULL;
	buf[r] = 0;
	slash = strrchr(buf, '/');
	if (slash != NULL)
		*slash = 0;
	return buf;
}

/* Tests live in <target-agent>/<build>/<profile>/tests/. */
static const char *agent_root(void)
{
	static char root[PATH_MAX];
	char dir[PATH_MAX], probe[PATH_MAX + 32];
	struct stat st;

	if (root[0])
		return root;
	if (exe_dir(dir, sizeof dir) == NULL)
		return NULL;
	for (int up = 0; up < 6; up++) {
		snprintf(probe, sizeof probe, "%s/qnxsim/qnxsim-cc", dir);
		if (stat(probe, &st) == 0) {
			snprintf(root, sizeof root, "%s", dir);
			return root;
		}
		char *slash = strrchr(dir, '/');
		if (slash == NULL || slash == dir)
			break;
		*slash = 0;
	}
	return NULL;
}

const char *qt_qnxsim_cc(void)
{
	static char path[PATH_MAX + 32];
	const char *root = agent_root();

	if (root == NULL)
		return NULL;
	snprintf(path, sizeof path, "%s/qnxsim/qnxsim-cc", root);
	return path;
}

const char *qt_docs_dir(void)
{
	static char path[PATH_MAX + 64];
	const char *env = getenv("QHIL_QNX_DOCS"), *root;
	struct stat st;

	if (env != NULL)
		return stat(env, &st) == 0 ? env : NULL;
	if ((root = agent_root()) == NULL)
		return NULL;
	snprintf(path, sizeof path, "%s/../../shared/qnx-docs", root);
	return stat(path, &st) == 0 ? path : NULL;
}

/* An emulated test (tools/run-emulated) execs programs through the emulator:
 * qemu-user does not follow execve() into another foreign binary. */
void qt_execv(const char *path, char *const argv[])
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

int qt_emulated(void)
{
	const char *emu = getenv("QHIL_EMULATOR");
	return emu != NULL && emu[0] != '\0';
}

void qt_end(pid_t pid, int *rfd)
{
	if (qt_emulated()) {
		close(*rfd);    /* its qt_read() on the pipe wakes (POLLERR): it exits */
		*rfd = -1;
	} else {
		kill(pid, SIGKILL);
	}
}
