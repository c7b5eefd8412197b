/*
 * Shared memory (shm_create, shm handles, mmap, mem_read/mem_write), the
 * actor's own memory words, and what SIGEV_MEMORY / SIGEV_THREAD deliveries
 * leave behind for wait_event (kind=memory, kind=thread).
 */
#include "actor.h"

#include "symtab.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/neutrino.h>
#include <time.h>
#include <unistd.h>

#define POLL_SLICE_NS 1000000       /* memory words are checked every ms */

/* The actor whose SIGEV_THREAD runs are recorded (one actor per process). */
static struct actor *notify_actor;

void actor_mem_init(struct actor *a)
{
	pthread_condattr_t ca;
	for (unsigned i = 0; i < ACTOR_WORDS; i++)
		a->words[i] = 0;
	memset(a->maps, 0, sizeof a->maps);
	pthread_mutex_init(&a->map_lock, NULL);
	pthread_mutex_init(&a->run_lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&a->run_cond, &ca);
	pthread_condattr_destroy(&ca);
	a->runs_head = a->runs_count = a->runs_lost = 0;
	notify_actor = a;
}

/* The notify function of every SIGEV_THREAD event the agent builds. */
void actor_thread_notify(union sigval v)
{
	struct actor *a = notify_actor;
	if (!a)
		return;
	pthread_mutex_lock(&a->run_lock);
	if (a->runs_count < ACTOR_RUNS_MAX) {
		unsigned slot = (a->runs_head + a->runs_count) % ACTOR_RUNS_MAX;
		a->run_value[slot] = v.sival_int;
		a->run_same[slot] = getpid() == a->pid;
		a->runs_count++;
	} else {
		a->runs_lost++;
	}
	pthread_cond_broadcast(&a->run_cond);
	pthread_mutex_unlock(&a->run_lock);
}

static struct timespec abs_deadline(uint64_t ns)
{
	int64_t t = monotonic_ns() + (int64_t)ns;
	struct timespec ts;
	ts.tv_sec = (time_t)(t / 1000000000);
	ts.tv_nsec = (long)(t % 1000000000);
	return ts;
}

int wait_thread(struct actor *a, uint64_t ns, struct wire_result *r)
{
	struct timespec until = abs_deadline(ns);
	int got = 0;
	pthread_mutex_lock(&a->run_lock);
	while (a->runs_count == 0 &&
	       pthread_cond_timedwait(&a->run_cond, &a->run_lock, &until) != ETIMEDOUT)
		;
	if (a->runs_count > 0) {
		r->delivered = DELIVERED_THREAD;
		r->value = a->run_value[a->runs_head];
		r->same_process = a->run_same[a->runs_head];
		a->runs_head = (a->runs_head + 1) % ACTOR_RUNS_MAX;
		a->runs_count--;
		got = 1;
	}
	pthread_mutex_unlock(&a->run_lock);
	return got;
}

volatile int32_t *actor_word_addr(struct actor *a, const struct wire_cmd *c,
                                  struct wire_result *r)
{
	volatile int32_t *p = NULL;
	if (wire_has(c, K_MAP)) {
		unsigned m = (unsigned)wire_num(c, K_MAP, 0);
		size_t off = (size_t)wire_num(c, K_OFFSET, 0);
		if (wire_has(c, K_WORD)) {
			result_broken(r, "give word= or map=, not both");
			return NULL;
		}
		pthread_mutex_lock(&a->map_lock);
		if (m >= ACTOR_MAPS || !a->maps[m].base)
			result_broken(r, "actor %s has no mapping %u", a->name, m);
		else if (off % 4 != 0 || off + 4 > a->maps[m].size)
			result_broken(r, "offset %zu is not a 4-aligned word inside mapping %u (%zu bytes)",
			              off, m, a->maps[m].size);
		else
			p = (volatile int32_t *)(void *)((char *)a->maps[m].base + off);
		pthread_mutex_unlock(&a->map_lock);
		return p;
	}
	if (wire_has(c, K_OFFSET)) {
		result_broken(r, "offset= needs map=");
		return NULL;
	}
	return &a->words[(unsigned)wire_num(c, K_WORD, 0) % ACTOR_WORDS];
}

int wait_memory(struct actor *a, const struct wire_cmd *c, uint64_t ns, struct wire_result *r)
{
	volatile int32_t *w = actor_word_addr(a, c, r);
	int64_t deadline = monotonic_ns() + (int64_t)ns;
	bool until = wire_has(c, K_UNTIL);
	int32_t want = (int32_t)wire_num(c, until ? K_UNTIL : K_FROM, 0);
	if (!w)
		return -2;
	for (;;) {
		int32_t v = __atomic_load_n(w, __ATOMIC_SEQ_CST);
		struct timespec ts = { 0, POLL_SLICE_NS };
		if (until ? v == want : v != want) {
			r->delivered = DELIVERED_MEMORY;
			r->value = v;
			return 1;
		}
		if (monotonic_ns() >= deadline) {
			snprintf(r->detail, sizeof r->detail, "{\"value\":%d}", (int)v);
			return 0;
		}
		nanosleep(&ts, NULL);
	}
}

/* Runs expr between two clock reads and records ret / errno. */
#define TIMED(r, expr) do { \
		int64_t t0_ = monotonic_ns(); \
		long long ret_; \
		errno = 0; \
		ret_ = (long long)(expr); \
		(r)->elapsed_ns = monotonic_ns() - t0_; \
		result_done((r), ret_, ret_ == -1 ? errno : 0); \
	} while (0)

/* A new object with no name: made under a unique name, unlinked at once. */
static int shm_make(size_t size)
{
	static unsigned seq;
	char name[64];
	int fd, err;
	snprintf(name, sizeof name, "/qhil-%ld-%u", (long)getpid(), seq++);
	fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		return -1;
	err = shm_unlink(name) == 0 ? 0 : errno;
	if (err == 0 && ftruncate(fd, (off_t)size) != 0)
		err = errno;
	if (err != 0) {
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

static void op_shm_create(const struct wire_cmd *c, struct wire_result *r)
{
	TIMED(r, shm_make((size_t)wire_num(c, K_SIZE, 4096)));
}

static void op_shm_create_handle(const struct wire_cmd *c, struct wire_result *r)
{
	shm_handle_t h = 0;
	TIMED(r, shm_create_handle((int)wire_num(c, K_FD, -1), (pid_t)wire_num(c, K_TO, 0),
	                           (int)wire_num(c, K_FLAGS, 0), &h,
	                           (unsigned)wire_num(c, K_OPTIONS, 0)));
	if (r->ret == 0) {
		r->has_bind = 1;
		r->bind = (int64_t)h;
		snprintf(r->detail, sizeof r->detail, "{\"handle\":%llu}", (unsigned long long)h);
	}
}

static void op_shm_open_handle(const struct wire_cmd *c, struct wire_result *r)
{
	TIMED(r, shm_open_handle((shm_handle_t)wire_num(c, K_HANDLE, 0),
	                         (int)wire_num(c, K_FLAGS, 0)));
}

static void op_shm_open_handle_pid(const struct wire_cmd *c, struct wire_result *r)
{
#if _NTO_VERSION >= 800
	TIMED(r, shm_open_handle_pid((shm_handle_t)wire_num(c, K_HANDLE, 0),
	                             (int)wire_num(c, K_FLAGS, 0), (pid_t)wire_num(c, K_PID, 0)));
#else
	(void)c;
	result_broken(r, "shm_open_handle_pid is not in QNX %d.%d (SDP 8.0 added it)",
	              _NTO_VERSION / 100, _NTO_VERSION / 10 % 10);
#endif
}

static void op_shm_revoke(const struct wire_cmd *c, struct wire_result *r)
{
	TIMED(r, shm_revoke((int)wire_num(c, K_FD, -1), (pid_t)wire_num(c, K_PID, 0)));
}

static void op_mmap(struct actor *a, const struct wire_cmd *c, struct wire_result *r)
{
	size_t size = (size_t)wire_num(c, K_SIZE, 4096);
	int prot = (int)wire_num(c, K_PROT, PROT_READ | PROT_WRITE);
	int slot = -1;
	void *p;
	int64_t t0;
	pthread_mutex_lock(&a->map_lock);
	for (int i = 0; i < ACTOR_MAPS && slot < 0; i++)
		if (!a->maps[i].base)
			slot = i;
	if (slot < 0) {
		pthread_mutex_unlock(&a->map_lock);
		result_broken(r, "actor %s holds %d mappings already", a->name, ACTOR_MAPS);
		return;
	}
	t0 = monotonic_ns();
	errno = 0;
	p = mmap(NULL, size, prot, MAP_SHARED, (int)wire_num(c, K_FD, -1), 0);
	r->elapsed_ns = monotonic_ns() - t0;
	if (p == MAP_FAILED) {
		result_done(r, -1, errno);
	} else {
		a->maps[slot].base = p;
		a->maps[slot].size = size;
		result_done(r, slot, 0);
	}
	pthread_mutex_unlock(&a->map_lock);
}

static void op_munmap(struct actor *a, const struct wire_cmd *c, struct wire_result *r)
{
	unsigned m = (unsigned)wire_num(c, K_MAP, 0);
	struct mapping gone = { NULL, 0 };
	pthread_mutex_lock(&a->map_lock);
	if (m < ACTOR_MAPS) {
		gone = a->maps[m];
		a->maps[m].base = NULL;
		a->maps[m].size = 0;
	}
	pthread_mutex_unlock(&a->map_lock);
	if (!gone.base) {
		result_broken(r, "actor %s has no mapping %u", a->name, m);
		return;
	}
	TIMED(r, munmap(gone.base, gone.size));
}

/* Writing a mapping without PROT_WRITE faults: the actor crashes, as a
 * program would (the coordinator reports it as an actor crash). */
static void op_mem_write(struct actor *a, const struct wire_cmd *c, struct wire_result *r)
{
	volatile int32_t *w = actor_word_addr(a, c, r);
	if (!w)
		return;
	__atomic_store_n(w, (int32_t)(uint32_t)wire_num(c, K_VALUE, 0), __ATOMIC_SEQ_CST);
	result_done(r, 0, 0);
}

static void op_mem_read(struct actor *a, const struct wire_cmd *c, struct wire_result *r)
{
	volatile int32_t *w = actor_word_addr(a, c, r);
	int32_t v;
	if (!w)
		return;
	v = __atomic_load_n(w, __ATOMIC_SEQ_CST);
	snprintf(r->detail, sizeof r->detail, "{\"value\":%d}", (int)v);
	result_done(r, v, 0);
}

void op_shm(struct actor *a, const struct wire_cmd *c, struct wire_result *r)
{
	switch ((enum op_id)c->op) {
	case OP_SHM_CREATE:          op_shm_create(c, r); break;
	case OP_SHM_CREATE_HANDLE:   op_shm_create_handle(c, r); break;
	case OP_SHM_OPEN_HANDLE:     op_shm_open_handle(c, r); break;
	case OP_SHM_OPEN_HANDLE_PID: op_shm_open_handle_pid(c, r); break;
	case OP_SHM_REVOKE:          op_shm_revoke(c, r); break;
	case OP_MMAP:                op_mmap(a, c, r); break;
	case OP_MUNMAP:              op_munmap(a, c, r); break;
	case OP_CLOSE:               TIMED(r, close((int)wire_num(c, K_FD, -1))); break;
	case OP_MEM_WRITE:           op_mem_write(a, c, r); break;
	case OP_MEM_READ:            op_mem_read(a, c, r); break;
	default:                     result_broken(r, "not a memory op: %d", (int)c->op); break;
	}
}
