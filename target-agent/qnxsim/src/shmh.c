/*
 * qnxsim: shared-memory handles -- shm_create_handle, shm_open_handle,
 * shm_open_handle_pid (8.0), shm_revoke.  A handle is a single-use ticket,
 * kept in the node, that lets one named process open one object with one
 * access mode.  The recipient reopens the object by its /dev/shm path (or,
 * for an unnamed object, through the creator's /proc/<pid>/fd while the
 * creator keeps it open) and the device/inode pair proves it is the same
 * object.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "state.h"

/* The access-mode bits, spelled out: musl's O_ACCMODE also holds O_PATH's
 * bits, so (flags & O_ACCMODE) would accept O_PATH as an access mode there. */
#define QS_ACCMODE (O_RDONLY | O_WRONLY | O_RDWR)

#define SHMH_OPTS_VALID  (SHM_CREATE_HANDLE_OPT_NOFD | QS_OPT_SUBRANGE)
#if _NTO_VERSION >= 800
#define QS_OPT_SUBRANGE  SHM_CREATE_HANDLE_OPT_SUBRANGE
#else
#define QS_OPT_SUBRANGE  0u
#endif


/* Would `want` give more than `have` allows? */
static int more_privileged(int want, int have)
{
	if (have == O_RDWR)
		return 0;
	return want != have;
}

static int object_path(int fd, struct qs_shmh *h)
{
	char link[64], target[QS_PATH_MAX];
	ssize_t n;

	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, target, sizeof target - 1);
	if (n <= 0)
		return -EBADF;
	target[n] = 0;
	if (strncmp(target, "/dev/shm/", 9) == 0 && strstr(target, " (deleted)") == NULL)
		snprintf(h->path, sizeof h->path, "%s", target);
	else
		snprintf(h->path, sizeof h->path, "/proc/%d/fd/%d", (int)getpid(), fd);
	return 0;
}

static int create_checks(int fd, pid_t pid, int flags, unsigned options, struct stat *st)
{
	int fl;

	if (options & ~SHMH_OPTS_VALID)
		return -EINVAL;
	if ((flags & ~QS_ACCMODE) || (flags & QS_ACCMODE) == QS_ACCMODE)
		return -EINVAL;
	if ((fl = fcntl(fd, F_GETFL)) < 0 || fstat(fd, st) != 0)
		return -EBADF;
	if (!S_ISREG(st->st_mode))
		return -EINVAL;
	if (more_privileged(flags & QS_ACCMODE, fl & QS_ACCMODE))
		return -EACCES;
	if (pid <= 0)
		return -EINVAL;
	if (kill(pid, 0) != 0 && errno == ESRCH)
		return -ESRCH;
	return 0;
}

static int create_locked(int fd, pid_t pid, int flags, shm_handle_t *handlep, unsigned options)
{
	struct qs_shmh tmp;
	struct stat st;
	int err, i;

	memset(&tmp, 0, sizeof tmp);
	if ((err = create_checks(fd, pid, flags, options, &st)) != 0 ||
	    (err = object_path(fd, &tmp)) != 0)
		return err;
	for (i = 0; i < QS_MAX_SHMH && qs_node->shmh[i].in_use; i++)
		;
	if (i == QS_MAX_SHMH)
		return -EAGAIN;
	struct qs_shmh *h = &qs_node->shmh[i];
	*h = tmp;
	h->creator = qs_node->procs[qs_self()].id;
	h->recipient = pid;
	h->flags = flags & QS_ACCMODE;
	h->options = options;
	h->fd = fd;
	h->dev = st.st_dev;
	h->ino = st.st_ino;
	/* Unguessable enough to be a ticket, unique in the node. */
	h->handle = (++qs_node->shmh_seq << 20) ^ ((shm_handle_t)st.st_ino << 40) ^
		    (shm_handle_t)(i + 1) ^ ((shm_handle_t)ClockCycles() & 0xff000);
	h->in_use = 1;
	*handlep = h->handle;
	return 0;
}

int shm_create_handle(int fd, pid_t pid, int flags, shm_handle_t *handlep, unsigned options)
{
	int err;

	if ((err = qs_begin("shm_create_handle")) != 0)
		return errno = err, -1;
	err = handlep == NULL ? -EFAULT : create_locked(fd, pid, flags, handlep, options);
	qs_leave();
	return QS_RET_ERRNO(err);
}

static int find_handle(shm_handle_t handle)
{
	for (int i = 0; i < QS_MAX_SHMH; i++)
		if (qs_node->shmh[i].in_use && qs_node->shmh[i].handle == handle)
			return i;
	return -1;
}

static int open_object(const struct qs_shmh *h, int mode)
{
	struct stat st;
	int fd = open(h->path, mode | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0 && errno == ELOOP)   /* /proc/<pid>/fd/N is a magic link */
		fd = open(h->path, mode | O_CLOEXEC);
	if (fd < 0)
		return errno == EMFILE || errno == ENFILE ? -errno : -ESRCH;
	if (fstat(fd, &st) != 0 || st.st_dev != h->dev || st.st_ino != h->ino) {
		close(fd);
		return -ESRCH;          /* the object behind the name changed */
	}
	return fd;
}

/* pid_check: 0 = any creator. */
static int open_handle(const char *call, shm_handle_t handle, int flags, pid_t pid_check)
{
	int err, i, fd = -EINVAL;

	if ((flags & ~(QS_ACCMODE | O_CLOEXEC)) || (flags & QS_ACCMODE) == QS_ACCMODE)
		return errno = EINVAL, -1;
	if ((err = qs_begin(call)) != 0)
		return errno = err, -1;
	i = find_handle(handle);
	struct qs_shmh *h = i >= 0 ? &qs_node->shmh[i] : NULL;
	if (h == NULL || h->recipient != getpid() || (pid_check != 0 && h->creator.pid != pid_check))
		fd = -ESRCH;
	else if (h->options & SHM_CREATE_HANDLE_OPT_NOFD)
		fd = -EINVAL;           /* only mmap_handle() may use it */
	else if (more_privileged(flags & QS_ACCMODE, h->flags))
		fd = -EACCES;
	else if ((fd = open_object(h, flags & QS_ACCMODE)) >= 0)
		h->in_use = 0;          /* single use */
	qs_leave();
	return QS_RET_ERRNO(fd);
}

int shm_open_handle(shm_handle_t handle, int flags)
{
	return open_handle("shm_open_handle", handle, flags, 0);
}

#if _NTO_VERSION >= 800
int shm_open_handle_pid(shm_handle_t handle, int flags, pid_t pid)
{
	return open_handle("shm_open_handle_pid", handle, flags, pid);
}
#endif

/* Destroys the unused handles the caller made for fd's object and pid. */
int shm_revoke(int fd, pid_t pid)
{
	struct stat st;
	int err, n = 0;

	if (fstat(fd, &st) != 0)
		return errno = EBADF, -1;
	if ((err = qs_begin("shm_revoke")) != 0)
		return errno = err, -1;
	for (int i = 0; i < QS_MAX_SHMH; i++) {
		struct qs_shmh *h = &qs_node->shmh[i];

		if (h->in_use && h->creator.pid == getpid() && h->dev == st.st_dev &&
		    h->ino == st.st_ino && (pid == 0 || h->recipient == pid)) {
			h->in_use = 0;
			n++;
		}
	}
	qs_leave();
	return n > 0 ? 0 : (errno = ESRCH, -1);
}
