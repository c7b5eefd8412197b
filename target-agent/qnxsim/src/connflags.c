/*
 * qnxsim: ConnectFlags, ConnectClientInfo, ConnectServerInfo.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include "state.h"

#if _NTO_VERSION >= 800
#define QS_COF_SETTABLE  (_NTO_COF_CLOEXEC)
#define QS_COF_REPORTED  (_NTO_COF_CLOEXEC | _NTO_COF_NOEVENT | _NTO_COF_REG_EVENTS)
#else
#define QS_COF_SETTABLE  (_NTO_COF_CLOEXEC | _NTO_COF_INSECURE | _NTO_COF_NOEVENT | \
			  _NTO_COF_NOSHARE | _NTO_COF_REG_EVENTS)
#define QS_COF_REPORTED  QS_COF_SETTABLE
#endif

/* The process whose connection table the call addresses; -errno on error. */
static int flags_target(pid_t pid, int self)
{
	if (pid == 0 || pid == getpid())
		return self;
#if _NTO_VERSION >= 800
	return -EINVAL;                 /* 8.0: only the caller's own connections */
#else
	int p;

	if ((p = qs_proc_by_pid(pid)) < 0)
		return -ESRCH;
	if (!qs_has_ability(self, PROCMGR_AID_XPROCESS_QUERY))
		return -EPERM;
	qs_proc_creds(p);
	qs_proc_creds(self);
	if (qs_node->procs[p].euid != qs_node->procs[self].euid &&
	    !qs_has_ability(self, PROCMGR_AID_CONNECTION))
		return -EPERM;
	return p;
#endif
}

static int check_mask(unsigned mask)
{
	if (mask & ~(unsigned)_NTO_COF_MASK)
		return -EINVAL;
#if _NTO_VERSION >= 800
	if (mask & ~(unsigned)QS_COF_SETTABLE)
		return -ENOTSUP;
#else
	if (mask & ~(unsigned)QS_COF_SETTABLE)
		return -EINVAL;
#endif
	return 0;
}

/* Applies mask/bits with the rules on who may clear what. */
static unsigned flags_apply(unsigned old, unsigned mask, unsigned bits, int by_client)
{
	unsigned nf = (old & ~mask) | (bits & mask);

#if _NTO_VERSION < 800
	if (old & _NTO_COF_INSECURE)
		nf |= _NTO_COF_INSECURE;        /* only the kernel clears it */
#endif
	if ((old & _NTO_COF_NOEVENT) && !by_client)
		nf |= _NTO_COF_NOEVENT;         /* only the client clears it */
	return nf;
}

static int flags_locked(pid_t pid, int coid, unsigned mask, unsigned bits)
{
	int self = qs_self(), p, c, err;
	unsigned *flags;

	if ((p = flags_target(pid, self)) < 0)
		return p;
	if (coid == SYSMGR_COID) {
		flags = &qs_node->procs[p].sysmgr_flags;
	} else {
		if ((c = qs_conn_lookup(p, coid)) < 0)
			return -EBADF;
		flags = &qs_node->conns[c].flags;
	}
	if ((err = check_mask(mask)) != 0)
		return err;
	unsigned old = *flags;
	*flags = flags_apply(old, mask, bits, p == self);
	return (int)(old & QS_COF_REPORTED);
}

int ConnectFlags_r(pid_t pid, int coid, unsigned mask, unsigned bits)
{
	int err;

	if ((err = qs_begin("ConnectFlags")) != 0)
		return -err;
	err = flags_locked(pid, coid, mask, bits);
	qs_leave();
	return err;
}

int ConnectFlags(pid_t pid, int coid, unsigned mask, unsigned bits)
{
	int r = ConnectFlags_r(pid, coid, mask, bits);

	return QS_RET_ERRNO(r);
}

static void fill_client(int p, struct _client_info *info, int ngroups)
{
	struct qs_proc *pr = &qs_node->procs[p];

	qs_proc_creds(p);
	memset(info, 0, sizeof *info);
	info->pid = pr->id.pid;
	info->sid = getsid(pr->id.pid);
	info->cred.ruid = pr->ruid;
	info->cred.euid = info->cred.suid = pr->euid;
	info->cred.rgid = pr->rgid;
	info->cred.egid = info->cred.sgid = pr->egid;
	(void)ngroups;
}

/* The scoid names a client connected to one of the caller's channels. */
int ConnectClientInfo_r(int scoid, struct _client_info *info, int ngroups)
{
	int err, self, p, found = 0;

	if ((err = qs_begin("ConnectClientInfo")) != 0)
		return -err;
	self = qs_self();
	p = scoid & ~_NTO_CONNECTION_SCOID;
	if ((scoid & _NTO_CONNECTION_SCOID) && p >= 0 && p < QS_MAX_PROCS && qs_proc_alive(p)) {
		for (int c = 0; c < QS_MAX_CONNS && !found; c++) {
			struct qs_conn *cn = &qs_node->conns[c];

			found = cn->state == QS_CONN_LIVE && cn->owner == p &&
				cn->srv_pid == qs_node->procs[self].id.pid;
		}
	}
	if (found && info != NULL)
		fill_client(p, info, ngroups);
	qs_leave();
	return !found ? -ESRCH : info == NULL ? -EFAULT : 0;
}

int ConnectClientInfo(int scoid, struct _client_info *info, int ngroups)
{
	int r = ConnectClientInfo_r(scoid, info, ngroups);

	return QS_RET_ERRNO(r);
}

/* Returns coid, or the next higher connection of the process when coid is
 * not one, with its information; -EINVAL when there is none. */
static int server_info_locked(int p, int coid, struct _server_info *info)
{
	int best = -1;

	for (int c = 0; c < QS_MAX_CONNS; c++) {
		struct qs_conn *cn = &qs_node->conns[c];

		if (cn->state == QS_CONN_LIVE && cn->owner == p && cn->coid >= coid &&
		    (best < 0 || cn->coid < qs_node->conns[best].coid))
			best = c;
	}
	if (best < 0)
		return -EINVAL;
	struct qs_conn *cn = &qs_node->conns[best];
	if (info != NULL) {
		memset(info, 0, sizeof *info);
		info->pid = cn->srv_pid;
		info->chid = cn->srv_chid;
		info->coid = cn->coid;
		info->scoid = qs_scoid_of(p);
		if (qs_conn_chan(best) < 0 && cn->chan >= 0)
			info->flags = _NTO_COF_DEAD;
	}
	return cn->coid;
}

int ConnectServerInfo_r(pid_t pid, int coid, struct _server_info *info)
{
	int err, p;

	if ((err = qs_begin("ConnectServerInfo")) != 0)
		return -err;
	p = pid == 0 || pid == getpid() ? qs_self() : qs_proc_by_pid(pid);
	err = p < 0 ? -ESRCH : server_info_locked(p, coid, info);
	qs_leave();
	return err;
}

int ConnectServerInfo(pid_t pid, int coid, struct _server_info *info)
{
	int r = ConnectServerInfo_r(pid, coid, info);

	return QS_RET_ERRNO(r);
}
