/*
 * <sys/nto_version.h> -- qnxsim: the QNX release being emulated.
 *
 * The profile is chosen at compile time with -D__QNXSIM_PROFILE=710 (SDP 7.1)
 * or -D__QNXSIM_PROFILE=800 (SDP 8.0, the default).  Code gates on _NTO_VERSION
 * exactly as it would on a real board.  The build (qnxsim.mk, qnxsim-cc)
 * also defines __QNXSIM__ on the command line, so code can report "qnxsim"
 * rather than "QNX"; no header defines it.
 */
#ifndef _SYS_NTO_VERSION_H_INCLUDED
#define _SYS_NTO_VERSION_H_INCLUDED

#ifndef __QNXSIM_PROFILE
#define __QNXSIM_PROFILE 800
#endif

#if __QNXSIM_PROFILE != 710 && __QNXSIM_PROFILE != 800
#error "qnxsim: __QNXSIM_PROFILE must be 710 or 800"
#endif

#define _NTO_VERSION __QNXSIM_PROFILE

#endif
