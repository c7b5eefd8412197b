/*
 * qnxsim: the helper thread every attached process runs.  It performs the
 * deliveries that must happen inside the target's own address space:
 * SIGEV_MEMORY operations (atomically, on the target's memory) and
 * SIGEV_THREAD (a new thread in the target).  A thread rather than a signal
 * handler, because the programs qnxsim runs block the real-time signals.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include "state.h"

static pid_t helper_pid;        /* the process the helper was started in */
static pthread_t helper_tid;

struct thread_start {
	void            (*fn)(union sigval);
	union sigval    value;
};

static void *thread_trampoline(void *arg)
{
	struct thread_start st = *(struct thread_start *)arg;

	free(arg);
	st.fn(st.value);
	return NULL;
}

static void run_thread(const struct qs_work *w)
{
	struct thread_start *st = malloc(sizeof *st);
	pthread_t tid;

	if (st == NULL)
		return;
	st->fn = (void (*)(union sigval))(uintptr_t)w->fn;
	st->value = w->value;
	if (pthread_create(&tid, (pthread_attr_t *)(uintptr_t)w->attr, thread_trampoline, st) != 0) {
		free(st);
		return;
	}
	pthread_detach(tid);
}

static void run_memory(const struct qs_work *w)
{
	unsigned *addr = (unsigned *)(uintptr_t)w->addr;
	unsigned v = (unsigned)w->value.sival_int;

	switch (w->memop) {
	case SIGEV_MEM_ASSIGN:
		__atomic_store_n(addr, v, __ATOMIC_SEQ_CST);
		break;
	case SIGEV_MEM_ADD:
		__atomic_fetch_add(addr, v, __ATOMIC_SEQ_CST);
		break;
	case SIGEV_MEM_SUB:
		__atomic_fetch_sub(addr, v, __ATOMIC_SEQ_CST);
		break;
	case SIGEV_MEM_BITSET:
		__atomic_fetch_or(addr, v, __ATOMIC_SEQ_CST);
		break;
	case SIGEV_MEM_BITCLR:
		__atomic_fetch_and(addr, ~v, __ATOMIC_SEQ_CST);
		break;
	case SIGEV_MEM_BITTOGGLE:
		__atomic_fetch_xor(addr, v, __ATOMIC_SEQ_CST);
		break;
	}
}

/* Takes one queued item (lock held); 0 when there is none. */
static int work_pop(int self, struct qs_work *w)
{
	struct qs_proc *pr = &qs_node->procs[self];

	if (pr->work_count == 0)
		return 0;
	*w = pr->work[pr->work_head];
	pr->work_head = (pr->work_head + 1) % QS_MAX_WORK;
	pr->work_count--;
	return 1;
}

static void *helper_main(void *arg)
{
	/* Only a delivery, fork() or exit() wakes the helper: no idle wake-ups. */
	struct qs_deadline none = { .unsliced = 1 };
	struct qs_work w;
	pid_t me = getpid();
	int self = (int)(intptr_t)arg;

	(void)arg;
	if (qs_enter_attached() != 0)
		return NULL;
	while (qs_self() == self && helper_pid == me && qs_node->procs[self].in_use) {
		if (work_pop(self, &w)) {
			qs_leave();
			if (w.kind == QS_WORK_MEMORY)
				run_memory(&w);
			else
				run_thread(&w);
			if (qs_enter_attached() != 0)
				return NULL;
			continue;
		}
		if (qs_wait_or_exit(&qs_node->procs[self].work_futex,
				    qs_node->procs[self].work_futex, &none) == EIO)
			return NULL;    /* exit() has begun: qs_work_stop() joins us */
	}
	qs_leave();
	return NULL;
}

/* Called by the exit path (lock not held): the helper is gone on return, so
 * nothing runs in the process after its kernel state is released. */
void qs_work_stop(uint32_t *futex)
{
	struct timespec until;

	if (helper_pid != getpid())
		return;
	helper_pid = 0;
	__atomic_fetch_add(futex, 1, __ATOMIC_SEQ_CST);
	qs_wake(futex);
	qs_wake_flush();        /* not under the lock: nothing else would flush */
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 2;
	pthread_timedjoin_np(helper_tid, NULL, &until);
}

static uint32_t *helper_futex;   /* this process's work futex */
static int restart_after_fork;

/* No helper thread may exist across fork(): the child would inherit a
 * thread that does not exist in it (sanitizers' thread registries see it),
 * and a helper caught holding the node lock would hand it to nobody. */
static void atfork_prepare(void)
{
	restart_after_fork = helper_pid == getpid();
	if (restart_after_fork)
		qs_work_stop(helper_futex);
}

static void atfork_parent(void)
{
	if (restart_after_fork && qs_enter_attached() == 0) {
		qs_work_run_start();
		qs_leave();
	}
}

/* Called with the lock held right after the process registered. */
void qs_work_run_start(void)
{
	static int atfork_set;

	pthread_attr_t attr;
	sigset_t all, old;

	if (helper_pid == getpid())
		return;
	if (!atfork_set) {
		pthread_atfork(atfork_prepare, atfork_parent, NULL);
		atfork_set = 1;
	}
	helper_futex = &qs_node->procs[qs_self()].work_futex;
	helper_pid = getpid();
	/* The helper must never take a signal meant for the program. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	if (__real_pthread_create(&helper_tid, &attr, helper_main, (void *)(intptr_t)qs_self()) != 0)
		helper_pid = 0;
	pthread_attr_destroy(&attr);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}
