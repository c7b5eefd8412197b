/*
 * qnxsim override of glibc's <bits/sigevent-consts.h>: the SIGEV_* notify
 * types with QNX's values for the emulated profile (glibc's Linux values --
 * SIGEV_SIGNAL 0, SIGEV_NONE 1, SIGEV_THREAD 2 -- must not leak into QNX code).
 *
 * On SDP 7.1 64-bit builds every type except SIGEV_NONE has SIGEV_64BIT (0x80)
 * OR-ed in; SDP 8.0 uses the base values.  QNX spells its per-width names
 * differently across releases, so qnxsim keeps its own (__QNXSIM_*) and
 * provides only the names every release has, plus SIGEV_64BIT on 7.1.
 */
#ifndef _BITS_SIGEVENT_CONSTS_H
#define _BITS_SIGEVENT_CONSTS_H 1

#include <sys/nto_version.h>

#define __QNXSIM_SIGEV_NONE32            0
#define __QNXSIM_SIGEV_SIGNAL32          1
#define __QNXSIM_SIGEV_SIGNAL_CODE32     2
#define __QNXSIM_SIGEV_SIGNAL_THREAD32   3
#define __QNXSIM_SIGEV_PULSE32           4
#define __QNXSIM_SIGEV_UNBLOCK32         5
#define __QNXSIM_SIGEV_INTR32            6
#define __QNXSIM_SIGEV_THREAD32          7
#define __QNXSIM_SIGEV_MEMORY32          8
#define __QNXSIM_SIGEV_SEM32             9

#if _NTO_VERSION < 800
#define SIGEV_64BIT             0x80
#define __QNXSIM_SIGEV_NONE64            __QNXSIM_SIGEV_NONE32
#define __QNXSIM_SIGEV_SIGNAL64          (__QNXSIM_SIGEV_SIGNAL32 | SIGEV_64BIT)
#define __QNXSIM_SIGEV_SIGNAL_CODE64     (__QNXSIM_SIGEV_SIGNAL_CODE32 | SIGEV_64BIT)
#define __QNXSIM_SIGEV_SIGNAL_THREAD64   (__QNXSIM_SIGEV_SIGNAL_THREAD32 | SIGEV_64BIT)
#define __QNXSIM_SIGEV_PULSE64           (__QNXSIM_SIGEV_PULSE32 | SIGEV_64BIT)
#define __QNXSIM_SIGEV_UNBLOCK64         (__QNXSIM_SIGEV_UNBLOCK32 | SIGEV_64BIT)
#define __QNXSIM_SIGEV_INTR64            (__QNXSIM_SIGEV_INTR32 | SIGEV_64BIT)
#define __QNXSIM_SIGEV_THREAD64          (__QNXSIM_SIGEV_THREAD32 | SIGEV_64BIT)
#define __QNXSIM_SIGEV_MEMORY64          (__QNXSIM_SIGEV_MEMORY32 | SIGEV_64BIT)
#define __QNXSIM_SIGEV_SEM64             (__QNXSIM_SIGEV_SEM32 | SIGEV_64BIT)
#if defined(__LP64__) || defined(_LP64)
#define __QNXSIM_SIGEV(__t)     (__QNXSIM_SIGEV_##__t##64)
#else
#define __QNXSIM_SIGEV(__t)     (__QNXSIM_SIGEV_##__t##32)
#endif
#else
#define __QNXSIM_SIGEV(__t)     (__QNXSIM_SIGEV_##__t##32)
#endif

#define SIGEV_NONE              __QNXSIM_SIGEV_NONE32
#define SIGEV_SIGNAL            __QNXSIM_SIGEV(SIGNAL)
#define SIGEV_SIGNAL_CODE       __QNXSIM_SIGEV(SIGNAL_CODE)
#define SIGEV_SIGNAL_THREAD     __QNXSIM_SIGEV(SIGNAL_THREAD)
#define SIGEV_PULSE             __QNXSIM_SIGEV(PULSE)
#define SIGEV_UNBLOCK           __QNXSIM_SIGEV(UNBLOCK)
#define SIGEV_INTR              __QNXSIM_SIGEV(INTR)
#define SIGEV_THREAD            __QNXSIM_SIGEV(THREAD)
#define SIGEV_MEMORY            __QNXSIM_SIGEV(MEMORY)
#define SIGEV_SEM               __QNXSIM_SIGEV(SEM)

#endif
