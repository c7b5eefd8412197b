/*
 * <sys/netmgr.h> -- qnxsim: the node descriptor of the local node, the only
 * node qnxsim has (Qnet is not emulated).
 */
#ifndef __NETMGR_H_INCLUDED
#define __NETMGR_H_INCLUDED

#define ND_LOCAL_NODE                   0

#endif
