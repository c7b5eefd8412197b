/*
 * qnxsim: procmgr_ability() and the ability checks the kernel calls make.
 * Root holds every ability unless denied; a non-root process holds only the
 * unprivileged ones listed in nonroot_default() unless allowed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <unistd.h>
#include <qnxsim/qnxsim.h>
#include "state.h"

#define AB_MAX  128

static int bit(const uint64_t *set, unsigned id)
{
	return (int)((set[id / 64] >> (id % 64)) & 1u);
}

static void set_bit(uint64_t *set, unsigned id, int on)
{
	if (on)
		set[id / 64] |= 1ull << (id % 64);
	else
		set[id / 64] &= ~(1ull << (id % 64));
}

static int nonroot_default(unsigned id)
{
	switch (id) {
	case PROCMGR_AID_SPAWN:
	case PROCMGR_AID_FORK:
	case PROCMGR_AID_PROT_EXEC:
	case PROCMGR_AID_PUBLIC_CHANNEL:
#if _NTO_VERSION >= 800
	case PROCMGR_AID_CHANNEL_CONNECT:
#endif
		return 1;
	default:
		return 0;
	}
}

int qs_has_ability(int p, unsigned id)
{
	struct qs_proc *pr = &qs_node->procs[p];
	int dom;

	qs_proc_creds(p);
	dom = pr->euid == 0 ? 0 : 1;
	if (id >= AB_MAX)
		return dom == 0;
	if (bit(pr->ab_deny[dom], id))
		return 0;
	if (bit(pr->ab_allow[dom], id))
		return 1;
	return dom == 0 || nonroot_default(id);
}

/* One entry of the list: 0 or a positive errno. */
static int apply(struct qs_proc *pr, unsigned entry)
{
	unsigned id = entry & PROCMGR_AID_MASK, op = entry & QNXSIM_AOP_MASK;
	unsigned dn = entry & QNXSIM_ADN_MASK;
	int dom;

	if (id >= AB_MAX || (dn & ~(unsigned)(PROCMGR_ADN_ROOT | PROCMGR_ADN_NONROOT)))
		return EINVAL;
	for (dom = 0; dom < 2; dom++) {
		if (!(dn & (dom == 0 ? PROCMGR_ADN_ROOT : PROCMGR_ADN_NONROOT)))
			continue;
		if (bit(pr->ab_lock[dom], id) && (op & (PROCMGR_AOP_DENY | PROCMGR_AOP_ALLOW)))
			return EPERM;
		/* Granting an ability one does not hold takes root. */
		if ((op & PROCMGR_AOP_ALLOW) && pr->euid != 0)
			return EPERM;
		if (op & PROCMGR_AOP_DENY) {
			set_bit(pr->ab_deny[dom], id, 1);
			set_bit(pr->ab_allow[dom], id, 0);
		}
		if (op & PROCMGR_AOP_ALLOW) {
			set_bit(pr->ab_allow[dom], id, 1);
			set_bit(pr->ab_deny[dom], id, 0);
		}
		if (op & PROCMGR_AOP_LOCK)
			set_bit(pr->ab_lock[dom], id, 1);
	}
	return 0;
}

/* Returns EOK or an errno value (not -1), as QNX's procmgr_ability() does. */
int procmgr_ability(pid_t pid, unsigned ability, ...)
{
	va_list ap;
	int err, p;
	unsigned entry = ability;

	if ((err = qs_begin("procmgr_ability")) != 0)
		return err;
	p = pid == 0 || pid == getpid() ? qs_self() : qs_proc_by_pid(pid);
	qs_proc_creds(qs_self());
	if (p >= 0)
		qs_proc_creds(p);
	if (p < 0)
		err = ESRCH;
	else if (p != qs_self() && qs_node->procs[qs_self()].euid != 0)
		err = EPERM;
	va_start(ap, ability);
	while (err == 0 && entry != PROCMGR_AID_EOL) {
		err = apply(&qs_node->procs[p], entry);
		entry = va_arg(ap, unsigned);
	}
	va_end(ap);
	qs_leave();
	return err;
}
