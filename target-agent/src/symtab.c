/*
 * Name tables for signals, si_code values and the kernel-call constants a
 * program may name. Each entry exists only where the build's headers define
 * the name, so one table serves QNX 7.1, QNX 8.0 and the emulation; where two
 * names share a value, the first listed is the one reported.
 */
#include "symtab.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/neutrino.h>
#include <sys/netmgr.h>     /* ND_LOCAL_NODE */
#include <sys/procmgr.h>

/* Real-time signals are not here: SIGRTMIN/SIGRTMAX need not be constants. */
const struct sym sym_signal_table[] = {
#ifdef SIGHUP
	{ "SIGHUP", SIGHUP },
#endif
#ifdef SIGINT
	{ "SIGINT", SIGINT },
#endif
#ifdef SIGQUIT
	{ "SIGQUIT", SIGQUIT },
#endif
#ifdef SIGILL
	{ "SIGILL", SIGILL },
#endif
#ifdef SIGTRAP
	{ "SIGTRAP", SIGTRAP },
#endif
#ifdef SIGABRT
	{ "SIGABRT", SIGABRT },
#endif
#ifdef SIGIOT
	{ "SIGIOT", SIGIOT },
#endif
#ifdef SIGEMT
	{ "SIGEMT", SIGEMT },
#endif
#ifdef SIGFPE
	{ "SIGFPE", SIGFPE },
#endif
#ifdef SIGKILL
	{ "SIGKILL", SIGKILL },
#endif
#ifdef SIGBUS
	{ "SIGBUS", SIGBUS },
#endif
#ifdef SIGSEGV
	{ "SIGSEGV", SIGSEGV },
#endif
#ifdef SIGSYS
	{ "SIGSYS", SIGSYS },
#endif
#ifdef SIGPIPE
	{ "SIGPIPE", SIGPIPE },
#endif
#ifdef SIGALRM
	{ "SIGALRM", SIGALRM },
#endif
#ifdef SIGTERM
	{ "SIGTERM", SIGTERM },
#endif
#ifdef SIGUSR1
	{ "SIGUSR1", SIGUSR1 },
#endif
#ifdef SIGUSR2
	{ "SIGUSR2", SIGUSR2 },
#endif
#ifdef SIGCHLD
	{ "SIGCHLD", SIGCHLD },
#endif
#ifdef SIGCLD
	{ "SIGCLD", SIGCLD },
#endif
#ifdef SIGPWR
	{ "SIGPWR", SIGPWR },
#endif
#ifdef SIGWINCH
	{ "SIGWINCH", SIGWINCH },
#endif
#ifdef SIGURG
	{ "SIGURG", SIGURG },
#endif
#ifdef SIGPOLL
	{ "SIGPOLL", SIGPOLL },
#endif
#ifdef SIGIO
	{ "SIGIO", SIGIO },
#endif
#ifdef SIGSTOP
	{ "SIGSTOP", SIGSTOP },
#endif
#ifdef SIGTSTP
	{ "SIGTSTP", SIGTSTP },
#endif
#ifdef SIGCONT
	{ "SIGCONT", SIGCONT },
#endif
#ifdef SIGTTIN
	{ "SIGTTIN", SIGTTIN },
#endif
#ifdef SIGTTOU
	{ "SIGTTOU", SIGTTOU },
#endif
#ifdef SIGVTALRM
	{ "SIGVTALRM", SIGVTALRM },
#endif
#ifdef SIGPROF
	{ "SIGPROF", SIGPROF },
#endif
#ifdef SIGXCPU
	{ "SIGXCPU", SIGXCPU },
#endif
#ifdef SIGXFSZ
	{ "SIGXFSZ", SIGXFSZ },
#endif
};
const unsigned sym_signal_count = sizeof sym_signal_table / sizeof sym_signal_table[0];

/* si_code values that have a name; any other code is reported as an integer. */
const struct sym sym_si_code_table[] = {
#ifdef SI_USER
	{ "SI_USER", SI_USER },
#endif
#ifdef SI_QUEUE
	{ "SI_QUEUE", SI_QUEUE },
#endif
#ifdef SI_TIMER
	{ "SI_TIMER", SI_TIMER },
#endif
#ifdef SI_ASYNCIO
	{ "SI_ASYNCIO", SI_ASYNCIO },
#endif
#ifdef SI_MESGQ
	{ "SI_MESGQ", SI_MESGQ },
#endif
#ifdef SI_NOINFO
	{ "SI_NOINFO", SI_NOINFO },
#endif
};
const unsigned sym_si_code_count = sizeof sym_si_code_table / sizeof sym_si_code_table[0];

/* Kernel-call constants a program may name in a value. */
const struct sym sym_const_table[] = {
#ifdef SIGEV_NONE
	{ "SIGEV_NONE", SIGEV_NONE },
#endif
#ifdef SIGEV_SIGNAL
	{ "SIGEV_SIGNAL", SIGEV_SIGNAL },
#endif
#ifdef SIGEV_SIGNAL_CODE
	{ "SIGEV_SIGNAL_CODE", SIGEV_SIGNAL_CODE },
#endif
#ifdef SIGEV_SIGNAL_THREAD
	{ "SIGEV_SIGNAL_THREAD", SIGEV_SIGNAL_THREAD },
#endif
#ifdef SIGEV_PULSE
	{ "SIGEV_PULSE", SIGEV_PULSE },
#endif
#ifdef SIGEV_UNBLOCK
	{ "SIGEV_UNBLOCK", SIGEV_UNBLOCK },
#endif
#ifdef SIGEV_INTR
	{ "SIGEV_INTR", SIGEV_INTR },
#endif
#ifdef SIGEV_THREAD
	{ "SIGEV_THREAD", SIGEV_THREAD },
#endif
#ifdef SIGEV_MEMORY
	{ "SIGEV_MEMORY", SIGEV_MEMORY },
#endif
#ifdef SIGEV_SEM
	{ "SIGEV_SEM", SIGEV_SEM },
#endif
#ifdef SIGEV_64BIT
	{ "SIGEV_64BIT", SIGEV_64BIT },
#endif
#ifdef SIGEV_FLAG_OVERDRIVE
	{ "SIGEV_FLAG_OVERDRIVE", SIGEV_FLAG_OVERDRIVE },
#endif
#ifdef SIGEV_FLAG_UPDATEABLE
	{ "SIGEV_FLAG_UPDATEABLE", SIGEV_FLAG_UPDATEABLE },
#endif
#ifdef SIGEV_FLAG_SIVAL_INT
	{ "SIGEV_FLAG_SIVAL_INT", SIGEV_FLAG_SIVAL_INT },
#endif
#ifdef SIGEV_FLAG_NOQUEUE
	{ "SIGEV_FLAG_NOQUEUE", SIGEV_FLAG_NOQUEUE },
#endif
#ifdef SIGEV_FLAG_HANDLE
	{ "SIGEV_FLAG_HANDLE", SIGEV_FLAG_HANDLE },
#endif
#ifdef SIGEV_FLAG_CODE_UPDATEABLE
	{ "SIGEV_FLAG_CODE_UPDATEABLE", SIGEV_FLAG_CODE_UPDATEABLE },
#endif
#ifdef SIGEV_PULSE_PRIO_INHERIT
	{ "SIGEV_PULSE_PRIO_INHERIT", SIGEV_PULSE_PRIO_INHERIT },
#endif
#ifdef SIGEV_MEM_ASSIGN
	{ "SIGEV_MEM_ASSIGN", SIGEV_MEM_ASSIGN },
#endif
#ifdef SIGEV_MEM_ADD
	{ "SIGEV_MEM_ADD", SIGEV_MEM_ADD },
#endif
#ifdef SIGEV_MEM_SUB
	{ "SIGEV_MEM_SUB", SIGEV_MEM_SUB },
#endif
#ifdef SIGEV_MEM_BITSET
	{ "SIGEV_MEM_BITSET", SIGEV_MEM_BITSET },
#endif
#ifdef SIGEV_MEM_BITCLR
	{ "SIGEV_MEM_BITCLR", SIGEV_MEM_BITCLR },
#endif
#ifdef SIGEV_MEM_BITTOGGLE
	{ "SIGEV_MEM_BITTOGGLE", SIGEV_MEM_BITTOGGLE },
#endif
#ifdef _NTO_SIDE_CHANNEL
	{ "_NTO_SIDE_CHANNEL", _NTO_SIDE_CHANNEL },
#endif
#ifdef _NTO_CONNECTION_SCOID
	{ "_NTO_CONNECTION_SCOID", _NTO_CONNECTION_SCOID },
#endif
#ifdef SYSMGR_PID
	{ "SYSMGR_PID", SYSMGR_PID },
#endif
#ifdef SYSMGR_CHID
	{ "SYSMGR_CHID", SYSMGR_CHID },
#endif
#ifdef SYSMGR_COID
	{ "SYSMGR_COID", SYSMGR_COID },
#endif
#ifdef ND_LOCAL_NODE
	{ "ND_LOCAL_NODE", ND_LOCAL_NODE },
#endif
#ifdef _NTO_REGEVENT_ALLOW_ANY_SERVER
	{ "_NTO_REGEVENT_ALLOW_ANY_SERVER", _NTO_REGEVENT_ALLOW_ANY_SERVER },
#endif
#ifdef _NTO_REGEVENT_ALLOW_SELF
	{ "_NTO_REGEVENT_ALLOW_SELF", _NTO_REGEVENT_ALLOW_SELF },
#endif
#ifdef _NTO_COF_CLOEXEC
	{ "_NTO_COF_CLOEXEC", _NTO_COF_CLOEXEC },
#endif
#ifdef _NTO_COF_DEAD
	{ "_NTO_COF_DEAD", _NTO_COF_DEAD },
#endif
#ifdef _NTO_COF_NOINHERIT
	{ "_NTO_COF_NOINHERIT", _NTO_COF_NOINHERIT },
#endif
#ifdef _NTO_COF_LOCAL
	{ "_NTO_COF_LOCAL", _NTO_COF_LOCAL },
#endif
#ifdef _NTO_COF_NOSHARE
	{ "_NTO_COF_NOSHARE", _NTO_COF_NOSHARE },
#endif
#ifdef _NTO_COF_NETCON
	{ "_NTO_COF_NETCON", _NTO_COF_NETCON },
#endif
#ifdef _NTO_COF_ALLOWED
	{ "_NTO_COF_ALLOWED", _NTO_COF_ALLOWED },
#endif
#ifdef _NTO_COF_NONBLOCK
	{ "_NTO_COF_NONBLOCK", _NTO_COF_NONBLOCK },
#endif
#ifdef _NTO_COF_ASYNC
	{ "_NTO_COF_ASYNC", _NTO_COF_ASYNC },
#endif
#ifdef _NTO_COF_GLOBAL
	{ "_NTO_COF_GLOBAL", _NTO_COF_GLOBAL },
#endif
#ifdef _NTO_COF_PIPE
	{ "_NTO_COF_PIPE", _NTO_COF_PIPE },
#endif
#ifdef _NTO_COF_NOEVENT
	{ "_NTO_COF_NOEVENT", _NTO_COF_NOEVENT },
#endif
#ifdef _NTO_COF_INSECURE
	{ "_NTO_COF_INSECURE", _NTO_COF_INSECURE },
#endif
#ifdef _NTO_COF_REG_EVENTS
	{ "_NTO_COF_REG_EVENTS", _NTO_COF_REG_EVENTS },
#endif
#ifdef _NTO_COF_UNREG_EVENTS
	{ "_NTO_COF_UNREG_EVENTS", _NTO_COF_UNREG_EVENTS },
#endif
#ifdef _NTO_COF_DUP2
	{ "_NTO_COF_DUP2", _NTO_COF_DUP2 },
#endif
#ifdef _NTO_COF_MASK
	{ "_NTO_COF_MASK", _NTO_COF_MASK },
#endif
#ifdef _NTO_CHF_FIXED_PRIORITY
	{ "_NTO_CHF_FIXED_PRIORITY", _NTO_CHF_FIXED_PRIORITY },
#endif
#ifdef _NTO_CHF_UNBLOCK
	{ "_NTO_CHF_UNBLOCK", _NTO_CHF_UNBLOCK },
#endif
#ifdef _NTO_CHF_THREAD_DEATH
	{ "_NTO_CHF_THREAD_DEATH", _NTO_CHF_THREAD_DEATH },
#endif
#ifdef _NTO_CHF_DISCONNECT
	{ "_NTO_CHF_DISCONNECT", _NTO_CHF_DISCONNECT },
#endif
#ifdef _NTO_CHF_NET_MSG
	{ "_NTO_CHF_NET_MSG", _NTO_CHF_NET_MSG },
#endif
#ifdef _NTO_CHF_SENDER_LEN
	{ "_NTO_CHF_SENDER_LEN", _NTO_CHF_SENDER_LEN },
#endif
#ifdef _NTO_CHF_COID_DISCONNECT
	{ "_NTO_CHF_COID_DISCONNECT", _NTO_CHF_COID_DISCONNECT },
#endif
#ifdef _NTO_CHF_REPLY_LEN
	{ "_NTO_CHF_REPLY_LEN", _NTO_CHF_REPLY_LEN },
#endif
#ifdef _NTO_CHF_PULSE_POOL
	{ "_NTO_CHF_PULSE_POOL", _NTO_CHF_PULSE_POOL },
#endif
#ifdef _NTO_CHF_ASYNC_NONBLOCK
	{ "_NTO_CHF_ASYNC_NONBLOCK", _NTO_CHF_ASYNC_NONBLOCK },
#endif
#ifdef _NTO_CHF_ASYNC
	{ "_NTO_CHF_ASYNC", _NTO_CHF_ASYNC },
#endif
#ifdef _NTO_CHF_GLOBAL
	{ "_NTO_CHF_GLOBAL", _NTO_CHF_GLOBAL },
#endif
#ifdef _NTO_CHF_PRIVATE
	{ "_NTO_CHF_PRIVATE", _NTO_CHF_PRIVATE },
#endif
#ifdef _NTO_CHF_MSG_PAUSING
	{ "_NTO_CHF_MSG_PAUSING", _NTO_CHF_MSG_PAUSING },
#endif
#ifdef _NTO_CHF_INHERIT_RUNMASK
	{ "_NTO_CHF_INHERIT_RUNMASK", _NTO_CHF_INHERIT_RUNMASK },
#endif
#ifdef _NTO_CHF_UNBLOCK_TIMER
	{ "_NTO_CHF_UNBLOCK_TIMER", _NTO_CHF_UNBLOCK_TIMER },
#endif
#ifdef _PULSE_CODE_UNBLOCK
	{ "_PULSE_CODE_UNBLOCK", _PULSE_CODE_UNBLOCK },
#endif
#ifdef _PULSE_CODE_DISCONNECT
	{ "_PULSE_CODE_DISCONNECT", _PULSE_CODE_DISCONNECT },
#endif
#ifdef _PULSE_CODE_THREADDEATH
	{ "_PULSE_CODE_THREADDEATH", _PULSE_CODE_THREADDEATH },
#endif
#ifdef _PULSE_CODE_COIDDEATH
	{ "_PULSE_CODE_COIDDEATH", _PULSE_CODE_COIDDEATH },
#endif
#ifdef _PULSE_CODE_NET_ACK
	{ "_PULSE_CODE_NET_ACK", _PULSE_CODE_NET_ACK },
#endif
#ifdef _PULSE_CODE_NET_UNBLOCK
	{ "_PULSE_CODE_NET_UNBLOCK", _PULSE_CODE_NET_UNBLOCK },
#endif
#ifdef _PULSE_CODE_NET_DETACH
	{ "_PULSE_CODE_NET_DETACH", _PULSE_CODE_NET_DETACH },
#endif
#ifdef _PULSE_CODE_RESTART
	{ "_PULSE_CODE_RESTART", _PULSE_CODE_RESTART },
#endif
#ifdef _PULSE_CODE_NORESTART
	{ "_PULSE_CODE_NORESTART", _PULSE_CODE_NORESTART },
#endif
#ifdef _PULSE_CODE_UNBLOCK_RESTART
	{ "_PULSE_CODE_UNBLOCK_RESTART", _PULSE_CODE_UNBLOCK_RESTART },
#endif
#ifdef _PULSE_CODE_UNBLOCK_TIMER
	{ "_PULSE_CODE_UNBLOCK_TIMER", _PULSE_CODE_UNBLOCK_TIMER },
#endif
#ifdef _PULSE_CODE_PIPE_INPUT
	{ "_PULSE_CODE_PIPE_INPUT", _PULSE_CODE_PIPE_INPUT },
#endif
#ifdef _PULSE_CODE_PIPE_OUTPUT
	{ "_PULSE_CODE_PIPE_OUTPUT", _PULSE_CODE_PIPE_OUTPUT },
#endif
#ifdef _PULSE_CODE_MINAVAIL
	{ "_PULSE_CODE_MINAVAIL", _PULSE_CODE_MINAVAIL },
#endif
#ifdef _PULSE_CODE_MAXAVAIL
	{ "_PULSE_CODE_MAXAVAIL", _PULSE_CODE_MAXAVAIL },
#endif
#ifdef SI_USER
	{ "SI_USER", SI_USER },
#endif
#ifdef SI_QUEUE
	{ "SI_QUEUE", SI_QUEUE },
#endif
#ifdef SI_TIMER
	{ "SI_TIMER", SI_TIMER },
#endif
#ifdef SI_ASYNCIO
	{ "SI_ASYNCIO", SI_ASYNCIO },
#endif
#ifdef SI_MESGQ
	{ "SI_MESGQ", SI_MESGQ },
#endif
#ifdef SI_NOINFO
	{ "SI_NOINFO", SI_NOINFO },
#endif
#ifdef SI_MINAVAIL
	{ "SI_MINAVAIL", SI_MINAVAIL },
#endif
#ifdef SI_MAXAVAIL
	{ "SI_MAXAVAIL", SI_MAXAVAIL },
#endif
#ifdef O_RDONLY
	{ "O_RDONLY", O_RDONLY },
#endif
#ifdef O_WRONLY
	{ "O_WRONLY", O_WRONLY },
#endif
#ifdef O_RDWR
	{ "O_RDWR", O_RDWR },
#endif
#ifdef O_CLOEXEC
	{ "O_CLOEXEC", O_CLOEXEC },
#endif
#ifdef PROT_NONE
	{ "PROT_NONE", PROT_NONE },
#endif
#ifdef PROT_READ
	{ "PROT_READ", PROT_READ },
#endif
#ifdef PROT_WRITE
	{ "PROT_WRITE", PROT_WRITE },
#endif
#ifdef SHM_CREATE_HANDLE_OPT_NOFD
	{ "SHM_CREATE_HANDLE_OPT_NOFD", SHM_CREATE_HANDLE_OPT_NOFD },
#endif
#ifdef PROCMGR_AID_SPAWN_SETUID
	{ "PROCMGR_AID_SPAWN_SETUID", PROCMGR_AID_SPAWN_SETUID },
#endif
#ifdef PROCMGR_AID_SETUID
	{ "PROCMGR_AID_SETUID", PROCMGR_AID_SETUID },
#endif
#ifdef PROCMGR_AID_PATHSPACE
	{ "PROCMGR_AID_PATHSPACE", PROCMGR_AID_PATHSPACE },
#endif
#ifdef PROCMGR_AID_MEM_PEER
	{ "PROCMGR_AID_MEM_PEER", PROCMGR_AID_MEM_PEER },
#endif
#ifdef PROCMGR_AID_SPAWN
	{ "PROCMGR_AID_SPAWN", PROCMGR_AID_SPAWN },
#endif
#ifdef PROCMGR_AID_FORK
	{ "PROCMGR_AID_FORK", PROCMGR_AID_FORK },
#endif
#ifdef PROCMGR_AID_PROT_EXEC
	{ "PROCMGR_AID_PROT_EXEC", PROCMGR_AID_PROT_EXEC },
#endif
#ifdef PROCMGR_AID_INTERRUPT
	{ "PROCMGR_AID_INTERRUPT", PROCMGR_AID_INTERRUPT },
#endif
#ifdef PROCMGR_AID_IO
	{ "PROCMGR_AID_IO", PROCMGR_AID_IO },
#endif
#ifdef PROCMGR_AID_PRIORITY
	{ "PROCMGR_AID_PRIORITY", PROCMGR_AID_PRIORITY },
#endif
#ifdef PROCMGR_AID_CONNECTION
	{ "PROCMGR_AID_CONNECTION", PROCMGR_AID_CONNECTION },
#endif
#ifdef PROCMGR_AID_SIGNAL
	{ "PROCMGR_AID_SIGNAL", PROCMGR_AID_SIGNAL },
#endif
#ifdef PROCMGR_AID_PUBLIC_CHANNEL
	{ "PROCMGR_AID_PUBLIC_CHANNEL", PROCMGR_AID_PUBLIC_CHANNEL },
#endif
#ifdef PROCMGR_AID_XPROCESS_QUERY
	{ "PROCMGR_AID_XPROCESS_QUERY", PROCMGR_AID_XPROCESS_QUERY },
#endif
#ifdef PROCMGR_AID_CHANNEL_CONNECT
	{ "PROCMGR_AID_CHANNEL_CONNECT", PROCMGR_AID_CHANNEL_CONNECT },
#endif
#ifdef PROCMGR_AID_SIGEV_THREAD
	{ "PROCMGR_AID_SIGEV_THREAD", PROCMGR_AID_SIGEV_THREAD },
#endif
#ifdef PROCMGR_AOP_DENY
	{ "PROCMGR_AOP_DENY", PROCMGR_AOP_DENY },
#endif
#ifdef PROCMGR_AOP_ALLOW
	{ "PROCMGR_AOP_ALLOW", PROCMGR_AOP_ALLOW },
#endif
#ifdef PROCMGR_AOP_LOCK
	{ "PROCMGR_AOP_LOCK", PROCMGR_AOP_LOCK },
#endif
#ifdef PROCMGR_ADN_ROOT
	{ "PROCMGR_ADN_ROOT", PROCMGR_ADN_ROOT },
#endif
#ifdef PROCMGR_ADN_NONROOT
	{ "PROCMGR_ADN_NONROOT", PROCMGR_ADN_NONROOT },
#endif
};
const unsigned sym_const_count = sizeof sym_const_table / sizeof sym_const_table[0];
