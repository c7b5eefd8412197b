/*
 * qnxsim: ThreadCtl(), for the run mask only.  On QNX, _NTO_TCTL_RUNMASK
 * takes the mask itself as the data pointer (bit n = CPU n) and applies to
 * the calling thread; Linux's per-thread affinity (sched_setaffinity with
 * tid 0) is the same thing.  _NTO_TCTL_RUNMASK_GET_AND_SET takes a pointer
 * to the mask and stores the previous one there.  _r returns EOK or a
 * negative errno value, as the other _r calls.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <sys/neutrino.h>

static int set_runmask(unsigned mask, unsigned *previous)
{
	cpu_set_t set;

	if (previous != NULL) {
		CPU_ZERO(&set);
		if (sched_getaffinity(0, sizeof set, &set) != 0)
			return -errno;
		*previous = 0;
		for (unsigned cpu = 0; cpu < 32; cpu++)
			if (CPU_ISSET(cpu, &set))
				*previous |= 1u << cpu;
	}
	if (mask == 0)
		return -EINVAL;
	CPU_ZERO(&set);
	for (unsigned cpu = 0; cpu < 32; cpu++)
		if (mask & (1u << cpu))
			CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof set, &set) == 0 ? EOK : -errno;
}

int ThreadCtl_r(int cmd, void *data)
{
	switch (cmd) {
	case _NTO_TCTL_RUNMASK:
		return set_runmask((unsigned)(uintptr_t)data, NULL);
	case _NTO_TCTL_RUNMASK_GET_AND_SET:
		if (data == NULL)
			return -EFAULT;
		return set_runmask(*(unsigned *)data, (unsigned *)data);
	default:
		return -EINVAL;
	}
}

int ThreadCtl(int cmd, void *data)
{
	int r = ThreadCtl_r(cmd, data);

	if (r < 0) {
		errno = -r;
		return -1;
	}
	return 0;
}
