/*
 * <sys/syspage.h> -- qnxsim: the part of the system page programs read,
 * SYSPAGE_ENTRY(qtime)->cycles_per_sec being the rate of ClockCycles().
 */
#ifndef __SYSPAGE_H_INCLUDED
#define __SYSPAGE_H_INCLUDED

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct qtime_entry {
	uint64_t        cycles_per_sec;
	uint64_t        nsec_tod_adjust;
	uint64_t        nsec;
	uint32_t        nsec_inc;
	uint32_t        boot_time;
	uint32_t        timer_rate;
	int32_t         timer_scale;
	uint32_t        timer_prog_time;
	uint32_t        intr;
};

struct __qnxsim_syspage {
	struct qtime_entry      *qtime;
};

/* Filled in by the library before main() runs. */
extern struct __qnxsim_syspage _qnxsim_syspage;

#define SYSPAGE_ENTRY(__entry)  (_qnxsim_syspage.__entry)

#ifdef __cplusplus
}
#endif

#endif
