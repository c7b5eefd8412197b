/*
 * qnxsim override of glibc's <bits/sigevent-consts.h>: the SIGEV_* notify
 * types with QNX's values for the emulated profile (glibc's Linux values --
 * SIGEV_SIGNAL 0, SIGEV_NONE 1, SIGEV_THREAD 2 -- must not leak into QNX code).
 *
 * On SDP 7.1 64-bit builds every type except SIGEV_NONE has SIGEV_64BIT (0x80)
 * OR-ed in; SDP 8.0 uses the base values.
 */
#ifndef _BITS_SIGEVENT_CONSTS_H
#define _BITS_SIGEVENT_CONSTS_H 1

#include <sys/nto_version.h>

#define SIGEV_NONE32            0
#define SIGEV_SIGNAL32          1
#define SIGEV_SIGNAL_CODE32     2
#define SIGEV_SIGNAL_THREAD32   3
#define SIGEV_PULSE32           4
#define SIGEV_UNBLOCK32         5
#define SIGEV_INTR32            6
#define SIGEV_THREAD32          7
#define SIGEV_MEMORY32          8
#define SIGEV_SEM32             9

#if _NTO_VERSION < 800
#define SIGEV_64BIT             0x80
#define SIGEV_NONE64            SIGEV_NONE32
#define SIGEV_SIGNAL64          (SIGEV_SIGNAL32 | SIGEV_64BIT)
#define SIGEV_SIGNAL_CODE64     (SIGEV_SIGNAL_CODE32 | SIGEV_64BIT)
#define SIGEV_SIGNAL_THREAD64   (SIGEV_SIGNAL_THREAD32 | SIGEV_64BIT)
#define SIGEV_PULSE64           (SIGEV_PULSE32 | SIGEV_64BIT)
#define SIGEV_UNBLOCK64         (SIGEV_UNBLOCK32 | SIGEV_64BIT)
#define SIGEV_INTR64            (SIGEV_INTR32 | SIGEV_64BIT)
#define SIGEV_THREAD64          (SIGEV_THREAD32 | SIGEV_64BIT)
#define SIGEV_MEMORY64          (SIGEV_MEMORY32 | SIGEV_64BIT)
#define SIGEV_SEM64             (SIGEV_SEM32 | SIGEV_64BIT)
#if defined(__LP64__) || defined(_LP64)
#define __QNXSIM_SIGEV(__t)     (__t##64)
#else
#define __QNXSIM_SIGEV(__t)     (__t##32)
#endif
#else
#define __QNXSIM_SIGEV(__t)     (__t##32)
#endif

#define SIGEV_NONE              SIGEV_NONE32
#define SIGEV_SIGNAL            __QNXSIM_SIGEV(SIGEV_SIGNAL)
#define SIGEV_SIGNAL_CODE       __QNXSIM_SIGEV(SIGEV_SIGNAL_CODE)
#define SIGEV_SIGNAL_THREAD     __QNXSIM_SIGEV(SIGEV_SIGNAL_THREAD)
#define SIGEV_PULSE             __QNXSIM_SIGEV(SIGEV_PULSE)
#define SIGEV_UNBLOCK           __QNXSIM_SIGEV(SIGEV_UNBLOCK)
#define SIGEV_INTR              __QNXSIM_SIGEV(SIGEV_INTR)
#define SIGEV_THREAD            __QNXSIM_SIGEV(SIGEV_THREAD)
#define SIGEV_MEMORY            __QNXSIM_SIGEV(SIGEV_MEMORY)
#define SIGEV_SEM               __QNXSIM_SIGEV(SIGEV_SEM)

#endif
