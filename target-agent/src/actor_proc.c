/*
 * Who an actor is and what it may do (set_uid, procmgr_ability), what it can
 * learn about its peers (client_info, server_info), and ending processes on
 * purpose (kill, exit).
 */
#include "actor.h"

#include "compat.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/neutrino.h>
#include <sys/procmgr.h>
#include <unistd.h>

#define TIMED(r, expr) do { \
		int64_t t0_ = monotonic_ns(); \
		long long ret_; \
		errno = 0; \
		ret_ = (long long)(expr); \
		(r)->elapsed_ns = monotonic_ns() - t0_; \
		result_done((r), ret_, ret_ == -1 ? errno : 0); \
	} while (0)

void actor_remember_rcvid(struct actor *a, int64_t rcvid, int scoid)
{
	pthread_mutex_lock(&a->rcv_lock);
	a->rcv[a->rcv_next % ACTOR_RCVIDS].rcvid = rcvid;
	a->rcv[a->rcv_next % ACTOR_RCVIDS].scoid = scoid;
	a->rcv_next++;
	pthread_mutex_unlock(&a->rcv_lock);
}

static bool scoid_of(struct actor *a, int64_t rcvid, int *scoid)
{
	bool found = false;
	pthread_mutex_lock(&a->rcv_lock);
	for (unsigned i = 0; i < ACTOR_RCVIDS && !found; i++)
		if (a->rcv[i].rcvid == rcvid && rcvid > 0) {
			*scoid = a->rcv[i].scoid;
			found = true;
		}
	pthread_mutex_unlock(&a->rcv_lock);
	return found;
}

static void op_client_info(struct actor *a, const struct wire_cmd *c, struct wire_result *r)
{
	struct _client_info info;
	int scoid = (int)wire_num(c, K_SCOID, 0);
	if (wire_has(c, K_RCVID) == wire_has(c, K_SCOID)) {
		result_broken(r, "client_info needs rcvid= or scoid= (one of them)");
		return;
	}
	if (wire_has(c, K_RCVID) && !scoid_of(a, wire_num(c, K_RCVID, 0), &scoid)) {
		result_broken(r, "actor %s received no message with rcvid %lld", a->name,
		              (long long)wire_num(c, K_RCVID, 0));
		return;
	}
	memset(&info, 0, sizeof info);
	TIMED(r, ConnectClientInfo(scoid, &info, 0));
	if (r->ret != -1)
		snprintf(r->detail, sizeof r->detail,
		         "{\"scoid\":%d,\"pid\":%ld,\"uid\":%ld,\"euid\":%ld,\"gid\":%ld,\"egid\":%ld}",
		         scoid, (long)info.pid, (long)info.cred.ruid, (long)info.cred.euid,
		         (long)info.cred.rgid, (long)info.cred.egid);
}

static void op_server_info(const struct wire_cmd *c, struct wire_result *r)
{
	struct _server_info info;
	memset(&info, 0, sizeof info);
	TIMED(r, ConnectServerInfo((pid_t)wire_num(c, K_PID, 0), (int)wire_num(c, K_COID, -1), &info));
	if (r->ret != -1)
		snprintf(r->detail, sizeof r->detail,
		         "{\"pid\":%ld,\"chid\":%d,\"scoid\":%d,\"coid\":%d,\"flags\":%d}",
		         (long)info.pid, (int)info.chid, (int)info.scoid, (int)info.coid,
		         (int)info.flags);
}

static void op_procmgr_ability(const struct wire_cmd *c, struct wire_result *r)
{
	unsigned domain = (unsigned)wire_num(c, K_DOMAIN, PROCMGR_ADN_ROOT | PROCMGR_ADN_NONROOT);
	unsigned action = (unsigned)wire_num(c, K_ACTION, 0);
	unsigned ability = (unsigned)wire_num(c, K_ABILITY, 0);
	int64_t t0 = monotonic_ns();
	int rc = procmgr_ability((pid_t)wire_num(c, K_PID, 0), domain | action | ability,
	                         PROCMGR_AID_EOL);
	r->elapsed_ns = monotonic_ns() - t0;
	result_done(r, rc, rc);         /* EOK or an errno value, never -1 */
}

static void op_set_uid(const struct wire_cmd *c, struct wire_result *r)
{
	int64_t t0 = monotonic_ns();
	int rc = 0;
	errno = 0;
	if (wire_has(c, K_GID))
		rc = setgid((gid_t)wire_num(c, K_GID, 0));
	if (rc == 0)
		rc = setuid((uid_t)wire_num(c, K_UID, 0));
	r->elapsed_ns = monotonic_ns() - t0;
	result_done(r, rc, rc == -1 ? errno : 0);
	if (rc == -1 && errno == EPERM && geteuid() != 0)
		snprintf(r->detail, sizeof r->detail,
		         "{\"skip\":\"needs root: the agent runs as uid %ld\"}", (long)geteuid());
}

static void op_kill(const struct wire_cmd *c, struct wire_result *r)
{
	TIMED(r, kill((pid_t)wire_num(c, K_TO, 0), (int)wire_num(c, K_SIGNO, SIGKILL)));
}

void op_proc(struct actor *a, const struct wire_cmd *c, struct wire_result *r)
{
	switch ((enum op_id)c->op) {
	case OP_CLIENT_INFO:     op_client_info(a, c, r); break;
	case OP_SERVER_INFO:     op_server_info(c, r); break;
	case OP_PROCMGR_ABILITY: op_procmgr_ability(c, r); break;
	case OP_SET_UID:         op_set_uid(c, r); break;
	case OP_KILL:            op_kill(c, r); break;
	case OP_EXIT:
		/* the result goes out first; actor.c leaves after sending it */
		r->leaving = 1;
		result_done(r, 0, 0);
		break;
	default:                 result_broken(r, "not a process op: %d", (int)c->op); break;
	}
}
