/*
 * qnxsim: channels and connections -- ChannelCreate/Destroy,
 * ConnectAttach/Detach.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "state.h"

#if _NTO_VERSION >= 800
#define QS_CHF_VALID    0xf9ffu
#else
#define QS_CHF_VALID    0xfeffu
#endif

int ChannelCreate_r(unsigned flags)
{
	int err, self, i, chid;

	if ((err = qs_begin("ChannelCreate")) != 0)
		return -err;
	self = qs_self();
	if (flags & ~QS_CHF_VALID) {
		qs_leave();
		return -EINVAL;
	}
	for (i = 0; i < QS_MAX_CHANS && qs_node->chans[i].in_use; i++)
		;
	if (i == QS_MAX_CHANS) {
		qs_leave();
		return -EAGAIN;
	}
	struct qs_chan *ch = &qs_node->chans[i];
	ch->owner = self;
	ch->chid = chid = (int)qs_node->procs[self].next_chid++;
	ch->flags = flags;
	ch->phead = ch->pcount = 0;
	ch->in_use = 1;
	qs_leave();
	return chid;
}

int ChannelCreate(unsigned flags)
{
	int r = ChannelCreate_r(flags);

	return QS_RET_ERRNO(r);
}

int ChannelDestroy_r(int chid)
{
	int err, ch;

	if ((err = qs_begin("ChannelDestroy")) != 0)
		return -err;
	ch = qs_chan_lookup(qs_self(), chid);
	if (ch >= 0)
		qs_chan_destroy(ch);
	qs_leave();
	return ch >= 0 ? 0 : -EINVAL;
}

int ChannelDestroy(int chid)
{
	int r = ChannelDestroy_r(chid);

	return QS_RET_ERRNO(r);
}

/* Picks the coid: side channels above SYSMGR_COID; otherwise, like QNX, the
 * lowest file descriptor >= index, reserved with a real fd on /dev/null so
 * that a coid never aliases a file the process opens later. */
static int coid_pick(int self, unsigned index, int *fdp)
{
	*fdp = -1;
	if (index & _NTO_SIDE_CHANNEL) {
		int coid = QS_FIRST_SIDE_COID;

		while (qs_conn_lookup(self, coid) >= 0)
			coid++;
		return coid;
	}
	int null = open("/dev/null", O_RDONLY | O_CLOEXEC);

	if (null < 0)
		return -errno;
	int fd = fcntl(null, F_DUPFD_CLOEXEC, (int)index);
	int err = errno;

	close(null);
	if (fd < 0)
		return err == EINVAL ? -EINVAL : -EMFILE;
	*fdp = fd;
	return fd;
}

static int conn_alloc(void)
{
	int i, tomb = -1;

	for (i = 0; i < QS_MAX_CONNS; i++) {
		if (qs_node->conns[i].state == QS_CONN_FREE)
			return i;
		if (qs_node->conns[i].state == QS_CONN_DETACHED && tomb < 0)
			tomb = i;
	}
	return tomb;
}

/* Resolves the target channel: -ESRCH when it does not exist. */
static int attach_target(uint32_t nd, pid_t pid, int chid, int self, int *chan)
{
	int srv;

	*chan = -1;
	if (nd != ND_LOCAL_NODE)
		return -ESRCH;
	if (pid == SYSMGR_PID && chid == SYSMGR_CHID)
		return 0;               /* a connection to procnto */
	srv = pid == 0 || pid == getpid() ? self : qs_proc_by_pid(pid);
	if (srv < 0 || (*chan = qs_chan_lookup(srv, chid)) < 0)
		return -ESRCH;
	return 0;
}

int ConnectAttach_r(uint32_t nd, pid_t pid, int chid, unsigned index, int flags)
{
	int err, self, chan, c, coid, fd;

	if ((err = qs_begin("ConnectAttach")) != 0)
		return -err;
	self = qs_self();
	if ((err = attach_target(nd, pid, chid, self, &chan)) != 0 ||
	    (unsigned)flags & ~(unsigned)_NTO_COF_MASK) {
		qs_leave();
		return err != 0 ? err : -EINVAL;
	}
	if ((c = conn_alloc()) < 0) {
		qs_leave();
		return -EAGAIN;
	}
	if ((coid = coid_pick(self, index, &fd)) < 0) {
		qs_leave();
		return coid;
	}
	struct qs_conn *cn = &qs_node->conns[c];
	cn->gen = qs_next_gen(cn->gen);
	cn->owner = self;
	cn->coid = coid;
	cn->chan = chan;
	cn->chan_gen = chan >= 0 ? qs_node->chans[chan].gen : 0;
	cn->flags = (unsigned)flags & ~(unsigned)_NTO_COF_DEAD;
	cn->last_tid = 0;
	cn->srv_pid = chan >= 0 ? qs_node->procs[qs_node->chans[chan].owner].id.pid : SYSMGR_PID;
	cn->srv_chid = chid;
	cn->state = QS_CONN_LIVE;
	qs_leave();
	return coid;
}

int ConnectAttach(uint32_t nd, pid_t pid, int chid, unsigned index, int flags)
{
	int r = ConnectAttach_r(nd, pid, chid, index, flags);

	return QS_RET_ERRNO(r);
}

int ConnectDetach_r(int coid)
{
	int err, c;

	if ((err = qs_begin("ConnectDetach")) != 0)
		return -err;
	c = qs_conn_lookup(qs_self(), coid);
	if (c >= 0)
		qs_conn_detach(c);
	qs_leave();
	if (c < 0)
		return -EINVAL;
	if (!(coid & _NTO_SIDE_CHANNEL))
		close(coid);            /* the fd that reserved the coid number */
	return 0;
}

int ConnectDetach(int coid)
{
	int r = ConnectDetach_r(coid);

	return QS_RET_ERRNO(r);
}
