/*
 * fork() after a thread: QNX 8.0 fails it with ENOSYS in a process that has
 * created a thread (qnx-facts.md, "Real targets"); the 7.1 profile forks.
 * A program's own thread counts (so does a SIGEV_THREAD delivery's, which
 * work.c starts with the same wrapped pthread_create); qnxsim's helper
 * thread (started when a process first uses the emulation) does not.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sys/neutrino.h>
#include "qtest.h"
#include "tap.h"

/* fork() and a child that exits 7 at once: 1 forked, 0 refused (errno kept), -1 something else. */
static int forks(int *err)
{
	pid_t pid = fork();
	int st = 0;

	*err = errno;
	if (pid == 0)
		_exit(7);
	if (pid < 0)
		return 0;
	return waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 7 ? 1 : -1;
}

static void *nothing(void *arg)
{
	return arg;
}

/* In a fresh child: run `what`, then report through the exit status whether it could fork. */
static int in_child(void (*what)(void))
{
	pid_t pid = fork();
	int st = 0, err = 0;

	if (pid == 0) {
		what();
		int r = forks(&err);
		exit(r == 1 ? 0 : r == 0 && err == ENOSYS ? 1 : 2); /* exit, not _exit: qnxsim detaches at exit */
	}
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 3;
}

static void make_thread(void)
{
	pthread_t t;

	pthread_create(&t, NULL, nothing, NULL);
	pthread_join(t, NULL);
}

static void use_the_emulation(void)
{
	int chid = ChannelCreate(0);

	ChannelDestroy(chid);
}

int main(void)
{
	int err = 0;
	int refused = _NTO_VERSION >= 800 ? 1 : 0;

	qt_isolate("fork");
	tap_plan(4);
	tap_ok(forks(&err) == 1, "a process without threads forks");
	tap_ok(in_child(use_the_emulation) == 0, "qnxsim's own helper thread does not count: the process forks");
	tap_ok(in_child(make_thread) == refused, "after pthread_create (joined since): %s",
	       refused ? "fork fails with ENOSYS (QNX 8.0)" : "fork works (QNX 7.1)");
	tap_ok(in_child(use_the_emulation) == 0 && forks(&err) == 1,
	       "the parent, whose children made threads, still forks");
	return tap_done();
}
