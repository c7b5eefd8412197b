/*
 * qnxsim, musl builds only (target-agent/port.mk puts this directory first on
 * the include path).  glibc defines union sigval, struct sigevent and the
 * SIGEV_* values in bits/ headers that qnxsim replaces (include/bits/); musl
 * defines them in <signal.h> itself.  musl's are renamed while its header is
 * read, then QNX's take their place, as with glibc.
 *
 * siginfo_t.si_value keeps musl's union (same size and members as QNX's):
 * copy it member by member or with memcpy, not by assignment.
 */
/* #include_next is a GCC extension: mark this wrapper as a system header. */
#pragma GCC system_header
#ifndef __QNXSIM_MUSL_SIGNAL_H
#define __QNXSIM_MUSL_SIGNAL_H

#define sigval   __qnxsim_musl_sigval
#define sigevent __qnxsim_musl_sigevent
#define sigqueue __qnxsim_musl_sigqueue
#include_next <signal.h>
#undef sigval
#undef sigevent
#undef sigqueue
#undef sigev_notify_thread_id
#undef sigev_notify_function
#undef sigev_notify_attributes
#undef SIGEV_SIGNAL
#undef SIGEV_NONE
#undef SIGEV_THREAD
#undef SIGEV_THREAD_ID

#define __have_pthread_attr_t 1         /* musl's, from <signal.h> */
#include <bits/types/__sigval_t.h>
#include <bits/types/sigevent_t.h>
#include <bits/sigevent-consts.h>

/* musl's sigqueue() takes its own union sigval: the same 8 bytes, passed the
 * same way, so QNX's union is declared in its place. */
int sigqueue(pid_t, int, union sigval);

#endif
