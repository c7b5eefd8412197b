/*
 * qnxsim: secure events -- MsgRegisterEvent, MsgUnregisterEvent -- and the
 * checks MsgDeliverEvent / MsgVerifyEvent make before delivering.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include "state.h"

#define EV_BASE(ev)     ((ev)->sigev_notify & 0x7f)

/* Who may deliver an event registered with coid; -EINVAL for a bad coid. */
static int reg_permission(int self, int coid, struct qs_reg *r)
{
	int c, srv;

	memset(&r->perm_id, 0, sizeof r->perm_id);
	if (coid == _NTO_REGEVENT_ALLOW_ANY_SERVER) {
		r->perm = QS_PERM_ANY;
		return 0;
	}
#if _NTO_VERSION >= 800
	if (coid == _NTO_REGEVENT_ALLOW_SELF) {
		r->perm = QS_PERM_PROC;
		r->perm_id = qs_node->procs[self].id;
		return 0;
	}
#endif
	if (coid == SYSMGR_COID) {
		r->perm = QS_PERM_PROCNTO;
		return 0;
	}
	if ((c = qs_conn_lookup(self, coid)) < 0) {
		/*
		 * "The coid argument can contain any type of connection ID, including a side channel
		 * ID, message queue descriptor, socket descriptor, or file descriptor." Every open file
		 * descriptor of the caller is a connection on QNX; behind a Linux fd (a file, socket,
		 * pipe, shared-memory object) stands no qnxsim user server, so only the process manager
		 * side -- no user process -- may deliver the event.
		 */
		if (coid < 0 || (coid & _NTO_SIDE_CHANNEL) || fcntl(coid, F_GETFD) == -1)
			return -EINVAL;
		r->perm = QS_PERM_PROCNTO;
		return 0;
	}
	if (qs_node->conns[c].chan < 0) {
		r->perm = QS_PERM_PROCNTO;
		return 0;
	}
	if ((srv = qs_proc_by_pid(qs_node->conns[c].srv_pid)) < 0)
		return -EINVAL;
	r->perm = QS_PERM_PROC;
	r->perm_id = qs_node->procs[srv].id;
	return 0;
}

static int reg_slot(int self, unsigned *handle)
{
	for (int i = 0; i < QS_MAX_EVENTS; i++) {
		if (qs_node->regs[i].in_use)
			continue;
		do {
			qs_node->handle_seq = (qs_node->handle_seq + 1) & 0x3fffff;
			*handle = qs_node->handle_seq << 10 | (unsigned)i;
		} while (*handle == 0 || *handle == SIGEV_INVALID_HANDLE);
		qs_node->regs[i].owner = self;
		return i;
	}
	return -1;
}

static int register_locked(struct sigevent *ev, int coid)
{
	int self = qs_self(), i, err;
	unsigned handle;
	struct qs_reg tmp;

	if (ev->sigev_notify & SIGEV_FLAG_HANDLE)
		return EINVAL;          /* already a registered event */
	if (EV_BASE(ev) > 9)
		return EINVAL;
	if ((err = reg_permission(self, coid, &tmp)) != 0)
		return -err;
	if (EV_BASE(ev) == (SIGEV_THREAD & 0x7f) &&
	    !qs_has_ability(self, PROCMGR_AID_SIGEV_THREAD))
		return EPERM;
	if (qs_node->procs[self].nevents >= qs_reg_limit())
		return EAGAIN;
	if ((i = reg_slot(self, &handle)) < 0)
		return ENOMEM;
	struct qs_reg *r = &qs_node->regs[i];
	r->perm = tmp.perm;
	r->perm_id = tmp.perm_id;
	r->ev = *ev;
	r->handle = handle;
	r->in_use = 1;
	qs_node->procs[self].nevents++;
	ev->sigev_notify |= SIGEV_FLAG_HANDLE;
	ev->sigev_handle = handle;
	return EOK;
}

/* Returns EOK or a positive errno, as the MsgRegisterEvent page says. */
int MsgRegisterEvent_r(struct sigevent *event, int coid)
{
	int err;

	if ((err = qs_begin("MsgRegisterEvent")) != 0)
		return err;
	err = event == NULL ? EFAULT : register_locked(event, coid);
	qs_leave();
	return err;
}

int MsgRegisterEvent(struct sigevent *event, int coid)
{
	int r = MsgRegisterEvent_r(event, coid);

	return r == EOK ? EOK : (errno = r, -1);
}

static int reg_find(int owner, unsigned handle)
{
	int i = (int)(handle & 0x3ff);
	struct qs_reg *r = &qs_node->regs[i];

	if (i < QS_MAX_EVENTS && r->in_use && r->handle == handle && r->owner == owner)
		return i;
	return -1;
}

int MsgUnregisterEvent_r(const struct sigevent *event)
{
	int err, i = -1, self;

	if ((err = qs_begin("MsgUnregisterEvent")) != 0)
		return err;
	self = qs_self();
	if (event == NULL)
		err = EFAULT;
	else if (!(event->sigev_notify & SIGEV_FLAG_HANDLE))
		err = EINVAL;
	else if ((i = reg_find(self, event->sigev_handle)) < 0)
		err = ESRCH;
	if (err == 0) {
		qs_node->regs[i].in_use = 0;
		qs_node->procs[self].nevents--;
	}
	qs_leave();
	return err;
}

int MsgUnregisterEvent(const struct sigevent *event)
{
	int r = MsgUnregisterEvent_r(event);

	return r == EOK ? EOK : (errno = r, -1);
}
