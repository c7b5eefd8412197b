#include "info.h"

#include "compat.h"
#include "framing.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/neutrino.h>
#include <sys/syspage.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PROBE_TIMEOUT_NS   2000000000u
#define PROBE_ACCEPTED     10
#define PROBE_REFUSED      11

static volatile pid_t probe_pid;     /* read by the termination handler */

void info_kill_probe(void)
{
	pid_t pid = probe_pid;
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
}

static void bound(int states)
{
	struct sigevent unblock;
	uint64_t t = PROBE_TIMEOUT_NS;
	SIGEV_UNBLOCK_INIT(&unblock);
	TimerTimeout(CLOCK_MONOTONIC, states, &unblock, &t, NULL);
}

/* Waits up to ms for pid; kills it when it is still there. Returns its status. */
static int reap(pid_t pid, long ms)
{
	int status = -1;
	struct timespec tick = { 0, 5000000L };
	for (long waited = 0; waited < ms; waited += 5) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return status;
		nanosleep(&tick, NULL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -1;
}

static void probe_client(pid_t server, int chid)
{
	sigset_t set;
	siginfo_t si;
	struct timespec ts = { 0, 500000000L };
	int coid;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	coid = ConnectAttach(QHIL_LOCAL_NODE, server, chid, _NTO_SIDE_CHANNEL, 0);
	if (coid == -1)
		exit(1);
	bound(_NTO_TIMEOUT_SEND | _NTO_TIMEOUT_REPLY);
	if (MsgSend(coid, "probe", 6, NULL, 0) == -1)
		exit(1);
	sigtimedwait(&set, &si, &ts);      /* takes the signal if it was accepted */
	exit(0);
}

/* The server side, in its own process: one unregistered SIGEV_SIGNAL. */
static int probe_server(void)
{
	char buf[16];
	struct sigevent ev;
	qhil_rcvid_t rcvid;
	pid_t client;
	int rc, chid = ChannelCreate(0);
	if (chid == -1)
		return 20;
	client = fork();
	if (client < 0)
		return 21;
	if (client == 0)
		probe_client(getppid(), chid);
	bound(_NTO_TIMEOUT_RECEIVE);
	rcvid = MsgReceive(chid, buf, sizeof buf, NULL);
	if (rcvid <= 0) {
		reap(client, 0);
		return 22;
	}
	MsgReply(rcvid, 0, NULL, 0);
	SIGEV_SIGNAL_INIT(&ev, SIGUSR1);
	rc = MsgDeliverEvent(rcvid, &ev);
	reap(client, 1000);
	return rc == -1 ? PROBE_REFUSED : PROBE_ACCEPTED;
}

int info_probe_unregistered(void)
{
	static int cached = -2;
	pid_t pid;
	int status;
	if (cached != -2)
		return cached;
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(2, 1);     /* nothing but records may reach stdout */
		exit(probe_server());
	}
	probe_pid = pid;
	status = reap(pid, 5000);
	probe_pid = 0;
	if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == PROBE_ACCEPTED)
		cached = 1;
	else if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == PROBE_REFUSED)
		cached = 0;
	else
		cached = -1;
	if (cached < 0)
		fprintf(stderr, "qnx-hil-agent: the unregistered-event probe failed "
		        "(status %d); reporting procnto_unregistered false\n", status);
	return cached;
}

static const char *release(const struct utsname *u)
{
#ifdef __QNXSIM__
	(void)u;
	return _NTO_VERSION >= 800 ? "8.0.0" : "7.1.0";
#else
	return u->release;
#endif
}

static const char *arch(const struct utsname *u)
{
#if defined(__aarch64__)
	(void)u;
	return "aarch64le";
#elif defined(__x86_64__)
	(void)u;
	return "x86_64";
#else
	return u->machine;
#endif
}

void info_emit(void)
{
	static struct json j;
	struct utsname u;
	char host[256];
	memset(&u, 0, sizeof u);
	uname(&u);
	if (gethostname(host, sizeof host) != 0)
		snprintf(host, sizeof host, "%s", u.nodename);
	host[sizeof host - 1] = '\0';
	json_begin(&j);
	json_str(&j, "type", "info");
#ifdef __QNXSIM__
	json_str(&j, "os", "qnxsim");
#else
	json_str(&j, "os", "QNX");
#endif
	json_str(&j, "release", release(&u));
	json_str(&j, "profile", _NTO_VERSION >= 800 ? "nto800" : "nto710");
	json_str(&j, "arch", arch(&u));
	json_str(&j, "hostname", host);
	json_str(&j, "agent_version", QHIL_AGENT_VERSION);
	json_str(&j, "build_hash", QHIL_BUILD_HASH);
	json_uint(&j, "clock_hz", SYSPAGE_ENTRY(qtime)->cycles_per_sec);
	json_bool(&j, "procnto_unregistered", info_probe_unregistered() == 1);
	json_int(&j, "pid", (int64_t)getpid());
	json_int(&j, "uid", (int64_t)geteuid());
	json_end(&j);
	record_emit(&j);
}
