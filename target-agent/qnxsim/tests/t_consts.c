/*
 * Header values per profile against qnx-facts.md: one row per constant,
 * plus the layouts programs depend on (struct sigevent, struct _pulse).
 * Also checks that QNX's definitions won over glibc's in <signal.h>.
 */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/neutrino.h>
#include <sys/nto_version.h>
#include <sys/procmgr.h>
#include <sys/mman.h>
#include <sys/syspage.h>
#include "tap.h"

#if _NTO_VERSION >= 800
#define T(base)  (base)
#else
#define T(base)  ((base) | 0x80)        /* SIGEV_64BIT on 7.1 64-bit */
#endif

struct row { const char *name; long long got, want; };

#define R(name, want) { #name, (long long)(name), (long long)(want) }

static const struct row rows[] = {
	R(_NTO_VERSION, __QNXSIM_PROFILE),
	R(SIGEV_NONE, 0), R(SIGEV_SIGNAL, T(1)), R(SIGEV_SIGNAL_CODE, T(2)),
	R(SIGEV_SIGNAL_THREAD, T(3)), R(SIGEV_PULSE, T(4)), R(SIGEV_UNBLOCK, T(5)),
	R(SIGEV_INTR, T(6)), R(SIGEV_THREAD, T(7)), R(SIGEV_MEMORY, T(8)), R(SIGEV_SEM, T(9)),
	R(SIGEV_FLAG_OVERDRIVE, 0x200), R(SIGEV_FLAG_UPDATEABLE, 0x400),
	R(SIGEV_FLAG_SIVAL_INT, 0x800), R(SIGEV_FLAG_NOQUEUE, 0x1000),
	R(SIGEV_FLAG_HANDLE, 0x2000), R(SIGEV_FLAG_CODE_UPDATEABLE, 0x4000),
	R(SIGEV_INVALID_HANDLE, 0xffffffffu), R(SIGEV_PULSE_PRIO_INHERIT, -1),
	R(SIGEV_MEM_ASSIGN, 1), R(SIGEV_MEM_BITTOGGLE, 6), R(SIGEV_TYPE_MASK, 0xff),
	R(_NTO_SIDE_CHANNEL, 0x40000000), R(SYSMGR_COID, 0x40000000), R(SYSMGR_PID, 1),
	R(SYSMGR_CHID, 1), R(_NTO_CONNECTION_SCOID, 0x10000),
	R(_NTO_COF_CLOEXEC, 1), R(_NTO_COF_DEAD, 2), R(_NTO_COF_NOSHARE, 0x40),
	R(_NTO_COF_NOEVENT, 0x800), R(_NTO_COF_REG_EVENTS, 0x2000), R(_NTO_COF_MASK, 0xffff),
#if _NTO_VERSION < 800
	R(_NTO_COF_INSECURE, 0x1000), R(_NTO_COF_UNREG_EVENTS, 0x4000), R(_NTO_CHF_ASYNC, 0x400),
#else
	R(_NTO_COF_NOINHERIT, 4), R(_NTO_COF_DUP2, 0x8000), R(_NTO_CHF_PULSE_POOL, 0x100),
	R(_NTO_REGEVENT_ALLOW_SELF, -2), R(_PULSE_CODE_PIPE_OUTPUT, -44),
	R(PROCMGR_AID_CHANNEL_CONNECT, 58), R(SHM_CREATE_HANDLE_OPT_SUBRANGE, 2),
#endif
	R(_NTO_REGEVENT_ALLOW_ANY_SERVER, -1),
	R(_NTO_CHF_DISCONNECT, 8), R(_NTO_CHF_UNBLOCK_TIMER, 0x8000),
	R(_PULSE_CODE_UNBLOCK, -32), R(_PULSE_CODE_DISCONNECT, -33),
	R(_PULSE_CODE_UNBLOCK_TIMER, -42), R(_PULSE_CODE_MINAVAIL, 0), R(_PULSE_CODE_MAXAVAIL, 127),
	R(SI_MINAVAIL, -128), R(SI_MAXAVAIL, -64), R(SI_NOINFO, 127), R(EOK, 0),
	R(PROCMGR_AID_PRIORITY, 33), R(PROCMGR_AID_CONNECTION, 34),
	R(PROCMGR_AID_XPROCESS_QUERY, 50), R(PROCMGR_AID_SIGEV_THREAD, 69),
	R(PROCMGR_AOP_DENY, 0x10000), R(PROCMGR_AOP_ALLOW, 0x20000), R(PROCMGR_AOP_LOCK, 0x80000),
	R(PROCMGR_ADN_ROOT, 0x10000000), R(PROCMGR_ADN_NONROOT, 0x20000000),
	R(PROCMGR_AID_EOL, 0xffff), R(SHM_CREATE_HANDLE_OPT_NOFD, 1),
	R(sizeof(shm_handle_t), 8),
	R(_NTO_TIMEOUT_RECEIVE, 1 << 5), R(_NTO_TIMEOUT_SEND, 1 << 4), R(_NTO_TIMEOUT_REPLY, 1 << 6),
	R(sizeof(struct sigevent), 32), R(offsetof(struct sigevent, sigev_value), 16),
	R(offsetof(struct sigevent, sigev_code), 24), R(offsetof(struct sigevent, sigev_priority), 26),
	R(offsetof(struct sigevent, sigev_memop), 24), R(offsetof(struct sigevent, sigev_handle), 8),
	R(sizeof(struct _pulse), 24), R(offsetof(struct _pulse, code), 4),
	R(offsetof(struct _pulse, value), 8), R(offsetof(struct _pulse, scoid), 16),
};

int main(void)
{
	int n = (int)(sizeof rows / sizeof rows[0]);
	struct sigevent ev;

	tap_plan(n + 5);
	tap_ok(SIGRTMAX - SIGRTMIN == 15, "SIGRTMIN..SIGRTMAX are QNX's 16 real-time signals");
	for (int i = 0; i < n; i++)
		tap_ok(rows[i].got == rows[i].want, "%s == %lld (got %lld)", rows[i].name,
		       rows[i].want, rows[i].got);
	SIGEV_PULSE_INIT(&ev, 5, 10, 3, 7);
	SIGEV_MAKE_UPDATEABLE(&ev);
	tap_ok(SIGEV_GET_TYPE(&ev) == SIGEV_PULSE && (ev.sigev_notify & SIGEV_FLAG_UPDATEABLE),
	       "SIGEV_GET_TYPE ignores the hidden flag bits");
	SIGEV_SET_TYPE(&ev, SIGEV_SIGNAL);
	tap_ok(SIGEV_GET_TYPE(&ev) == SIGEV_SIGNAL && (ev.sigev_notify & SIGEV_FLAG_UPDATEABLE),
	       "SIGEV_SET_TYPE keeps the hidden flag bits");
	SIGEV_CLEAR_UPDATEABLE(&ev);
	tap_ok(!(ev.sigev_notify & SIGEV_FLAG_UPDATEABLE), "SIGEV_CLEAR_UPDATEABLE");
	tap_ok(SYSPAGE_ENTRY(qtime)->cycles_per_sec > 0 && ClockCycles() > 0,
	       "SYSPAGE_ENTRY(qtime)->cycles_per_sec = %llu, ClockCycles() runs",
	       (unsigned long long)SYSPAGE_ENTRY(qtime)->cycles_per_sec);
	return tap_done();
}
