#include "lifecycle.h"

#include "actor.h"
#include "coordinator.h"
#include "info.h"
#include "latency.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/neutrino.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RECLAIM_BOUND_MS 1500

#define DEFERRED_MAX 64          /* command lines held while a run is in progress */

struct deferred_line {
	unsigned lineno;
	size_t   len;
	char     text[LINEREADER_LIMIT + 1];
};

static struct line_reader *reader;
static struct deferred_line deferred[DEFERRED_MAX];
static unsigned dq_head, dq_count;
static bool quit_queued;        /* a quit line arrived during a run */
static bool input_closed;       /* EOF seen after a queued quit */
static int wake[2] = { -1, -1 };
static volatile sig_atomic_t caught;
static long heartbeat_ms;
static int64_t heartbeat_deadline = -1;

static void on_terminate(int sig)
{
	int saved = errno;
	char b = 1;
	if (caught) {       /* a second signal while stopping: die now */
		signal(sig, SIG_DFL);
		raise(sig);
		_exit(128 + sig);
	}
	caught = sig;
	actors_kill_all();          /* at once, whatever the main loop is doing */
	latency_kill_all();
	info_kill_probe();
	if (wake[1] >= 0 && write(wake[1], &b, 1) < 0) {
		/* the pipe is full: a wake is pending anyway */
	}
	errno = saved;
}

static void set_nonblock_cloexec(int fd)
{
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
}

void lifecycle_init(struct line_reader *lr, long hb_ms)
{
	struct sigaction sa;
	reader = lr;
	if (pipe(wake) == 0) {
		set_nonblock_cloexec(wake[0]);
		set_nonblock_cloexec(wake[1]);
	}
	heartbeat_ms = hb_ms;
	lifecycle_beat();
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_terminate;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

int lifecycle_wake_fd(void) { return wake[0]; }
int lifecycle_in_fd(void) { return reader && !input_closed ? reader->fd : -1; }
struct line_reader *lifecycle_reader(void) { return reader; }
int lifecycle_signal(void) { return caught; }
long lifecycle_heartbeat_ms(void) { return heartbeat_ms; }
int64_t lifecycle_deadline_ns(void) { return heartbeat_deadline; }

void lifecycle_beat(void)
{
	heartbeat_deadline = heartbeat_ms > 0 ? monotonic_ns() + (int64_t)heartbeat_ms * 1000000 : -1;
}

bool lifecycle_heartbeat_line(const char *line, size_t n, char *err, size_t cap, bool *is_error)
{
	long ms = 0;
	size_t i = 9;
	*is_error = false;
	if (n < 9 || memcmp(line, "heartbeat", 9) != 0 || (n > 9 && line[9] != ' '))
		return false;
	while (i < n && line[i] == ' ')
		i++;
	if (i < n) {
		size_t digits = 0;
		for (; i < n && line[i] >= '0' && line[i] <= '9' && digits < 8; i++, digits++)
			ms = ms * 10 + (line[i] - '0');
		while (i < n && line[i] == ' ')
			i++;
		if (digits == 0 || i < n || ms > HEARTBEAT_MAX_MS) {
			snprintf(err, cap, "usage: heartbeat [<ms>] with ms 0..%ld", HEARTBEAT_MAX_MS);
			*is_error = true;
			lifecycle_beat();
			return true;
		}
		heartbeat_ms = ms;
	}
	lifecycle_beat();
	return true;
}

enum stop_reason lifecycle_check(void)
{
	char buf[16];
	while (wake[0] >= 0 && read(wake[0], buf, sizeof buf) > 0)
		;
	if (caught)
		return STOP_SIGNAL;
	if (heartbeat_deadline >= 0 && monotonic_ns() >= heartbeat_deadline)
		return STOP_HEARTBEAT;
	return STOP_NONE;
}

static bool is_quit(const char *line, size_t n)
{
	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\r'))
		n--;
	return n == 4 && memcmp(line, "quit", 4) == 0;
}

enum stop_reason lifecycle_input_during_run(unsigned *lineno)
{
	for (;;) {
		const char *line;
		size_t n;
		char err[160];
		bool bad;
		enum lr_status st = lr_next(reader, &line, &n, 1);
		if (st == LR_IDLE)
			return STOP_NONE;
		if (st == LR_EOF || st == LR_ERROR) {
			if (!quit_queued)
				return STOP_EOF;
			input_closed = true;    /* the run finishes, then the queued quit */
			return STOP_NONE;
		}
		(*lineno)++;
		lifecycle_beat();
		if (st == LR_TOO_LONG) {
			emit_error(-1, "line %u: line longer than the protocol allows", *lineno);
			continue;
		}
		if (lifecycle_heartbeat_line(line, n > 0 && line[n - 1] == '\r' ? n - 1 : n,
		                             err, sizeof err, &bad)) {
			if (bad)
				emit_error(-1, "line %u: %s", *lineno, err);
			continue;
		}
		if (dq_count == DEFERRED_MAX || n > LINEREADER_LIMIT) {
			emit_error(-1, "line %u: more than %d command lines arrived during a run: refused",
			           *lineno, DEFERRED_MAX);
			continue;
		}
		{
			struct deferred_line *d = &deferred[(dq_head + dq_count) % DEFERRED_MAX];
			d->lineno = *lineno;
			d->len = n;
			memcpy(d->text, line, n);
			d->text[n] = '\0';
			dq_count++;
			if (is_quit(line, n))
				quit_queued = true;
		}
	}
}

bool lifecycle_next_deferred(const char **line, size_t *n, unsigned *lineno)
{
	struct deferred_line *d;
	if (dq_count == 0)
		return false;
	d = &deferred[dq_head];
	dq_head = (dq_head + 1) % DEFERRED_MAX;
	dq_count--;
	*line = d->text;
	*n = d->len;
	*lineno = d->lineno;
	return true;
}

bool lifecycle_input_closed(void)
{
	return input_closed;
}

/* The reclaim process's progress pipe (-1: none): one byte per stage passed. */
static int reclaim_progress_fd = -1;

static void reclaim_mark(void)
{
	char b = 1;
	if (reclaim_progress_fd >= 0 && write(reclaim_progress_fd, &b, 1) < 0) {
		/* the coordinator stopped listening: nothing to tell */
	}
}

void lifecycle_reclaim(void)
{
#ifdef __QNXSIM__
	/* A process that attaches to the node reclaims what dead processes left
	 * there, and the last one out unlinks it: run one such process. It tells
	 * how far it got through a pipe, so a reclaim that overruns its bound
	 * says where it stopped. */
	static const char *const stage[] = {
		"before attaching to the node", "attached, before leaving", "leaving (exit handlers)",
	};
	int progress[2], status, reached = 0;
	int64_t until;
	pid_t pid;
	if (pipe(progress) != 0)
		progress[0] = progress[1] = -1;
	pid = fork();
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDWR);
		if (devnull >= 0) {
			dup2(devnull, 0);
			dup2(devnull, 1);
		}
		if (progress[0] >= 0)
			close(progress[0]);
		reclaim_progress_fd = progress[1];
		exit(lifecycle_reclaim_main());
	}
	if (progress[1] >= 0)
		close(progress[1]);
	if (pid < 0) {
		if (progress[0] >= 0)
			close(progress[0]);
		return;
	}
	if (progress[0] >= 0)
		fcntl(progress[0], F_SETFL, O_NONBLOCK);
	until = monotonic_ns() + (int64_t)RECLAIM_BOUND_MS * 1000000;
	for (;;) {
		struct timespec ts = { 0, 5000000 };
		char b[8];
		ssize_t n;
		while (progress[0] >= 0 && (n = read(progress[0], b, sizeof b)) > 0)
			reached += (int)n;
		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
		if (monotonic_ns() >= until) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			fprintf(stderr, "qnx-hil-agent: the node reclaim did not finish within %d ms (stopped %s)\n",
			        RECLAIM_BOUND_MS, stage[reached < 2 ? reached : 2]);
			break;
		}
		nanosleep(&ts, NULL);
	}
	if (progress[0] >= 0)
		close(progress[0]);
#endif
}

int lifecycle_reclaim_main(void)
{
	int chid = ChannelCreate(0);
	if (chid == -1)
		return 1;
	reclaim_mark();
	ChannelDestroy(chid);
	reclaim_mark();
	return 0;
}

_Noreturn void lifecycle_die_of_signal(void)
{
	int sig = caught ? caught : SIGTERM;
	sigset_t set;
	actors_kill_all();
	latency_kill_all();
	info_kill_probe();
	lifecycle_reclaim();
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	_exit(128 + sig);
}
