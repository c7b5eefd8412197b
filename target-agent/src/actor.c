#include "actor.h"

#include "symtab.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct async_job {
	struct actor   *a;
	struct wire_cmd cmd;
};

void actor_signal_set(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGUSR1);
	sigaddset(set, SIGUSR2);
	for (int s = SIGRTMIN; s <= SIGRTMAX; s++)
		sigaddset(set, s);
}

int64_t monotonic_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void result_done(struct wire_result *r, int64_t ret, int err)
{
	r->status = WIRE_DONE;
	r->ret = ret;
	r->err = err;
}

void result_broken(struct wire_result *r, const char *fmt, ...)
{
	va_list ap;
	r->status = WIRE_BROKEN;
	va_start(ap, fmt);
	vsnprintf(r->detail, sizeof r->detail, fmt, ap);
	va_end(ap);
}

int bound_next_call(const struct actor *a, int states, uint64_t ns)
{
	struct sigevent unblock;
	uint64_t t = ns < a->kernel_timeout_ns ? ns : a->kernel_timeout_ns;
	SIGEV_UNBLOCK_INIT(&unblock);
	return TimerTimeout(CLOCK_MONOTONIC, states, &unblock, &t, NULL);
}

/* The coordinator is gone when its pipe cannot take a result: leave. */
static void send_result(struct actor *a, struct wire_result *r)
{
	int rc;
	r->magic = WIRE_RES_MAGIC;
	pthread_mutex_lock(&a->write_lock);
	rc = wire_write_full(a->res_fd, r, sizeof *r);
	pthread_mutex_unlock(&a->write_lock);
	if (rc < 0)
		_exit(0);
}

static void run_step(struct actor *a, const struct wire_cmd *c)
{
	static struct wire_result zero;
	struct wire_result r = zero;
	r.index = c->index;
	actor_exec(a, c, &r);
	send_result(a, &r);
	if (r.leaving)
		exit((int)wire_num(c, K_STATUS, 0));    /* the exit op: leave as a program does */
}

static void *async_thread(void *arg)
{
	struct async_job *job = arg;
	struct actor *a = job->a;
	run_step(a, &job->cmd);
	free(job);
	pthread_mutex_lock(&a->async_lock);
	a->async_running--;
	pthread_cond_broadcast(&a->async_idle);
	pthread_mutex_unlock(&a->async_lock);
	return NULL;
}

static void start_async(struct actor *a, const struct wire_cmd *c)
{
	static struct wire_result zero;
	struct wire_result r = zero;
	struct async_job *job;
	pthread_t tid;
	pthread_attr_t attr;
	int rc;
	r.index = c->index;
	pthread_mutex_lock(&a->async_lock);
	if (a->async_running >= ACTOR_ASYNC_MAX) {
		pthread_mutex_unlock(&a->async_lock);
		result_broken(&r, "more than %d async steps running in actor %s",
		              ACTOR_ASYNC_MAX, a->name);
		send_result(a, &r);
		return;
	}
	a->async_running++;
	pthread_mutex_unlock(&a->async_lock);
	job = malloc(sizeof *job);
	rc = job ? 0 : ENOMEM;
	if (job) {
		job->a = a;
		job->cmd = *c;
		pthread_attr_init(&attr);
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		rc = pthread_create(&tid, &attr, async_thread, job);
		pthread_attr_destroy(&attr);
	}
	if (rc != 0) {
		free(job);
		pthread_mutex_lock(&a->async_lock);
		a->async_running--;
		pthread_mutex_unlock(&a->async_lock);
		result_broken(&r, "cannot start a helper thread: %s",
		              sym_errno_text(rc, (char[16]){0}, 16));
		send_result(a, &r);
	}
}

static void setup_signals(void)
{
	sigset_t set;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	/* Before any thread exists, so every helper inherits the mask. */
	actor_signal_set(&set);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
}

static void actor_init(struct actor *a, const char *name, int res_fd, uint64_t timeout_ns)
{
	pthread_condattr_t ca;
	a->name = name;
	a->res_fd = res_fd;
	a->kernel_timeout_ns = timeout_ns;
	a->async_running = 0;
	a->pid = getpid();
	events_init(&a->events);
	actor_mem_init(a);
	pthread_mutex_init(&a->rcv_lock, NULL);
	a->rcv_next = 0;
	memset(a->rcv, 0, sizeof a->rcv);
	pthread_mutex_init(&a->write_lock, NULL);
	pthread_mutex_init(&a->async_lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&a->async_idle, &ca);
	pthread_condattr_destroy(&ca);
}

_Noreturn void actor_main(const char *name, int cmd_fd, int res_fd,
                          uint64_t kernel_timeout_ns)
{
	static struct actor a;
	static struct wire_cmd c;
	char why[128];
	setup_signals();
	actor_init(&a, name, res_fd, kernel_timeout_ns);
	for (;;) {
		if (wire_read_full(cmd_fd, &c, sizeof c) != 1)
			exit(0);
		if (!wire_cmd_check(&c, why, sizeof why)) {
			fprintf(stderr, "qnx-hil-agent: actor %s: garbled command (%s), leaving\n",
			        name, why);
			exit(1);
		}
		if (c.async)
			start_async(&a, &c);
		else
			run_step(&a, &c);
	}
}

/* await: every async step of this actor has written its result. */
void actor_await(struct actor *a, struct wire_result *r)
{
	struct timespec until;
	int64_t deadline = monotonic_ns() + (int64_t)a->kernel_timeout_ns;
	int left;
	until.tv_sec = (time_t)(deadline / 1000000000);
	until.tv_nsec = (long)(deadline % 1000000000);
	pthread_mutex_lock(&a->async_lock);
	while (a->async_running > 0 &&
	       pthread_cond_timedwait(&a->async_idle, &a->async_lock, &until) != ETIMEDOUT)
		;
	left = a->async_running;
	pthread_mutex_unlock(&a->async_lock);
	if (left > 0)
		result_broken(r, "%d async steps of actor %s still running", left, a->name);
	else
		result_done(r, 0, 0);
}
