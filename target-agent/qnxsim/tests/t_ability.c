/*
 * procmgr_ability(): root holds every ability by default; DENY / ALLOW per
 * domain; LOCK freezes an ability; errors for a bad pid or entry.  The
 * ability checks of the kernel calls use this state (PROCMGR_AID_PRIORITY
 * for pulses here; SIGEV_THREAD in t_register / t_events).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <unistd.h>
#include <sys/neutrino.h>
#include <sys/procmgr.h>
#include "qtest.h"
#include "tap.h"

#define BOTH    (PROCMGR_ADN_ROOT | PROCMGR_ADN_NONROOT)

int main(void)
{
	int chid, coid;

	qt_isolate("ability");
	tap_plan(9);
	chid = ChannelCreate(0);
	coid = ConnectAttach(0, 0, chid, _NTO_SIDE_CHANNEL, 0);
	tap_ok(geteuid() == 0 ? MsgSendPulse(coid, 100, 1, 1) == 0 : 1,
	       "root holds PROCMGR_AID_PRIORITY by default (priority 100 pulse)");
	tap_ok(procmgr_ability(0, BOTH | PROCMGR_AOP_DENY | PROCMGR_AID_PRIORITY, PROCMGR_AID_EOL) == EOK,
	       "DENY returns EOK");
	TAP_CALL(MsgSendPulse(coid, 100, 1, 1), -1, EPERM, "after DENY: priority 100 pulse gets EPERM");
	tap_ok(procmgr_ability(0, BOTH | PROCMGR_AOP_ALLOW | PROCMGR_AOP_LOCK | PROCMGR_AID_PRIORITY,
			       PROCMGR_AID_EOL) == EOK, "ALLOW|LOCK returns EOK");
	TAP_CALL(MsgSendPulse(coid, 100, 1, 1), 0, 0, "after ALLOW: priority 100 pulse accepted");
	tap_ok(procmgr_ability(0, BOTH | PROCMGR_AOP_DENY | PROCMGR_AID_PRIORITY, PROCMGR_AID_EOL) == EPERM,
	       "a LOCKed ability cannot be changed: EPERM (returned, not -1)");
	tap_ok(procmgr_ability(999999, BOTH | PROCMGR_AOP_DENY | PROCMGR_AID_IO, PROCMGR_AID_EOL) == ESRCH,
	       "an unknown pid: ESRCH");
	tap_ok(procmgr_ability(0, 0x40000000u | PROCMGR_AOP_DENY | PROCMGR_AID_IO, PROCMGR_AID_EOL) == EINVAL,
	       "an unknown domain bit: EINVAL");
	tap_ok(procmgr_ability(0, BOTH | PROCMGR_AOP_DENY | PROCMGR_AID_IO,
			       BOTH | PROCMGR_AOP_DENY | PROCMGR_AID_INTERRUPT, PROCMGR_AID_EOL) == EOK,
	       "several entries up to PROCMGR_AID_EOL");
	return tap_done();
}
