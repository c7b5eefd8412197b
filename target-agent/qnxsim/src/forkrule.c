/*
 * qnxsim: QNX 8.0 refuses fork() in a process that has created a thread: it
 * fails with ENOSYS (qnx-facts.md, "Real targets").  Linux forks anyway, so a
 * program that forks after starting a thread would pass here and fail on a
 * board.  Every qnxsim program is linked with --wrap=fork and
 * --wrap=pthread_create (qnxsim_libs, qnxsim-cc): a process that created a
 * thread, itself or through a SIGEV_THREAD delivery, cannot fork on the 8.0
 * profile.  qnxsim's own helper thread is the emulation's, not the
 * program's: it is started with the real pthread_create and does not count.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <unistd.h>
#include "state.h"

pid_t __real_fork(void);
pid_t __wrap_fork(void);
int __wrap_pthread_create(pthread_t *tid, const pthread_attr_t *attr, void *(*fn)(void *), void *arg);

/* The process that created a thread (a forked child inherits the value, not the threads). */
static volatile pid_t threaded_pid;

int __wrap_pthread_create(pthread_t *tid, const pthread_attr_t *attr, void *(*fn)(void *), void *arg)
{
	int rc = __real_pthread_create(tid, attr, fn, arg);

	if (rc == 0)
		threaded_pid = getpid();
	return rc;
}

pid_t __wrap_fork(void)
{
#if __QNXSIM_PROFILE >= 800
	if (threaded_pid == getpid()) {
		errno = ENOSYS;
		return -1;
	}
#endif
	return __real_fork();
}
