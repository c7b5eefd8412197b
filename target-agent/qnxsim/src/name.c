/*
 * qnxsim: the name service.  name_attach() publishes a channel under a name
 * in the node (one namespace: /dev/name/local and /dev/name/global are not
 * told apart); name_open() connects to it and, like QNX, sends the server an
 * _IO_CONNECT message that the server must reply to.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/dispatch.h>
#include <sys/iomsg.h>
#include "state.h"

/* The process's live attachments, like a dispatch layer would hold them; a
 * server that exits without name_detach() still has them referenced. */
struct attachment {
	name_attach_t           pub;
	struct attachment      *next;
};
static struct attachment *attachments;
static pthread_mutex_t attachments_lock = PTHREAD_MUTEX_INITIALIZER;

static int name_find(const char *name)
{
	for (int i = 0; i < QS_MAX_NAMES; i++) {
		struct qs_name *n = &qs_node->names[i];

		if (n->in_use && strcmp(n->name, name) == 0 && qs_proc_alive(n->owner) &&
		    n->in_use)
			return i;
	}
	return -1;
}

static int name_publish(const char *path, int chid)
{
	int err, i, ch;

	if ((err = qs_begin("name_attach")) != 0)
		return err;
	ch = qs_chan_lookup(qs_self(), chid);
	for (i = 0; i < QS_MAX_NAMES && qs_node->names[i].in_use; i++)
		;
	if (ch < 0)
		err = EINVAL;
	else if (name_find(path) >= 0)
		err = EEXIST;
	else if (i == QS_MAX_NAMES)
		err = EAGAIN;
	else {
		struct qs_name *n = &qs_node->names[i];
		n->owner = qs_self();
		n->chan = ch;
		n->chid = chid;
		strcpy(n->name, path);
		n->in_use = 1;
	}
	qs_leave();
	return err;
}

name_attach_t *name_attach(dispatch_t *dpp, const char *path, unsigned flags)
{
	struct attachment *a;
	int chid, err;

	(void)flags;
	if (path == NULL || path[0] == 0 || strlen(path) >= QS_NAME_MAX) {
		errno = path == NULL || path[0] == 0 ? EINVAL : ENAMETOOLONG;
		return NULL;
	}
	chid = ChannelCreate(_NTO_CHF_DISCONNECT | _NTO_CHF_COID_DISCONNECT);
	if (chid < 0)
		return NULL;
	if ((err = name_publish(path, chid)) != 0 || (a = calloc(1, sizeof *a)) == NULL) {
		ChannelDestroy(chid);
		errno = err != 0 ? err : ENOMEM;
		return NULL;
	}
	a->pub.dpp = dpp;
	a->pub.chid = chid;
	pthread_mutex_lock(&attachments_lock);
	a->next = attachments;
	attachments = a;
	pthread_mutex_unlock(&attachments_lock);
	return &a->pub;
}

static struct attachment *attachment_unlink(name_attach_t *pub)
{
	struct attachment **pp, *a = NULL;

	pthread_mutex_lock(&attachments_lock);
	for (pp = &attachments; *pp != NULL; pp = &(*pp)->next) {
		if (&(*pp)->pub == pub) {
			a = *pp;
			*pp = a->next;
			break;
		}
	}
	pthread_mutex_unlock(&attachments_lock);
	return a;
}

int name_detach(name_attach_t *attach, unsigned flags)
{
	struct attachment *a;

	(void)flags;
	if (attach == NULL || (a = attachment_unlink(attach)) == NULL) {
		errno = EINVAL;
		return -1;
	}
	/* Destroying the channel also removes the names published on it. */
	ChannelDestroy(attach->chid);
	free(a);
	return 0;
}

static int name_resolve(const char *name, pid_t *pid, int *chid)
{
	int err, i;

	if ((err = qs_begin("name_open")) != 0)
		return err;
	if ((i = name_find(name)) >= 0) {
		*pid = qs_node->procs[qs_node->names[i].owner].id.pid;
		*chid = qs_node->names[i].chid;
	}
	qs_leave();
	return i >= 0 ? 0 : ENOENT;
}

int name_open(const char *name, int flags)
{
	struct {
		struct _io_connect hdr;
		char path[QS_NAME_MAX];
	} msg;
	pid_t pid;
	int chid, coid, err;

	(void)flags;
	if (name == NULL || strlen(name) >= QS_NAME_MAX) {
		errno = name == NULL ? EINVAL : ENAMETOOLONG;
		return -1;
	}
	if ((err = name_resolve(name, &pid, &chid)) != 0) {
		errno = err;
		return -1;
	}
	if ((coid = ConnectAttach(ND_LOCAL_NODE, pid, chid, 0, _NTO_COF_CLOEXEC)) < 0)
		return -1;
	memset(&msg, 0, sizeof msg);
	msg.hdr.type = _IO_CONNECT;
	msg.hdr.subtype = _IO_CONNECT_OPEN;
	msg.hdr.path_len = (uint16_t)(strlen(name) + 1);
	strcpy(msg.path, name);
	if (MsgSend(coid, &msg, sizeof msg.hdr + msg.hdr.path_len, NULL, 0) < 0) {
		err = errno;
		ConnectDetach(coid);
		errno = err;
		return -1;
	}
	return coid;
}

int name_close(int coid)
{
	return ConnectDetach(coid);
}
