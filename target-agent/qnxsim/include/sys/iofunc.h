/*
 * <sys/iofunc.h> -- qnxsim: only what name_attach() servers include it for;
 * the iofunc layer of resource managers is not emulated.
 */
#ifndef __IOFUNC_H_INCLUDED
#define __IOFUNC_H_INCLUDED

#include <sys/iomsg.h>
#include <sys/dispatch.h>

#endif
