/*
 * qnxsim override of glibc's <bits/types/__sigval_t.h>: QNX always names the
 * union "sigval" (glibc hides it under strict ISO modes), and SDP 8.0 adds the
 * sival_long / sival_ulong members.  Same size and layout as glibc's union, so
 * glibc's siginfo_t is unchanged.
 */
#ifndef ____sigval_t_defined
#define ____sigval_t_defined

#include <sys/nto_version.h>

union sigval {
	int              sival_int;
	void            *sival_ptr;
#if _NTO_VERSION >= 800
	long             sival_long;
	unsigned long    sival_ulong;
#endif
};

typedef union sigval __sigval_t;

#endif
