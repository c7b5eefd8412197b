/*
 * <sys/neutrino.h> -- qnxsim: the QNX Neutrino kernel calls emulated on Linux.
 * Names, prototypes and numeric values follow the profile in <sys/nto_version.h>.
 */
#ifndef __NEUTRINO_H_INCLUDED
#define __NEUTRINO_H_INCLUDED

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>
#include <errno.h>
#include <sys/nto_version.h>
#include <sys/siginfo.h>

#ifdef __cplusplus
extern "C" {
#endif

#if _NTO_VERSION >= 800
typedef int64_t rcvid_t;
#else
typedef int rcvid_t;
#endif

#define _NTO_SIDE_CHANNEL               0x40000000
#define _NTO_GLOBAL_CHANNEL             _NTO_SIDE_CHANNEL
#define _NTO_CONNECTION_SCOID           0x00010000
#define SYSMGR_PID                      1
#define SYSMGR_CHID                     1
#define SYSMGR_COID                     _NTO_SIDE_CHANNEL

#define _NTO_REGEVENT_ALLOW_ANY_SERVER  (-1)
#if _NTO_VERSION >= 800
#define _NTO_REGEVENT_ALLOW_SELF        (-2)
#endif

/* Connection flags */
#define _NTO_COF_CLOEXEC                0x0001
#define _NTO_COF_DEAD                   0x0002
#define _NTO_COF_NOSHARE                0x0040
#define _NTO_COF_NOEVENT                0x0800
#define _NTO_COF_REG_EVENTS             0x2000
#define _NTO_COF_MASK                   0xffff
#if _NTO_VERSION < 800
#define _NTO_COF_NETCON                 0x0080
#define _NTO_COF_NONBLOCK               0x0100
#define _NTO_COF_ASYNC                  0x0200
#define _NTO_COF_GLOBAL                 0x0400
#define _NTO_COF_INSECURE               0x1000
#define _NTO_COF_UNREG_EVENTS           0x4000
#else
#define _NTO_COF_NOINHERIT              0x0004
#define _NTO_COF_LOCAL                  0x0008
#define _NTO_COF_ALLOWED                0x0080
#define _NTO_COF_PIPE                   0x0400
#define _NTO_COF_DUP2                   0x8000
#endif

/* Channel flags */
#define _NTO_CHF_FIXED_PRIORITY         0x0001
#define _NTO_CHF_UNBLOCK                0x0002
#define _NTO_CHF_THREAD_DEATH           0x0004
#define _NTO_CHF_DISCONNECT             0x0008
#define _NTO_CHF_NET_MSG                0x0010
#define _NTO_CHF_SENDER_LEN             0x0020
#define _NTO_CHF_COID_DISCONNECT        0x0040
#define _NTO_CHF_REPLY_LEN              0x0080
#if _NTO_VERSION >= 800
#define _NTO_CHF_PULSE_POOL             0x0100
#else
#define _NTO_CHF_ASYNC_NONBLOCK         0x0200
#define _NTO_CHF_ASYNC                  0x0400
#endif
#define _NTO_CHF_GLOBAL                 0x0800
#define _NTO_CHF_PRIVATE                0x1000
#define _NTO_CHF_MSG_PAUSING            0x2000
#define _NTO_CHF_INHERIT_RUNMASK        0x4000
#define _NTO_CHF_UNBLOCK_TIMER          0x8000

/* Pulses */
#define _PULSE_TYPE                     0
#define _PULSE_SUBTYPE                  0
#define _PULSE_CODE_UNBLOCK             (-32)
#define _PULSE_CODE_DISCONNECT          (-33)
#define _PULSE_CODE_THREADDEATH         (-34)
#define _PULSE_CODE_COIDDEATH           (-35)
#define _PULSE_CODE_NET_ACK             (-36)
#define _PULSE_CODE_NET_UNBLOCK         (-37)
#define _PULSE_CODE_NET_DETACH          (-38)
#define _PULSE_CODE_RESTART             (-39)
#define _PULSE_CODE_NORESTART           (-40)
#define _PULSE_CODE_UNBLOCK_RESTART     (-41)
#define _PULSE_CODE_UNBLOCK_TIMER       (-42)
#if _NTO_VERSION >= 800
#define _PULSE_CODE_PIPE_INPUT          (-43)
#define _PULSE_CODE_PIPE_OUTPUT         (-44)
#endif
#define _PULSE_CODE_MINAVAIL            0
#define _PULSE_CODE_MAXAVAIL            127

struct _pulse {
	uint16_t        type;
	uint16_t        subtype;
	int8_t          code;
	uint8_t         zero[3];
	union sigval    value;
	int32_t         scoid;
};

struct _msg_info {
	uint32_t        nd;
	uint32_t        srcnd;
	pid_t           pid;
	int32_t         tid;
	int32_t         chid;
	int32_t         scoid;
	int32_t         coid;
	int16_t         priority;
	int16_t         flags;
	size_t          msglen;
	size_t          srcmsglen;
	size_t          dstmsglen;
};

struct _cred_info {
	uid_t           ruid;
	uid_t           euid;
	uid_t           suid;
	gid_t           rgid;
	gid_t           egid;
	gid_t           sgid;
	uint32_t        ngroups;
	gid_t           grouplist[8];
};

struct _client_info {
	uint32_t        nd;
	pid_t           pid;
	pid_t           sid;
	uint32_t        flags;
	struct _cred_info cred;
};

struct _server_info {
	uint32_t        nd;
	uint32_t        srcnd;
	pid_t           pid;
	int32_t         tid;
	int32_t         chid;
	int32_t         scoid;
	int32_t         coid;
	int16_t         priority;
	int16_t         flags;
	size_t          msglen;
	size_t          srcmsglen;
	size_t          dstmsglen;
};

/* Thread states, used for TimerTimeout()'s flags (_NTO_TIMEOUT_*). */
enum {
	STATE_DEAD, STATE_RUNNING, STATE_READY, STATE_STOPPED, STATE_SEND,
	STATE_RECEIVE, STATE_REPLY, STATE_STACK, STATE_WAITTHREAD, STATE_WAITPAGE,
	STATE_SIGSUSPEND, STATE_SIGWAITINFO, STATE_NANOSLEEP, STATE_MUTEX,
	STATE_CONDVAR, STATE_JOIN, STATE_INTR, STATE_SEM, STATE_WAITCTX,
	STATE_NET_SEND, STATE_NET_REPLY, STATE_MAX = 24
};
#define _NTO_TIMEOUT_SEND               (1u << STATE_SEND)
#define _NTO_TIMEOUT_RECEIVE            (1u << STATE_RECEIVE)
#define _NTO_TIMEOUT_REPLY              (1u << STATE_REPLY)
#define _NTO_TIMEOUT_SIGSUSPEND         (1u << STATE_SIGSUSPEND)
#define _NTO_TIMEOUT_SIGWAITINFO        (1u << STATE_SIGWAITINFO)
#define _NTO_TIMEOUT_NANOSLEEP          (1u << STATE_NANOSLEEP)
#define _NTO_TIMEOUT_MUTEX              (1u << STATE_MUTEX)
#define _NTO_TIMEOUT_CONDVAR            (1u << STATE_CONDVAR)
#define _NTO_TIMEOUT_JOIN               (1u << STATE_JOIN)
#define _NTO_TIMEOUT_INTR               (1u << STATE_INTR)
#define _NTO_TIMEOUT_SEM                (1u << STATE_SEM)

/* Channels and connections */
int ChannelCreate(unsigned flags);
int ChannelCreate_r(unsigned flags);
int ChannelDestroy(int chid);
int ChannelDestroy_r(int chid);
int ConnectAttach(uint32_t nd, pid_t pid, int chid, unsigned index, int flags);
int ConnectAttach_r(uint32_t nd, pid_t pid, int chid, unsigned index, int flags);
int ConnectDetach(int coid);
int ConnectDetach_r(int coid);
int ConnectFlags(pid_t pid, int coid, unsigned mask, unsigned bits);
int ConnectFlags_r(pid_t pid, int coid, unsigned mask, unsigned bits);
int ConnectClientInfo(int scoid, struct _client_info *info, int ngroups);
int ConnectClientInfo_r(int scoid, struct _client_info *info, int ngroups);
int ConnectServerInfo(pid_t pid, int coid, struct _server_info *info);
int ConnectServerInfo_r(pid_t pid, int coid, struct _server_info *info);

/* Messages and pulses */
long MsgSend(int coid, const void *smsg, size_t sbytes, void *rmsg, size_t rbytes);
long MsgSend_r(int coid, const void *smsg, size_t sbytes, void *rmsg, size_t rbytes);
rcvid_t MsgReceive(int chid, void *msg, size_t bytes, struct _msg_info *info);
rcvid_t MsgReceive_r(int chid, void *msg, size_t bytes, struct _msg_info *info);
int MsgReceivePulse(int chid, void *pulse, size_t bytes, struct _msg_info *info);
int MsgReceivePulse_r(int chid, void *pulse, size_t bytes, struct _msg_info *info);
int MsgReply(rcvid_t rcvid, long status, const void *msg, size_t bytes);
int MsgReply_r(rcvid_t rcvid, long status, const void *msg, size_t bytes);
int MsgError(rcvid_t rcvid, int error);
int MsgError_r(rcvid_t rcvid, int error);
int MsgSendPulse(int coid, int priority, int code, int value);
int MsgSendPulse_r(int coid, int priority, int code, int value);

/* Events */
int MsgRegisterEvent(struct sigevent *event, int coid);
int MsgRegisterEvent_r(struct sigevent *event, int coid);
int MsgUnregisterEvent(const struct sigevent *event);
int MsgUnregisterEvent_r(const struct sigevent *event);
int MsgDeliverEvent(rcvid_t rcvid, const struct sigevent *event);
int MsgDeliverEvent_r(rcvid_t rcvid, const struct sigevent *event);
int MsgVerifyEvent(rcvid_t rcvid, const struct sigevent *event);
int MsgVerifyEvent_r(rcvid_t rcvid, const struct sigevent *event);

/* Timeouts and time */
int TimerTimeout(clockid_t id, int flags, const struct sigevent *notify,
                 const uint64_t *ntime, uint64_t *otime);
int TimerTimeout_r(clockid_t id, int flags, const struct sigevent *notify,
                   const uint64_t *ntime, uint64_t *otime);
uint64_t ClockCycles(void);

/* Thread control: only the run mask (CPU affinity of the calling thread) is
 * emulated; every other command fails with EINVAL (sim). Values as QNX's. */
#define _NTO_TCTL_RUNMASK               4
#define _NTO_TCTL_RUNMASK_GET_AND_SET   6
int ThreadCtl(int cmd, void *data);
int ThreadCtl_r(int cmd, void *data);

#ifdef __cplusplus
}
#endif

#endif
