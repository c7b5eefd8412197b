/*
 * <sys/siginfo.h> -- qnxsim: QNX's sigevent, its initialisation macros and
 * the QNX-only signal constants.
 *
 * Signal numbers stay the host's so that signals are delivered for real
 * (programs use names).  Two deliberate QNX touches:
 *  - SIGRTMAX is redefined to SIGRTMIN + 15, giving the 16 real-time signals
 *    QNX has (41..56);
 *  - the range checks of the kernel calls ("1 through NSIG - 1") follow QNX's
 *    numbering of the signal, not the host number (see README.md).
 * SI_USER / SI_QUEUE keep the host values (they arrive in real siginfo_t).
 *
 * Like every QNX-named header of qnxsim, it declares only names QNX's own
 * header declares; target-agent/qnxsim/qnx-names.txt gives the evidence for
 * each.  Names starting with __ are the emulation's own (reserved to the
 * implementation) and no program may use them.
 */
#ifndef __SIGINFO_H_INCLUDED
#define __SIGINFO_H_INCLUDED

#include <sys/nto_version.h>
#include <signal.h>
/* glibc only pulls these in under POSIX feature levels; QNX always has them. */
#include <bits/types/__sigval_t.h>
#include <bits/types/sigevent_t.h>
#include <bits/sigevent-consts.h>

#undef SIGRTMAX
#define SIGRTMAX (SIGRTMIN + 15)

#define SI_MINAVAIL             (-128)
#define SI_MAXAVAIL             (-64)
#ifndef SI_NOINFO
#define SI_NOINFO               127
#endif

#define SIGEV_TYPE_MASK                 0x000000ffu
#define SIGEV_FLAG_OVERDRIVE            0x00000200
#define SIGEV_FLAG_UPDATEABLE           0x00000400
#define SIGEV_FLAG_SIVAL_INT            0x00000800
#define SIGEV_FLAG_NOQUEUE              0x00001000
#define SIGEV_FLAG_HANDLE               0x00002000
#define SIGEV_FLAG_CODE_UPDATEABLE      0x00004000
#define SIGEV_INVALID_HANDLE            0xffffffffU

#define SIGEV_PULSE_PRIO_INHERIT        (-1)

#define SIGEV_MEM_ASSIGN                1
#define SIGEV_MEM_ADD                   2
#define SIGEV_MEM_SUB                   3
#define SIGEV_MEM_BITSET                4
#define SIGEV_MEM_BITCLR                5
#define SIGEV_MEM_BITTOGGLE             6

/* An int or a pointer argument both become a pointer without a warning. */
#define __SIGEV_PTR(__v)                ((void *)(__INTPTR_TYPE__)(__v))

#define SIGEV_GET_TYPE(__e)     ((__e)->sigev_notify & SIGEV_TYPE_MASK)
#define SIGEV_SET_TYPE(__e, __t) \
	((__e)->sigev_notify = (int)(((unsigned)(__e)->sigev_notify & ~SIGEV_TYPE_MASK) | (unsigned)(__t)))

/* QNX has MAKE/CLEAR macros for UPDATEABLE only: a server tests and sets
 * SIGEV_FLAG_CODE_UPDATEABLE directly (qnx-names.txt). */
#define SIGEV_MAKE_UPDATEABLE(__e)       ((__e)->sigev_notify |= SIGEV_FLAG_UPDATEABLE)
#define SIGEV_CLEAR_UPDATEABLE(__e)      ((__e)->sigev_notify &= ~SIGEV_FLAG_UPDATEABLE)

#define SIGEV_NONE_INIT(__e)            ((__e)->sigev_notify = SIGEV_NONE)
#define SIGEV_UNBLOCK_INIT(__e)         ((__e)->sigev_notify = SIGEV_UNBLOCK)
#define SIGEV_INTR_INIT(__e)            ((__e)->sigev_notify = SIGEV_INTR)

#define SIGEV_SIGNAL_INIT(__e, __s) \
	((__e)->sigev_notify = SIGEV_SIGNAL, (__e)->sigev_signo = (__s))
#define SIGEV_SIGNAL_VALUE_INIT(__e, __s, __v) \
	((__e)->sigev_notify = SIGEV_SIGNAL, (__e)->sigev_signo = (__s), \
	 (__e)->sigev_value.sival_ptr = __SIGEV_PTR(__v))
#define SIGEV_SIGNAL_VALUE_INT_INIT(__e, __s, __v) \
	((__e)->sigev_notify = SIGEV_SIGNAL | SIGEV_FLAG_SIVAL_INT, (__e)->sigev_signo = (__s), \
	 (__e)->sigev_value.sival_ptr = 0, (__e)->sigev_value.sival_int = (__v))
#define SIGEV_SIGNAL_CODE_INIT(__e, __s, __v, __c) \
	((__e)->sigev_notify = SIGEV_SIGNAL_CODE, (__e)->sigev_signo = (__s), \
	 (__e)->sigev_value.sival_ptr = __SIGEV_PTR(__v), (__e)->sigev_code = (short)(__c))
#define SIGEV_SIGNAL_CODE_INT_INIT(__e, __s, __v, __c) \
	((__e)->sigev_notify = SIGEV_SIGNAL_CODE | SIGEV_FLAG_SIVAL_INT, (__e)->sigev_signo = (__s), \
	 (__e)->sigev_value.sival_ptr = 0, (__e)->sigev_value.sival_int = (__v), \
	 (__e)->sigev_code = (short)(__c))
#define SIGEV_SIGNAL_THREAD_INIT(__e, __s, __v, __c) \
	((__e)->sigev_notify = SIGEV_SIGNAL_THREAD, (__e)->sigev_signo = (__s), \
	 (__e)->sigev_value.sival_ptr = __SIGEV_PTR(__v), (__e)->sigev_code = (short)(__c))
#define SIGEV_PULSE_INIT(__e, __f, __p, __c, __v) \
	((__e)->sigev_notify = SIGEV_PULSE, (__e)->sigev_coid = (__f), \
	 (__e)->sigev_value.sival_ptr = __SIGEV_PTR(__v), (__e)->sigev_code = (short)(__c), \
	 (__e)->sigev_priority = (short)(__p))
#define SIGEV_PULSE_INT_INIT(__e, __f, __p, __c, __v) \
	((__e)->sigev_notify = SIGEV_PULSE | SIGEV_FLAG_SIVAL_INT, (__e)->sigev_coid = (__f), \
	 (__e)->sigev_value.sival_ptr = 0, (__e)->sigev_value.sival_int = (__v), \
	 (__e)->sigev_code = (short)(__c), (__e)->sigev_priority = (short)(__p))
#define SIGEV_PULSE_PTR_INIT(__e, __f, __p, __c, __v) \
	((__e)->sigev_notify = SIGEV_PULSE, (__e)->sigev_coid = (__f), \
	 (__e)->sigev_value.sival_ptr = (__v), (__e)->sigev_code = (short)(__c), \
	 (__e)->sigev_priority = (short)(__p))
#define SIGEV_THREAD_INIT(__e, __fn, __v, __attr) \
	((__e)->sigev_notify = SIGEV_THREAD, (__e)->sigev_notify_function = (__fn), \
	 (__e)->sigev_value.sival_ptr = __SIGEV_PTR(__v), (__e)->sigev_notify_attributes = (__attr))
#define SIGEV_MEMORY_INIT(__e, __addr, __val, __op) \
	((__e)->sigev_notify = SIGEV_MEMORY, (__e)->sigev_addr = (__addr), \
	 (__e)->sigev_value.sival_ptr = 0, (__e)->sigev_value.sival_int = (int)(__val), \
	 (__e)->sigev_memop = (__op))

#endif
