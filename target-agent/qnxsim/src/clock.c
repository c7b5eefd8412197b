/*
 * qnxsim: ClockCycles() and the system page entry giving its rate.  The
 * cycle counter is CLOCK_MONOTONIC in nanoseconds: monotonic, the same in
 * every process and every CPU, at a rate of 1e9 per second.
 */
#include <time.h>
#include <sys/neutrino.h>
#include <sys/syspage.h>

static struct qtime_entry qtime = { .cycles_per_sec = 1000000000ull, .nsec_inc = 1000000 };
struct __qnxsim_syspage _qnxsim_syspage = { .qtime = &qtime };

uint64_t ClockCycles(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}
