/*
 * qnxsim: fault injection and run-time switches, read from the environment
 * once per process.
 *
 *   QNXSIM_FAULTS   comma-separated list:
 *     deliver-unpermitted    MsgDeliverEvent skips the permitted-server check
 *     ignore-updateable      always deliver the registered value and code
 *     drop-deliveries        MsgDeliverEvent succeeds but delivers nothing
 *     delay-deliveries=MS    MsgDeliverEvent sleeps MS ms before delivering
 *     fail=CALL:N:ERRNO      the Nth call (1-based) of CALL fails with ERRNO
 *     crash=CALL:N           the process dies (SIGKILL) at the Nth call of CALL
 *   QNXSIM_PROCNTO_U=1      emulate procnto -U (accept unregistered events)
 *   QNXSIM_MAX_REG_EVENTS   per-process limit of registered events (EAGAIN)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "state.h"

#define MAX_RULES 16

struct call_rule {
	char            call[32];
	unsigned long   nth;
	int             err;            /* 0: crash */
	unsigned long   count;
};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int f_unpermitted, f_ignore_upd, f_drop, f_delay_ms;
static struct call_rule rules[MAX_RULES];
static int nrules;
static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;

static const struct { const char *name; int value; } errnames[] = {
	{ "EOK", 0 }, { "EPERM", EPERM }, { "ESRCH", ESRCH }, { "EINTR", EINTR },
	{ "EIO", EIO }, { "ENXIO", ENXIO }, { "EBADF", EBADF }, { "EAGAIN", EAGAIN },
	{ "ENOMEM", ENOMEM }, { "EACCES", EACCES }, { "EFAULT", EFAULT },
	{ "EBUSY", EBUSY }, { "EINVAL", EINVAL }, { "ENFILE", ENFILE },
	{ "EMFILE", EMFILE }, { "ENOSYS", ENOSYS }, { "ENOTSUP", ENOTSUP },
	{ "ETIMEDOUT", ETIMEDOUT }, { "ECANCELED", ECANCELED }, { "EMSGSIZE", EMSGSIZE },
	{ "ENOBUFS", ENOBUFS }, { "ESRVRFAULT", ESRVRFAULT },
};

static int errno_by_name(const char *s)
{
	char *end;
	long v;

	for (size_t i = 0; i < sizeof errnames / sizeof errnames[0]; i++)
		if (strcmp(s, errnames[i].name) == 0)
			return errnames[i].value;
	v = strtol(s, &end, 10);
	return *end == 0 && v > 0 && v < 4096 ? (int)v : -1;
}

/* "CALL:N[:ERRNO]" into a rule; malformed rules are ignored. */
static void parse_call_rule(char *spec, int crash)
{
	char *call = strtok(spec, ":"), *n = strtok(NULL, ":"), *e = strtok(NULL, ":");
	struct call_rule *r = &rules[nrules];

	if (nrules >= MAX_RULES || call == NULL || n == NULL || strlen(call) >= sizeof r->call)
		return;
	r->nth = strtoul(n, NULL, 10);
	r->err = crash ? 0 : e != NULL ? errno_by_name(e) : EIO;
	if (r->nth == 0 || r->err < 0)
		return;
	strcpy(r->call, call);
	nrules++;
}

static void parse_item(char *item)
{
	if (strcmp(item, "deliver-unpermitted") == 0)
		f_unpermitted = 1;
	else if (strcmp(item, "ignore-updateable") == 0)
		f_ignore_upd = 1;
	else if (strcmp(item, "drop-deliveries") == 0)
		f_drop = 1;
	else if (strncmp(item, "delay-deliveries=", 17) == 0)
		f_delay_ms = atoi(item + 17);
	else if (strncmp(item, "fail=", 5) == 0)
		parse_call_rule(item + 5, 0);
	else if (strncmp(item, "crash=", 6) == 0)
		parse_call_rule(item + 6, 1);
}

static void parse(void)
{
	const char *env = getenv("QNXSIM_FAULTS");
	char *copy, *save = NULL, *item;

	if (env == NULL || (copy = strdup(env)) == NULL)
		return;
	for (item = strtok_r(copy, ",", &save); item != NULL; item = strtok_r(NULL, ",", &save))
		parse_item(item);
	free(copy);
}

int qs_fault(const char *name)
{
	pthread_once(&once, parse);
	if (strcmp(name, "deliver-unpermitted") == 0)
		return f_unpermitted;
	if (strcmp(name, "ignore-updateable") == 0)
		return f_ignore_upd;
	if (strcmp(name, "drop-deliveries") == 0)
		return f_drop;
	if (strcmp(name, "delay-deliveries") == 0)
		return f_delay_ms;
	return 0;
}

int qs_fault_call(const char *call)
{
	int err = 0;

	pthread_once(&once, parse);
	if (nrules == 0)
		return 0;
	pthread_mutex_lock(&count_lock);
	for (int i = 0; i < nrules; i++) {
		struct call_rule *r = &rules[i];

		if (strcmp(r->call, call) != 0 || ++r->count != r->nth)
			continue;
		if (r->err == 0)
			kill(getpid(), SIGKILL);
		err = r->err;
	}
	pthread_mutex_unlock(&count_lock);
	return err;
}

int qs_procnto_u(void)
{
	const char *env = getenv("QNXSIM_PROCNTO_U");

	return env != NULL && strcmp(env, "1") == 0;
}

unsigned qs_reg_limit(void)
{
	const char *env = getenv("QNXSIM_MAX_REG_EVENTS");
	long v = env != NULL ? strtol(env, NULL, 10) : 0;

	return v > 0 && v < QS_MAX_EVENTS ? (unsigned)v : QS_MAX_EVENTS;
}
