/*
 * qnxsim internal: the shared kernel state ("the node") and helpers shared by
 * the library's source files.  Everything here lives in one POSIX shared
 * memory segment mapped by every process of the simulated node; indexes, never
 * pointers, link the objects because each process maps the segment at its
 * own address.
 */
#ifndef QNXSIM_STATE_H
#define QNXSIM_STATE_H

#include <pthread.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/neutrino.h>
#include <sys/netmgr.h>
#include <sys/mman.h>
#include <sys/procmgr.h>

/* The C library's pthread_create, for qnxsim's own helper thread: every qnxsim
 * program is linked with --wrap=pthread_create (forkrule.c), and the wrapper
 * counts the program's threads, which QNX 8.0's fork() rule is about. */
int __real_pthread_create(pthread_t *tid, const pthread_attr_t *attr, void *(*fn)(void *), void *arg);

#define QS_MAGIC        0x514e5853494d3031ull   /* "QNXSIM01" */
#define QS_VERSION      6u       /* bump when struct qs_node changes */

/* The C library and architecture the node's layout belongs to: a process built
 * for another one (glibc vs musl pthread_mutex_t, x86_64 vs aarch64 under an
 * emulator) must not attach to it.  Kept in the node's header, at an offset
 * every build shares, so a mismatch is reported by name. */
#if defined(__GLIBC__)
#define QS_ABI_LIBC     "glibc"
#else
#define QS_ABI_LIBC     "musl"  /* no glibc macro: musl (defines none of its own) */
#endif
#if defined(__x86_64__)
#define QS_ABI_ARCH     "x86_64"
#elif defined(__aarch64__)
#define QS_ABI_ARCH     "aarch64"
#elif defined(__i386__)
#define QS_ABI_ARCH     "i386"
#elif defined(__arm__)
#define QS_ABI_ARCH     "arm"
#else
#define QS_ABI_ARCH     "other"
#endif
#define QS_ABI          QS_ABI_LIBC "/" QS_ABI_ARCH
#define QS_ABI_MAX      24

#define QS_MAX_PROCS    64
#define QS_MAX_CHANS    256
#define QS_MAX_CONNS    1024
#define QS_MAX_SLOTS    64
#define QS_MAX_EVENTS   1024
#define QS_MAX_NAMES    64
#define QS_MAX_SHMH     256
#define QS_MAX_PULSES   64
#define QS_MAX_WORK     32
#define QS_MAX_BLOCKED  256
#define QS_MSG_MAX      8192
#define QS_NAME_MAX     96
#define QS_PATH_MAX     256

/* rcvid = conn index | slot << 10 | conn generation << 16 (always > 0). */
#define QS_RCVID_CONN_BITS  10
#define QS_RCVID_SLOT_BITS  6
#define QS_GEN_MASK         0x3fffu

/* The first coid handed out on a side channel; SYSMGR_COID itself is procnto. */
#define QS_FIRST_SIDE_COID  (_NTO_SIDE_CHANNEL + 1)

enum qs_conn_state { QS_CONN_FREE, QS_CONN_LIVE, QS_CONN_DETACHED };
enum qs_slot_state {
	QS_SLOT_FREE, QS_SLOT_QUEUED, QS_SLOT_RECEIVED, QS_SLOT_DONE
};
enum qs_perm { QS_PERM_ANY, QS_PERM_PROCNTO, QS_PERM_PROC };
enum qs_work_kind { QS_WORK_MEMORY = 1, QS_WORK_THREAD };

/* A process identity that survives pid reuse. */
struct qs_pident {
	pid_t           pid;
	uint64_t        start;          /* /proc/<pid>/stat field 22 */
	int64_t         checked_ns;     /* last full /proc check (monotonic) */
};

struct qs_work {
	uint32_t        kind;
	int32_t         memop;
	uint64_t        addr;           /* address in the target process */
	uint64_t        fn;
	uint64_t        attr;
	union sigval    value;
};

struct qs_proc {
	int32_t         in_use;
	struct qs_pident id;
	uid_t           ruid, euid;
	gid_t           rgid, egid;
	uint32_t        next_chid;
	uint32_t        nevents;        /* registered events, for the EAGAIN limit */
	/* procmgr_ability() state per domain (0 root, 1 non-root), ids 0..127 */
	uint64_t        ab_deny[2][2];
	uint64_t        ab_allow[2][2];
	uint64_t        ab_lock[2][2];
	uint32_t        sysmgr_flags;   /* flags of this process's SYSMGR_COID */
	uint32_t        work_futex;     /* bumped when work is queued */
	uint32_t        work_head, work_count;
	struct qs_work  work[QS_MAX_WORK];
};

struct qs_pulse_ent {
	uint64_t        seq;
	struct _pulse   p;
};

struct qs_chan {
	int32_t         in_use;
	uint32_t        gen;
	int32_t         owner;          /* proc index */
	int32_t         chid;
	uint32_t        flags;
	uint32_t        futex;          /* bumped on every enqueue or destroy */
	uint32_t        phead, pcount;
	struct qs_pulse_ent pulses[QS_MAX_PULSES];
};

struct qs_conn {
	int32_t         state;          /* enum qs_conn_state */
	uint32_t        gen;
	int32_t         owner;          /* proc index of the client */
	int32_t         coid;
	int32_t         chan;           /* channel index, -1 when none */
	uint32_t        chan_gen;
	uint32_t        flags;          /* _NTO_COF_* */
	pid_t           last_tid;       /* last thread that sent on it */
	pid_t           srv_pid;        /* the pid given to ConnectAttach */
	int32_t         srv_chid;
};

struct qs_slot {
	int32_t         state;          /* enum qs_slot_state */
	uint32_t        futex;          /* client waits on it */
	uint32_t        gen;
	int32_t         client;         /* proc index */
	pid_t           client_tid;
	int32_t         conn;
	int32_t         chan;
	int32_t         server;         /* proc index that received it */
	uint64_t        seq;
	int64_t         status;         /* reply status, or -errno for MsgError */
	int32_t         error;          /* errno for the client, 0 on reply */
	uint32_t        len, rlen;
	uint32_t        rmax;           /* the client's reply buffer size */
	unsigned char   msg[QS_MSG_MAX];
	unsigned char   reply[QS_MSG_MAX];
};

struct qs_reg {
	int32_t         in_use;
	int32_t         owner;          /* proc index of the registering client */
	uint32_t        handle;
	int32_t         perm;           /* enum qs_perm */
	struct qs_pident perm_id;       /* the permitted server for QS_PERM_PROC */
	struct sigevent ev;             /* as registered, flags included */
};

struct qs_name {
	int32_t         in_use;
	int32_t         owner;
	int32_t         chan;
	int32_t         chid;
	char            name[QS_NAME_MAX];
};

struct qs_shmh {
	int32_t         in_use;
	shm_handle_t    handle;
	struct qs_pident creator;
	pid_t           recipient;
	int32_t         flags;          /* access mode the recipient gets */
	uint32_t        options;
	int32_t         fd;             /* the fd in the creator */
	dev_t           dev;
	ino_t           ino;
	char            path[QS_PATH_MAX];
};

/* A thread blocked in a kernel call, for SIGEV_UNBLOCK to find and wake. */
struct qs_blocked {
	int32_t         in_use;
	int32_t         proc;
	pid_t           tid;
	uint32_t        unblock;        /* set by a SIGEV_UNBLOCK delivery */
	uint64_t        word;           /* offset of the futex word in the node */
};

struct qs_node {
	uint64_t        magic;
	uint32_t        version;
	uint32_t        ready;
	uint32_t        unlinked;       /* set under lock before shm_unlink */
	uint32_t        handle_seq;
	char            abi[QS_ABI_MAX];        /* QS_ABI of the creator */
	uint64_t        msg_seq;
	uint64_t        shmh_seq;
	pthread_mutex_t lock;           /* robust, process-shared */
	struct qs_proc  procs[QS_MAX_PROCS];
	struct qs_chan  chans[QS_MAX_CHANS];
	struct qs_conn  conns[QS_MAX_CONNS];
	struct qs_slot  slots[QS_MAX_SLOTS];
	struct qs_reg   regs[QS_MAX_EVENTS];
	struct qs_name  names[QS_MAX_NAMES];
	struct qs_shmh  shmh[QS_MAX_SHMH];
	struct qs_blocked blocked[QS_MAX_BLOCKED];
};

/* --- node.c --- */
extern struct qs_node *qs_node;
int  qs_enter(void);            /* lock + attach self; returns 0 or errno */
void qs_leave(void);
int  qs_self(void);             /* proc index of the caller (lock held) */
int  qs_proc_by_pid(pid_t pid); /* live proc index or -1 (lock held) */
int  qs_proc_alive(int p);      /* lock held; reclaims it when dead */
void qs_proc_creds(int p);      /* lock held; refreshes uid/gid (setuid) */
int  qs_ident_alive(struct qs_pident *id);
void qs_ident_of(pid_t pid, struct qs_pident *id);
void qs_proc_reclaim(int p);    /* frees everything a process owned */

/* --- object helpers (objects.c) --- */
int  qs_chan_lookup(int p, int chid);
int  qs_conn_lookup(int p, int coid);
int  qs_conn_chan(int c);       /* channel index when still connected, else -1 */
void qs_chan_destroy(int ch);
void qs_conn_detach(int c);
uint32_t qs_next_gen(uint32_t gen);
int  qs_pulse_enqueue(int ch, int code, union sigval value, int scoid);
int  qs_scoid_of(int client_proc);
int  qs_pulse_prio_check(int prio, int target_proc);
int  qs_rcvid_decode(int64_t rcvid, int *conn, int *slot);
int  qs_rcvid_encode(int conn, int slot);

/* --- wait.c --- */
struct qs_deadline {
	int             active;
	struct timespec at;             /* CLOCK_MONOTONIC */
	int             unsliced;       /* no periodic wake-up (nothing to watch) */
};
void qs_deadline_take(unsigned state, struct qs_deadline *d);
void qs_deadline_clear(void);
/* Drops the lock, waits on *word != seen, re-takes it: 0, ETIMEDOUT, EINTR. */
int  qs_wait(uint32_t *word, uint32_t seen, const struct qs_deadline *d);
void qs_wake(uint32_t *word);      /* deferred until the lock is dropped */
void qs_wake_flush(void);
/* SIGEV_UNBLOCK: wakes thread tid of proc if it is blocked in a call. */
void qs_unblock_thread(int proc, pid_t tid);
/* Like qs_wait, but returns EIO (lock not held) once exit() has begun. */
int  qs_wait_or_exit(uint32_t *word, uint32_t seen, const struct qs_deadline *d);

/* --- event checks (event.c) and delivery (deliver.c) --- */
struct qs_target {
	int             client;         /* proc index of the receiving process */
	int             conn;           /* its connection, -1 for rcvid 0 */
	pid_t           tid;            /* the thread the rcvid names */
	int             server;         /* proc index of the delivering server */
};
int  qs_sig_valid(int signo);
/* Checks, then (unless dry) delivers an unregistered-form event: 0 or -errno. */
int  qs_deliver(const struct qs_target *t, const struct sigevent *ev, int dry);
void qs_work_run_start(void);   /* the helper thread of this process */
void qs_work_stop(uint32_t *futex);
int  qs_enter_attached(void);   /* re-lock without registering: 0 or -1 */

/* --- faults.c --- */
int  qs_fault(const char *name);
int  qs_fault_call(const char *call);   /* errno to inject, or 0 */
int  qs_procnto_u(void);
unsigned qs_reg_limit(void);

/* --- ability.c --- */
int  qs_has_ability(int p, unsigned id);

/* Every kernel call starts here: the TimerTimeout() of a non-blocking call
 * is consumed, injected faults fire, and the node is locked. */
int  qs_begin(const char *call);

/* Kernel-call glue: a call's body returns 0/positive or -errno. */
#define QS_RET_ERRNO(r)  ((r) < 0 ? (errno = (int)-(r), -1) : (r))

#endif
