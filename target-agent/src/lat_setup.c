/*
 * What both sides of a latency measurement do before their loop: pin to a
 * CPU (the QNX run mask), take a real-time priority, lock memory; and the
 * load actors that run beside a measurement.
 */
#include "lat_loops.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/neutrino.h>
#include <unistd.h>

void lat_fail(struct lat_side *side, enum lat_outcome o, const char *fmt, ...)
{
	int expected = OUT_RUNNING;
	va_list ap;
	char msg[LAT_MSG_MAX];
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	memcpy(side->message, msg, sizeof msg);     /* before the outcome is visible */
	atomic_compare_exchange_strong(&side->outcome, &expected, (int)o);
}

bool lat_pin(struct lat_side *side, int cpu, const char *who)
{
	if (cpu < 0)
		return true;
	/* QNX: the run mask of the calling thread, the mask itself as the argument. */
	if (ThreadCtl(_NTO_TCTL_RUNMASK, (void *)(uintptr_t)(1u << cpu)) == -1) {
		lat_fail(side, errno == EINVAL ? OUT_UNSUPPORTED : OUT_BROKEN,
		         "%s: run mask for CPU %d: %s", who, cpu, strerror(errno));
		return false;
	}
	return true;
}

bool lat_schedule(struct lat_side *side, enum lat_policy p, int priority, const char *who)
{
	struct sched_param sp;
	int policy = p == POLICY_FIFO ? SCHED_FIFO : SCHED_RR, rc;
	if (p == POLICY_INHERIT)
		return true;
	memset(&sp, 0, sizeof sp);
	sp.sched_priority = priority;
	rc = pthread_setschedparam(pthread_self(), policy, &sp);
	if (rc != 0) {
		lat_fail(side, rc == EPERM || rc == EINVAL ? OUT_UNSUPPORTED : OUT_BROKEN,
		         "%s: %s priority %d: %s", who, lat_policy_name(p), priority, strerror(rc));
		return false;
	}
	return true;
}

bool lat_lock_memory(struct lat_side *side, const char *who)
{
	if (mlockall(MCL_CURRENT | MCL_FUTURE) != 0) {
		lat_fail(side, OUT_UNSUPPORTED, "%s: mlockall: %s", who, strerror(errno));
		return false;
	}
	return true;
}

/* A CPU hog or a memory churner until killed; leaves when its parent is gone. */
void lat_load_main(const struct lat_config *c, pid_t parent)
{
	struct lat_side quiet;
	volatile uint64_t spin = 0;
	size_t size = (size_t)c->load_mib << 20;
	memset(&quiet, 0, sizeof quiet);
	if (!lat_pin(&quiet, c->load_cpu, "load") ||
	    !lat_schedule(&quiet, c->load_policy, c->load_priority, "load")) {
		fprintf(stderr, "qnx-hil-agent: %s\n", quiet.message);
		_exit(1);
	}
	for (unsigned round = 0;; round++) {
		if (c->load == LOAD_MEMORY) {
			/* A fresh mapping each round: page faults, zeroing, unmapping,
			 * and every cache line written. */
			unsigned char *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
			                        MAP_PRIVATE | MAP_ANON, -1, 0);
			if (p != MAP_FAILED) {
				for (size_t i = 0; i < size; i += 64)
					p[i] = (unsigned char)(round + i);
				munmap(p, size);
			}
		} else {
			for (unsigned i = 0; i < 10000000u; i++)
				spin++;
		}
		if (getppid() != parent)
			_exit(0);
	}
}
