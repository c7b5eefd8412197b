/*
 * The differences between QNX releases the agent has to bridge, in one place.
 * Everything else is written once against the API both releases share.
 */
#ifndef QHIL_COMPAT_H
#define QHIL_COMPAT_H

#include <sys/neutrino.h>

#if !defined(_NTO_VERSION) && defined(__has_include)
#if __has_include(<sys/nto_version.h>)
#include <sys/nto_version.h>
#endif
#endif
#ifndef _NTO_VERSION
#error "_NTO_VERSION is undefined: build with a QNX SDP (qcc) or against qnxsim's headers"
#endif

/* MsgReceive() returns, and MsgReply()/MsgDeliverEvent() take, an rcvid_t
 * (64-bit) from SDP 8.0 on; 7.1 uses int. */
#if _NTO_VERSION >= 800
typedef rcvid_t qhil_rcvid_t;
#else
typedef int qhil_rcvid_t;
#endif

/* The local node for ConnectAttach() (ND_LOCAL_NODE lives in <sys/netmgr.h>). */
#define QHIL_LOCAL_NODE 0u

#endif
