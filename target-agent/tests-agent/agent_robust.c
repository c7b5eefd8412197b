/*
 * The agent under hostile or failing conditions: bad input, dead actors,
 * stuck calls, a vanished controller, termination signals. It must report,
 * clean up and never hang or crash.
 */
#include "run_agent.h"
#include "tap.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *const no_env[] = { NULL };

/* A zombie whose parent died waits for whatever reaps orphans: it is gone
 * as far as the agent is concerned (tests run on Linux, so /proc is there). */
static bool zombie(pid_t pid)
{
	char path[64], buf[256], *p;
	FILE *f;
	size_t n;
	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	f = fopen(path, "r");
	if (!f)
		return false;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && p[2] == 'Z';
}

static bool gone_within(pid_t pid, int ms)
{
	for (int waited = 0; waited <= ms; waited += 10) {
		if ((kill(pid, 0) == -1 && errno == ESRCH) || zombie(pid))
			return true;
		usleep(10000);
	}
	return false;
}

static void test_bad_input(void)
{
	struct agent a;
	char *input = malloc(4000);
	memset(input, 'x', 3000);
	strcpy(input + 3000, "\ninfo\n\x01\x02\xff garbage\nquit\ninfo\n");
	agent_run(&a, input, no_env, 10000);
	free(input);
	tap_ok(rec_find(&a, "\"type\":\"error\"", "line 1: line longer than 1024 bytes") != NULL,
	       "a 3000-byte line is one error naming line 1");
	tap_ok(rec_count(&a, "\"type\":\"info\"") == 1, "the line after it is read normally");
	tap_ok(rec_find(&a, "line 3: byte 0x01 at column 1 is not printable", NULL) != NULL,
	       "binary bytes are an error naming the line and column");
	tap_ok(a.n >= 1 && strstr(a.rec[a.n - 1], "\"type\":\"bye\"") &&
	       WIFEXITED(a.status) && WEXITSTATUS(a.status) == 0,
	       "quit ends the agent (the info after it is not answered)");
	agent_free(&a);
}

static void test_eof_mid_program(void)
{
	struct agent a;
	agent_run(&a, "scenario half\nactors one\nstep 0 one channel_create", no_env, 10000);
	tap_ok(a.n == 1 && strstr(a.rec[0], "\"type\":\"bye\"") && WIFEXITED(a.status) &&
	       WEXITSTATUS(a.status) == 0, "EOF in the middle of a program: bye, status 0, nothing run");
	agent_free(&a);
}

static void test_usage(void)
{
	static const char *const bad_env[] = { "QHIL_STEP_TIMEOUT_MS=abc", NULL };
	static const char *const bad_arg[] = { "--frobnicate", NULL };
	struct agent a;
	agent_start_args(&a, no_env, bad_arg);
	agent_finish(&a, 5000);
	tap_ok(WIFEXITED(a.status) && WEXITSTATUS(a.status) == 2 && a.n == 0,
	       "an unknown option is a usage error (status 2)");
	agent_free(&a);
	agent_run(&a, "info\n", bad_env, 5000);
	tap_ok(WIFEXITED(a.status) && WEXITSTATUS(a.status) == 2,
	       "a bad QHIL_STEP_TIMEOUT_MS is a usage error (status 2)");
	agent_free(&a);
}

static void test_output_gone(void)
{
	struct agent a;
	agent_start(&a, no_env);
	close(a.out_fd);
	a.out_fd = open("/dev/null", 0);
	agent_send(&a, "info\n");
	agent_finish(&a, 10000);
	tap_ok(WIFEXITED(a.status) && WEXITSTATUS(a.status) == 3,
	       "stdout closed by the controller: the agent exits with status 3");
	agent_free(&a);
}

static void test_idle_timeout(void)
{
	static const char *const args[] = { "--idle-timeout", "1", NULL };
	struct agent a;
	agent_start_args(&a, no_env, args);
	tap_ok(agent_wait_for(&a, "\"type\":\"bye\"", 5000) != NULL,
	       "--idle-timeout 1 ends a silent session with bye");
	agent_finish(&a, 5000);
	agent_free(&a);
}

static void test_sigterm_kills_actors(void)
{
	struct agent a;
	const char *begin;
	pid_t actor = 0;
	agent_start(&a, no_env);
	agent_send(&a, "scenario long.wait\nactors sleeper\n"
	               "step 0 sleeper wait_event timeout_ms=3000\nrun\n");
	begin = agent_wait_for(&a, "\"type\":\"begin\"", 5000);
	if (begin)
		actor = (pid_t)rec_int(begin, "sleeper", 0);
	usleep(100000);
	kill(a.pid, SIGTERM);
	agent_finish(&a, 5000);
	tap_ok(actor > 0 && WIFSIGNALED(a.status) && WTERMSIG(a.status) == SIGTERM,
	       "SIGTERM ends the agent during a run");
	tap_ok(actor > 0 && gone_within(actor, 1000), "and its actor process is gone");
	agent_free(&a);
}

/* No handler runs on SIGKILL: the actors must notice the closed pipes. */
static void test_sigkill_orphans_leave(void)
{
	struct agent a;
	const char *begin;
	pid_t busy = 0, idle = 0;
	agent_start(&a, no_env);
	agent_send(&a, "scenario orphans\nactors busy idle\n"
	               "step 0 busy wait_event timeout_ms=1500\nrun\n");
	begin = agent_wait_for(&a, "\"type\":\"begin\"", 5000);
	if (begin) {
		busy = (pid_t)rec_int(begin, "busy", 0);
		idle = (pid_t)rec_int(begin, "idle", 0);
	}
	usleep(100000);
	kill(a.pid, SIGKILL);
	agent_finish(&a, 5000);
	tap_ok(idle > 0 && gone_within(idle, 1000),
	       "after SIGKILL of the agent an idle actor leaves at once (EOF on its pipe)");
	tap_ok(busy > 0 && gone_within(busy, 4000),
	       "and a busy actor leaves when its bounded call returns");
	agent_free(&a);
}

static void test_actor_crash(void)
{
	static const char *const env[] = { "QNXSIM_FAULTS=crash=MsgReceive:1", NULL };
	struct agent a;
	const char *r;
	agent_run(&a, "scenario actor.crash\nactors server\n"
	              "step 0 server channel_create as=chid\n"
	              "step 1 server receive chid=$chid\n"
	              "step 2 server channel_create\n"
	              "run\n", env, 15000);
	r = rec_find(&a, "\"index\":1,", "\"type\":\"error\"");
	tap_ok(r && strstr(r, "actor server died (killed by signal 9)"),
	       "an actor killed in a call is an error naming it and the signal");
	r = rec_find(&a, "\"index\":2,", "\"type\":\"error\"");
	tap_ok(r && strstr(r, "died"), "later steps of the dead actor are errors");
	r = rec_find(&a, "\"type\":\"end\"", NULL);
	tap_ok(r && strstr(r, "\"status\":\"broken\"") && rec_int(r, "leftover", -1) == 0,
	       "end: broken, nothing left over");
	agent_free(&a);
}

static void test_kernel_bound(void)
{
	static const char *const env[] = { "QHIL_STEP_TIMEOUT_MS=500", NULL };
	struct agent a;
	const char *r;
	agent_run(&a, "scenario nobody.sends\nactors server\n"
	              "step 0 server channel_create as=chid\n"
	              "step 1 server receive chid=$chid as=rcvid\n"
	              "run\n", env, 10000);
	r = rec_find(&a, "\"index\":1,", "\"type\":\"step\"");
	tap_ok(r && rec_int(r, "ret", 0) == -1 && strstr(r, "\"errno\":\"ETIMEDOUT\"") &&
	       strstr(r, "\"bind\":{\"rcvid\":-1}"),
	       "a receive nobody answers ends at the kernel bound: -1 ETIMEDOUT, bound to -1");
	tap_ok(rec_find(&a, "\"type\":\"end\"", "\"status\":\"ok\"") != NULL,
	       "a kernel timeout is an observation, not a broken run");
	agent_free(&a);
}

static void test_stuck_actor(void)
{
	static const char *const env[] = {
		"QHIL_STEP_TIMEOUT_MS=500", "QNXSIM_FAULTS=delay-deliveries=3000", NULL };
	struct agent a;
	const char *r;
	agent_run(&a, "scenario stuck.call\nactors server\n"
	              "step 0 server event type=SIGEV_SIGNAL signo=SIGUSR1 as=ev\n"
	              "step 1 server deliver_event rcvid=0 event=ev\n"
	              "step 2 server channel_create\n"
	              "run\n", env, 15000);
	r = rec_find(&a, "\"index\":1,", "\"type\":\"error\"");
	tap_ok(r && strstr(r, "did not complete within the step timeout of 500 ms"),
	       "a call that outlives the step timeout is an error record");
	r = rec_find(&a, "\"index\":2,", "\"type\":\"error\"");
	tap_ok(r && strstr(r, "is stuck in step 1"), "later steps of the stuck actor are errors");
	r = rec_find(&a, "\"type\":\"end\"", NULL);
	tap_ok(r && strstr(r, "\"status\":\"broken\"") && rec_int(r, "leftover", -1) == 1,
	       "end: broken, the stuck actor killed at cleanup counts as leftover");
	agent_free(&a);
}

static void test_async_timeout(void)
{
	static const char *const env[] = {
		"QHIL_STEP_TIMEOUT_MS=500", "QNXSIM_FAULTS=delay-deliveries=3000", NULL };
	struct agent a;
	const char *r;
	agent_run(&a, "scenario stuck.async\nactors server\n"
	              "step 0 server event type=SIGEV_SIGNAL signo=SIGUSR1 as=ev\n"
	              "step 1 server deliver_event async rcvid=0 event=ev\n"
	              "step 2 server channel_create\n"
	              "run\n", env, 15000);
	r = rec_find(&a, "\"index\":1,", "\"type\":\"error\"");
	tap_ok(r && strstr(r, "did not complete within the step timeout"),
	       "an async call that outlives the step timeout is an error record");
	r = rec_find(&a, "\"index\":2,", "\"type\":\"step\"");
	tap_ok(r && rec_int(r, "ret", -1) >= 0, "the actor still carries out its next step");
	tap_ok(rec_index(&a, "\"index\":2,") < rec_index(&a, "\"index\":1,"),
	       "the pending step's record comes last, at the latest at the end");
	tap_ok(rec_find(&a, "\"type\":\"end\"", "\"status\":\"broken\"") != NULL, "end: broken");
	agent_free(&a);
}

int main(void)
{
	test_bad_input();
	test_eof_mid_program();
	test_usage();
	test_output_gone();
	test_idle_timeout();
	test_sigterm_kills_actors();
	test_sigkill_orphans_leave();
	test_actor_crash();
	test_kernel_bound();
	test_stuck_actor();
	test_async_timeout();
	agent_cleanup_node();
	return tap_done();
}
