/*
 * Actor processes: fork with only their own pipe ends, reap with a bound,
 * kill what does not leave. Also the list the termination handler kills.
 */
#include "coordinator.h"

#include "actor.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Read by the signal handler; written only by the single-threaded coordinator. */
static volatile pid_t known_pids[ACTORS_MAX];

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

void actors_kill_all(void)
{
	for (unsigned i = 0; i < ACTORS_MAX; i++) {
		pid_t pid = known_pids[i];
		if (pid > 0) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			known_pids[i] = 0;
		}
	}
}

/* In the new actor: keep only its own pipe ends, stdio away from the records. */
static void child_setup(struct run *r, unsigned self, int cmd_rd, int res_wr)
{
	int devnull = open("/dev/null", O_RDONLY);
	for (unsigned j = 0; j < ACTORS_MAX; j++)
		known_pids[j] = 0;      /* the inherited handler must not kill siblings */
	for (unsigned j = 0; j < self; j++) {
		close(r->actors[j].cmd_fd);
		close(r->actors[j].res_fd);
	}
	if (devnull >= 0) {
		dup2(devnull, 0);
		close(devnull);
	}
	dup2(2, 1);   /* stdout carries records: nothing else may write there */
	(void)cmd_rd;
	(void)res_wr;
}

static int spawn_one(struct run *r, unsigned i, char *err, size_t cap)
{
	int cmd[2], res[2];
	pid_t pid;
	if (pipe(cmd) != 0) {
		snprintf(err, cap, "pipe: %s", strerror(errno));
		return -1;
	}
	if (pipe(res) != 0) {
		snprintf(err, cap, "pipe: %s", strerror(errno));
		close(cmd[0]);
		close(cmd[1]);
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(err, cap, "fork for actor %s: %s", r->prog->actors[i], strerror(errno));
		close(cmd[0]); close(cmd[1]); close(res[0]); close(res[1]);
		return -1;
	}
	if (pid == 0) {
		close(cmd[1]);
		close(res[0]);
		child_setup(r, i, cmd[0], res[1]);
		actor_main(r->prog->actors[i], cmd[0], res[1], r->cfg->kernel_timeout_ns);
	}
	close(cmd[0]);
	close(res[1]);
	fcntl(cmd[1], F_SETFD, FD_CLOEXEC);
	fcntl(res[0], F_SETFD, FD_CLOEXEC);
	r->actors[i].pid = pid;
	r->actors[i].cmd_fd = cmd[1];
	r->actors[i].res_fd = res[0];
	r->actors[i].state = ACTOR_LIVE;
	r->actors[i].why[0] = '\0';
	known_pids[i] = pid;
	return 0;
}

int actors_spawn(struct run *r, char *err, size_t cap)
{
	r->nactors = 0;
	for (unsigned i = 0; i < r->prog->nactors; i++) {
		if (spawn_one(r, i, err, cap) != 0)
			return -1;
		r->nactors++;
	}
	return 0;
}

static void describe_status(int status, char *out, size_t cap)
{
	if (WIFSIGNALED(status))
		snprintf(out, cap, "killed by signal %d", WTERMSIG(status));
	else if (WIFEXITED(status))
		snprintf(out, cap, "exited with status %d", WEXITSTATUS(status));
	else
		snprintf(out, cap, "ended");
}

/* Waits up to ms for pid to end; true with *status when it did. */
static bool reap_within(pid_t pid, long ms, int *status)
{
	for (long waited = 0;; waited += 5) {
		pid_t w = waitpid(pid, status, WNOHANG);
		if (w == pid || (w < 0 && errno == ECHILD))
			return true;
		if (waited >= ms)
			return false;
		sleep_ms(5);
	}
}

void actors_mark_dead(struct run *r, unsigned i, const char *what)
{
	struct actor_proc *a = &r->actors[i];
	int status = 0;
	char how[64] = "gone";
	if (a->state == ACTOR_DEAD)
		return;
	if (reap_within(a->pid, 200, &status)) {
		describe_status(status, how, sizeof how);
		if (WIFSIGNALED(status))
			r->reclaim = true;
	} else {
		kill(a->pid, SIGKILL);
		waitpid(a->pid, NULL, 0);
		snprintf(how, sizeof how, "stopped answering and was killed");
		r->reclaim = true;
	}
	known_pids[i] = 0;
	close(a->cmd_fd);
	close(a->res_fd);
	a->state = ACTOR_DEAD;
	snprintf(a->why, sizeof a->why, "died (%s) %s", how, what);
}

int actors_kill_now(struct run *r)
{
	int n = 0;
	for (unsigned i = 0; i < r->nactors; i++)
		if (r->actors[i].state != ACTOR_DEAD && kill(r->actors[i].pid, SIGKILL) == 0) {
			r->reclaim = true;
			n++;
		}
	return n;
}

int actors_shutdown(struct run *r)
{
	int killed = 0;
	int64_t until;
	for (unsigned i = 0; i < r->nactors; i++)
		if (r->actors[i].state != ACTOR_DEAD)
			close(r->actors[i].cmd_fd);         /* EOF: the actor leaves */
	until = monotonic_ns() + (int64_t)SHUTDOWN_GRACE_MS * 1000000;
	for (unsigned i = 0; i < r->nactors; i++) {
		struct actor_proc *a = &r->actors[i];
		int64_t left = until - monotonic_ns();
		int status = 0;
		if (a->state == ACTOR_DEAD)
			continue;
		if (!reap_within(a->pid, left > 0 ? (long)(left / 1000000) : 0, &status)) {
			kill(a->pid, SIGKILL);
			waitpid(a->pid, NULL, 0);
			killed++;
			r->reclaim = true;
		} else if (WIFSIGNALED(status)) {
			r->reclaim = true;
		}
		close(a->res_fd);
		a->state = ACTOR_DEAD;
		known_pids[i] = 0;
	}
	return killed;
}
