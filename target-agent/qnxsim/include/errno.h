/*
 * qnxsim wrapper of <errno.h>: the host's errno values (programs use names;
 * report them by name) plus the QNX-only names.
 */
/* #include_next is a GCC extension: mark this wrapper as a system header
 * so that -Wpedantic builds of programs stay clean. */
#pragma GCC system_header
#include_next <errno.h>

#ifndef _QNXSIM_ERRNO_H_INCLUDED
#define _QNXSIM_ERRNO_H_INCLUDED
#ifndef EOK
#define EOK             0
#endif
#ifndef ENOLIC
#define ENOLIC          311
#endif
#ifndef ESRVRFAULT
#define ESRVRFAULT      312
#endif
#endif
