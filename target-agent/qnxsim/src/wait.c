/*
 * qnxsim: blocking.  Every wait is a futex wait on a word in the shared
 * segment, in slices of at most QS_SLICE_NS so that a dead peer is noticed
 * even when nobody wakes us; TimerTimeout() bounds the whole wait.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
/* The kernel's futex ABI; musl-gcc does not search the kernel's headers. */
#if defined(__has_include)
#if __has_include(<linux/futex.h>)
#include <linux/futex.h>
#endif
#endif
#ifndef FUTEX_WAIT_BITSET
#define FUTEX_WAKE              1
#define FUTEX_WAIT_BITSET       9
#define FUTEX_BITSET_MATCH_ANY  0xffffffff
#endif
#include <pthread.h>
#include <sys/syscall.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include "state.h"

#define QS_SLICE_NS     100000000LL

/* Armed by TimerTimeout() for the next kernel call of this thread only. */
static __thread struct {
	int             armed;
	unsigned        states;
	int             immediate;      /* ntime == NULL: time out at once */
	struct timespec at;
} tt;

static int64_t ts_ns(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000LL + t->tv_nsec;
}

static struct timespec ns_ts(int64_t ns)
{
	struct timespec t = { (time_t)(ns / 1000000000LL), (long)(ns % 1000000000LL) };

	return t;
}

static int64_t now_ns(clockid_t id)
{
	struct timespec t;

	clock_gettime(id, &t);
	return ts_ns(&t);
}

void qs_deadline_take(unsigned state, struct qs_deadline *d)
{
	d->active = 0;
	d->unsliced = 0;
	if (tt.armed && (tt.states & (1u << state))) {
		d->active = 1;
		d->at = tt.immediate ? ns_ts(0) : tt.at;
	}
}

void qs_deadline_clear(void)
{
	tt.armed = 0;
}

static int timeout_event_ok(const struct sigevent *ev)
{
	if (ev == NULL)
		return 1;
	/* Only the unblocking form is emulated; see README.md. */
	return SIGEV_GET_TYPE(ev) == SIGEV_UNBLOCK || SIGEV_GET_TYPE(ev) == SIGEV_NONE;
}

int TimerTimeout_r(clockid_t id, int flags, const struct sigevent *notify,
		   const uint64_t *ntime, uint64_t *otime)
{
	int64_t now, target;
	int abs = (flags & TIMER_ABSTIME) != 0;

	if (id != CLOCK_MONOTONIC && id != CLOCK_REALTIME)
		return -EINVAL;
	if (!timeout_event_ok(notify))
		return -EINVAL;
	now = now_ns(CLOCK_MONOTONIC);
	if (otime != NULL) {
		int64_t left = tt.armed && !tt.immediate ? ts_ns(&tt.at) - now : 0;

		*otime = left > 0 ? (uint64_t)left : 0;
	}
	tt.armed = 0;
	if (flags & ~(int)TIMER_ABSTIME & ~0x1fffffe)
		return -EINVAL;
	tt.states = (unsigned)flags & ~(unsigned)TIMER_ABSTIME;
	if (tt.states == 0)
		return 0;
	tt.immediate = ntime == NULL;
	if (ntime != NULL) {
		if (*ntime > (uint64_t)INT64_MAX / 2)
			target = INT64_MAX / 2;
		else if (abs && id == CLOCK_REALTIME)
			target = (int64_t)*ntime - now_ns(CLOCK_REALTIME) + now;
		else
			target = abs ? (int64_t)*ntime : now + (int64_t)*ntime;
		tt.at = ns_ts(target);
	}
	tt.armed = 1;
	return 0;
}

int TimerTimeout(clockid_t id, int flags, const struct sigevent *notify,
		 const uint64_t *ntime, uint64_t *otime)
{
	int r = TimerTimeout_r(id, flags, notify, ntime, otime);

	return QS_RET_ERRNO(r);
}

int qs_wait(uint32_t *word, uint32_t seen, const struct qs_deadline *d)
{
	int r = qs_wait_or_exit(word, seen, d);

	if (r == EIO) {
		/* exit() is tearing the process down: this thread dies with it. */
		for (;;)
			pause();
	}
	return r;
}

/* Records the caller as blocked on word (lock held): index, or -1 if full. */
static int blocked_add(uint32_t *word)
{
	for (int i = 0; i < QS_MAX_BLOCKED; i++) {
		struct qs_blocked *b = &qs_node->blocked[i];

		if (b->in_use)
			continue;
		b->proc = qs_self();
		b->tid = gettid();
		b->unblock = 0;
		b->word = (uint64_t)((char *)word - (char *)qs_node);
		b->in_use = 1;
		return i;
	}
	return -1;
}

/* Removes the record (lock held); 1 when a SIGEV_UNBLOCK arrived. */
static int blocked_remove(int i)
{
	int unblock;

	if (i < 0)
		return 0;
	unblock = qs_node->blocked[i].unblock != 0;
	qs_node->blocked[i].in_use = 0;
	return unblock;
}

void qs_unblock_thread(int proc, pid_t tid)
{
	for (int i = 0; i < QS_MAX_BLOCKED; i++) {
		struct qs_blocked *b = &qs_node->blocked[i];
		uint32_t *word = (uint32_t *)((char *)qs_node + b->word);

		if (!b->in_use || b->proc != proc || b->tid != tid)
			continue;
		b->unblock = 1;
		__atomic_fetch_add(word, 1, __ATOMIC_SEQ_CST);
		qs_wake(word);
	}
}

int qs_wait_or_exit(uint32_t *word, uint32_t seen, const struct qs_deadline *d)
{
	int64_t now = now_ns(CLOCK_MONOTONIC), until = now + QS_SLICE_NS;
	struct timespec abs;
	long r;
	int err, slot;

	if (d->active && ts_ns(&d->at) <= now)
		return ETIMEDOUT;
	if (d->active && ts_ns(&d->at) < until)
		until = ts_ns(&d->at);
	abs = ns_ts(until);
	slot = blocked_add(word);
	qs_leave();
	r = syscall(SYS_futex, word, FUTEX_WAIT_BITSET, seen, d->unsliced ? NULL : &abs, NULL,
		    FUTEX_BITSET_MATCH_ANY);
	err = r == 0 ? 0 : errno;
	if (qs_enter_attached() != 0)
		return EIO;     /* lock not held; the record goes with the process */
	/* Unblocked by SIGEV_UNBLOCK: like the kernel's timeout unblock. */
	if (blocked_remove(slot))
		return ETIMEDOUT;
	if (err == EINTR)
		return EINTR;
	if (d->active && ts_ns(&d->at) <= now_ns(CLOCK_MONOTONIC))
		return ETIMEDOUT;
	return 0;
}

#define QS_MAX_PENDING 16

/* Futex words to wake once this thread drops the node lock. */
static __thread uint32_t *pending[QS_MAX_PENDING];
static __thread int npending;

static void wake_now(uint32_t *word)
{
	syscall(SYS_futex, word, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
}

void qs_wake(uint32_t *word)
{
	for (int i = 0; i < npending; i++)
		if (pending[i] == word)
			return;
	if (npending == QS_MAX_PENDING)
		wake_now(word);         /* rare: more wakes than slots, wake early */
	else
		pending[npending++] = word;
}

void qs_wake_flush(void)
{
	while (npending > 0)
		wake_now(pending[--npending]);
}
