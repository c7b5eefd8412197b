/*
 * qnxsim node: the shared kernel state and the processes attached to it.
 *
 * Design.  The kernel objects of the simulated node (channels, connections,
 * messages in flight, registered events, names, shm handles) live in one POSIX
 * shared memory segment, named by $QNXSIM_NODE (default "/qnxsim-<uid>"), that
 * every process maps on its first kernel call.  A single robust,
 * process-shared mutex serialises the kernel calls, like procnto's kernel
 * lock; blocked calls wait on futexes in the segment with bounded slices.
 *
 * Why no broker process: a broker adds two context switches to every call
 * (the latency the project measures) and a process whose death would take the
 * node down.  With the state in the callers, a delivery is one lock, one table
 * lookup and one real signal or futex wake.  The price is that a process can
 * die holding the lock or owning objects: the robust mutex hands the lock on
 * (EOWNERDEAD), and objects of dead processes are reclaimed lazily, a process
 * being identified by pid + start time so that pid reuse is never mistaken
 * for the original process.  The segment is unlinked by the last attached
 * process that exits normally, so a clean run leaves nothing in /dev/shm.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "state.h"

struct qs_node *qs_node;
static char node_name[128];
static pid_t self_pid;          /* the pid self_idx was registered for */
static int self_idx = -1;
static int exit_hook_set;
static volatile int exiting;    /* exit() has begun in this process */

static void node_pick_name(void)
{
	const char *env = getenv("QNXSIM_NODE");

	if (env != NULL && env[0] == '/' && strlen(env) < sizeof node_name)
		snprintf(node_name, sizeof node_name, "%s", env);
	else
		snprintf(node_name, sizeof node_name, "/qnxsim-%u", (unsigned)getuid());
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int node_init_fresh(int fd)
{
	pthread_mutexattr_t ma;

	if (ftruncate(fd, (off_t)sizeof(struct qs_node)) != 0)
		return errno;
	qs_node = mmap(NULL, sizeof *qs_node, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (qs_node == MAP_FAILED) {
		qs_node = NULL;
		return errno;
	}
	pthread_mutexattr_init(&ma);
	pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
	pthread_mutexattr_setrobust(&ma, PTHREAD_MUTEX_ROBUST);
	/* A kernel call from a signal handler that interrupted one fails with
	 * EDEADLK instead of hanging the thread. */
	pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&qs_node->lock, &ma);
	pthread_mutexattr_destroy(&ma);
	qs_node->magic = QS_MAGIC;
	qs_node->version = QS_VERSION;
	snprintf(qs_node->abi, sizeof qs_node->abi, "%s", QS_ABI);
	__atomic_store_n(&qs_node->ready, 1, __ATOMIC_RELEASE);
	return 0;
}

/* A node of another qnxsim build (version, C library or architecture):
 * said once on stderr, since the calls can only answer ENOTSUP. */
static void abi_mismatch(void)
{
	static int said;
	char abi[QS_ABI_MAX + 1];

	if (said++)
		return;
	memcpy(abi, qs_node->abi, QS_ABI_MAX);
	abi[QS_ABI_MAX] = 0;
	for (char *c = abi; *c; c++)
		if (*c < 0x20 || *c > 0x7e)
			*c = '?';
	fprintf(stderr, "qnxsim: node %s belongs to another build (version %u, %s); "
	        "this process is version %u, %s: ENOTSUP\n", node_name,
	        (unsigned)qs_node->version, abi[0] ? abi : "no C library tag",
	        QS_VERSION, QS_ABI);
}

/* Maps an existing segment.  A segment still empty after a second, or ours
 * in size but never marked ready, is a creator that died half-way (stale:
 * EAGAIN, replaced).  Anything else that is not our node -- another qnxsim
 * build, or an unrelated object of that name -- is never touched: ENOTSUP. */
static int node_map_existing(int fd)
{
	struct stat st;
	int i;

	for (i = 0; i < 100; i++) {
		if (fstat(fd, &st) != 0)
			return errno;
		if (st.st_size != 0)
			break;
		sleep_ms(10);
	}
	if (st.st_size == 0)
		return EAGAIN;
	if ((size_t)st.st_size != sizeof(struct qs_node)) {
		fprintf(stderr, "qnxsim: node %s is %lld bytes, this build (%s) expects %zu: "
		        "another qnxsim build or not a node: ENOTSUP\n", node_name,
		        (long long)st.st_size, QS_ABI, sizeof(struct qs_node));
		return ENOTSUP;
	}
	qs_node = mmap(NULL, sizeof *qs_node, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (qs_node == MAP_FAILED) {
		qs_node = NULL;
		return errno;
	}
	for (i = 0; i < 100 && !__atomic_load_n(&qs_node->ready, __ATOMIC_ACQUIRE); i++)
		sleep_ms(10);
	if (qs_node->ready && qs_node->magic == QS_MAGIC && qs_node->version == QS_VERSION &&
	    strncmp(qs_node->abi, QS_ABI, sizeof qs_node->abi) == 0)
		return 0;
	if (qs_node->ready && qs_node->magic == QS_MAGIC)
		abi_mismatch();
	i = qs_node->ready ? ENOTSUP : EAGAIN;
	munmap(qs_node, sizeof *qs_node);
	qs_node = NULL;
	return i;
}

static int node_open_once(void)
{
	int fd = shm_open(node_name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	int err;

	if (fd >= 0) {
		err = node_init_fresh(fd);
		close(fd);
		return err;
	}
	if (errno != EEXIST)
		return errno;
	fd = shm_open(node_name, O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno == ENOENT ? EAGAIN : errno;
	err = node_map_existing(fd);
	close(fd);
	if (err == EAGAIN)
		shm_unlink(node_name);  /* stale: start a fresh node */
	return err;
}

/* Wakes queued under the lock are issued after it is released, so a woken
 * waiter on this CPU does not immediately block on the lock we still hold. */
static void node_unlock(void)
{
	pthread_mutex_unlock(&qs_node->lock);
	qs_wake_flush();
}

static int node_lock(void)
{
	int r = pthread_mutex_lock(&qs_node->lock);

	if (r == EOWNERDEAD) {
		/* A process died inside a kernel call: take over, then sweep. */
		pthread_mutex_consistent(&qs_node->lock);
		for (int p = 0; p < QS_MAX_PROCS; p++)
			if (qs_node->procs[p].in_use)
				qs_proc_alive(p);
		r = 0;
	}
	return r;
}

/* Maps the node and takes its lock, retrying when we raced with its unlink. */
static int node_attach_locked(void)
{
	int err, tries;

	for (tries = 0; tries < 50; tries++) {
		if (qs_node == NULL) {
			if (node_name[0] == 0)
				node_pick_name();
			err = node_open_once();
			if (err == EAGAIN)
				continue;
			if (err != 0)
				return err;
		}
		if ((err = node_lock()) != 0)
			return err;
		if (!qs_node->unlinked)
			return 0;
		node_unlock();
		munmap(qs_node, sizeof *qs_node);
		qs_node = NULL;
	}
	return EAGAIN;
}

/* Reads start time and state of pid from /proc; 0 start when it is gone. */
static uint64_t proc_start_time(pid_t pid, char *state)
{
	char path[64], buf[1024], *p;
	unsigned long long start = 0;
	ssize_t n;
	int fd, field;

	*state = 'X';
	/* The leader thread's entry holds the process's start time and state.
	 * Read there, not /proc/<pid>/stat: qemu-user replaces a process's own
	 * /proc/<pid>/stat with made-up fields, so the start time a process
	 * recorded for itself would never match what others read. */
	snprintf(path, sizeof path, "/proc/%d/task/%d/stat", (int)pid, (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	p = strrchr(buf, ')');          /* comm may hold spaces and parens */
	if (p == NULL || p[1] != ' ')
		return 0;
	*state = p[2];
	for (field = 3, p += 2; field < 22 && p != NULL; field++) {
		p = strchr(p, ' ');
		if (p != NULL)
			p++;
	}
	if (p != NULL)
		start = strtoull(p, NULL, 10);
	return start;
}

void qs_ident_of(pid_t pid, struct qs_pident *id)
{
	char st;

	id->pid = pid;
	id->start = proc_start_time(pid, &st);
	id->checked_ns = 0;
}

static int64_t mono_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

#define QS_RECHECK_NS   50000000LL

/* kill(pid, 0) answers "gone" at once; reading /proc (start time: pid reuse;
 * state: zombie) costs ~10 us, so it is repeated at most every 50 ms for a
 * process, keeping liveness checks off the delivery path's cost. */
int qs_ident_alive(struct qs_pident *id)
{
	char st;
	uint64_t start;
	int64_t now;

	if (kill(id->pid, 0) != 0 && errno == ESRCH)
		return 0;
	now = mono_ns();
	if (id->checked_ns != 0 && now - id->checked_ns < QS_RECHECK_NS)
		return 1;
	start = proc_start_time(id->pid, &st);
	/* A zombie has run its last line: its objects are gone for good. */
	if (start == 0 || start != id->start || st == 'Z' || st == 'X')
		return 0;
	id->checked_ns = now;
	return 1;
}

int qs_proc_alive(int p)
{
	struct qs_proc *pr = &qs_node->procs[p];

	if (!pr->in_use)
		return 0;
	if (p == self_idx && self_pid == getpid() && pr->id.pid == self_pid)
		return 1;
	if (qs_ident_alive(&pr->id))
		return 1;
	qs_proc_reclaim(p);
	return 0;
}

int qs_proc_by_pid(pid_t pid)
{
	for (int p = 0; p < QS_MAX_PROCS; p++)
		if (qs_node->procs[p].in_use && qs_node->procs[p].id.pid == pid)
			return qs_proc_alive(p) ? p : -1;
	return -1;
}

static int proc_register(void)
{
	pid_t pid = getpid();
	int p, free_p = -1;

	for (p = 0; p < QS_MAX_PROCS; p++) {
		struct qs_proc *pr = &qs_node->procs[p];

		/* Same pid: an earlier image of this process (exec) or a dead one. */
		if (pr->in_use && (pr->id.pid == pid || !qs_proc_alive(p)))
			qs_proc_reclaim(p);
		if (!pr->in_use && free_p < 0)
			free_p = p;
	}
	if (free_p < 0)
		return -EAGAIN;
	struct qs_proc *pr = &qs_node->procs[free_p];
	memset(pr, 0, sizeof *pr);
	qs_ident_of(pid, &pr->id);
	pr->ruid = getuid();
	pr->euid = geteuid();
	pr->rgid = getgid();
	pr->egid = getegid();
	pr->next_chid = 1;
	pr->in_use = 1;
	return free_p;
}

/* Credentials change with setuid()/setgid() after a process attached: they
 * are read where they are used, from the process itself or /proc. */
void qs_proc_creds(int p)
{
	struct qs_proc *pr = &qs_node->procs[p];
	char path[64], line[256];
	FILE *f;

	if (p == self_idx && self_pid == getpid()) {
		pr->ruid = getuid();
		pr->euid = geteuid();
		pr->rgid = getgid();
		pr->egid = getegid();
		return;
	}
	snprintf(path, sizeof path, "/proc/%d/status", (int)pr->id.pid);
	if ((f = fopen(path, "re")) == NULL)
		return;                 /* gone: keep what was known */
	while (fgets(line, sizeof line, f)) {
		unsigned r, e;

		if (sscanf(line, "Uid: %u %u", &r, &e) == 2) {
			pr->ruid = (uid_t)r;
			pr->euid = (uid_t)e;
		} else if (sscanf(line, "Gid: %u %u", &r, &e) == 2) {
			pr->rgid = (gid_t)r;
			pr->egid = (gid_t)e;
		}
	}
	fclose(f);
}

static void node_exit(void);

int qs_enter(void)
{
	int err;

	if (exiting)
		return ESRCH;   /* never re-create the node from a dying process */
	if ((err = node_attach_locked()) != 0)
		return err;
	if (self_pid != getpid() || self_idx < 0 || !qs_node->procs[self_idx].in_use) {
		int p = proc_register();

		if (p < 0) {
			node_unlock();
			return -p;
		}
		self_idx = p;
		self_pid = getpid();
		if (!exit_hook_set) {
			atexit(node_exit);
			exit_hook_set = 1;
		}
		qs_work_run_start();
	}
	return 0;
}

int qs_enter_attached(void)
{
	if (qs_node == NULL || node_lock() != 0)
		return -1;
	if (exiting || self_pid != getpid() || self_idx < 0) {
		node_unlock();
		return -1;
	}
	return 0;
}

/* The _r variants must leave errno alone even on success, while the work
 * inside a call (kill, /proc reads, futexes) may change it. */
static __thread int saved_errno;

void qs_leave(void)
{
	node_unlock();
	errno = saved_errno;
}

int qs_self(void)
{
	return self_idx;
}

/* The last process to leave unlinks the segment: nothing outlives the node. */
static void node_exit(void)
{
	int p, others = 0;

	if (qs_node == NULL || self_pid != getpid() || self_idx < 0)
		return;
	exiting = 1;
	qs_work_stop(&qs_node->procs[self_idx].work_futex);
	if (node_lock() != 0)
		return;
	if (qs_node->procs[self_idx].in_use && qs_node->procs[self_idx].id.pid == self_pid)
		qs_proc_reclaim(self_idx);
	self_idx = -1;
	for (p = 0; p < QS_MAX_PROCS; p++)
		if (qs_node->procs[p].in_use && qs_proc_alive(p))
			others++;
	/* Marked unlinked only when it is: a process that dropped root may not
	 * remove root's segment (sticky /dev/shm), and a node marked unlinked but
	 * still there would turn every later attach away (EAGAIN). It stays for
	 * the next process, or qnxsim-sweep, to reuse or remove. */
	if (others == 0 && (shm_unlink(node_name) == 0 || errno == ENOENT))
		qs_node->unlinked = 1;
	node_unlock();
}

int qs_begin(const char *call)
{
	int err;

	saved_errno = errno;
	err = qs_fault_call(call);

	qs_deadline_clear();
	if (err != 0)
		return err;
	return qs_enter();
}
