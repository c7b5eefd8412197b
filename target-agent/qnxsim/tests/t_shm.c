/*
 * Shared-memory handles against the shm_open_handle page and qnx-facts.md:
 * a handle is usable once, only by the process it was made for, with no more
 * access than it grants; shm_open_handle_pid (8.0) checks the creator.
 * The parent creates handles; a forked recipient opens them on request.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <sys/neutrino.h>
#include "qtest.h"
#include "tap.h"

struct req { shm_handle_t h; int flags; int use_pid; pid_t pid; };
struct res { int ret; int err; int cloexec; char data[8]; };

static int to_child[2];

static int recipient(void *arg, int wfd)
{
	struct req q;
	struct res r;

	(void)arg;
	while (qt_read(to_child[0], &q, sizeof q, 5000) == 0 && q.h != 0) {
		memset(&r, 0, sizeof r);
#if _NTO_VERSION >= 800
		r.ret = q.use_pid ? shm_open_handle_pid(q.h, q.flags, q.pid) : shm_open_handle(q.h, q.flags);
#else
		r.ret = shm_open_handle(q.h, q.flags);
#endif
		r.err = errno;
		if (r.ret >= 0) {
			r.cloexec = (fcntl(r.ret, F_GETFD) & FD_CLOEXEC) != 0;
			char *p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, r.ret, 0);
			if (p != MAP_FAILED) {
				memcpy(r.data, p, sizeof r.data - 1);
				munmap(p, 4096);
			}
			close(r.ret);
		}
		qt_write(wfd, &r, sizeof r);
	}
	return 0;
}

static struct res ask(int rfd, shm_handle_t h, int flags, int use_pid, pid_t pid)
{
	struct req q = { h, flags, use_pid, pid };
	struct res r = { -2, 0, 0, "" };

	qt_write(to_child[1], &q, sizeof q);
	qt_read(rfd, &r, sizeof r, 3000);
	return r;
}

static void recipient_side(int fd, int rfd, pid_t child)
{
	shm_handle_t h = 0, h2 = 0;
	struct res r;

	shm_create_handle(fd, child, O_RDONLY, &h, 0);
	r = ask(rfd, h, O_RDWR, 0, 0);
	tap_call(r.ret, r.err, -1, EACCES, "recipient asks O_RDWR of an O_RDONLY handle: EACCES");
	r = ask(rfd, h, O_RDONLY, 0, 0);
	tap_ok(r.ret >= 0 && strcmp(r.data, "hello") == 0, "recipient opens the handle and maps the object (%d)", r.ret);
	tap_ok(r.cloexec, "the fd has FD_CLOEXEC set");
	r = ask(rfd, h, O_RDONLY, 0, 0);
	tap_call(r.ret, r.err, -1, ESRCH, "second use of the same handle: ESRCH (single use)");
	r = ask(rfd, 0x123456789ull, O_RDONLY, 0, 0);
	tap_call(r.ret, r.err, -1, ESRCH, "a handle that does not exist: ESRCH");
	shm_create_handle(fd, child, O_RDONLY, &h2, 0);
	TAP_CALL(shm_revoke(fd, child), 0, 0, "shm_revoke of an unused handle");
	r = ask(rfd, h2, O_RDONLY, 0, 0);
	tap_call(r.ret, r.err, -1, ESRCH, "revoked handle: ESRCH");
	TAP_CALL(shm_revoke(fd, child), -1, ESRCH, "shm_revoke with nothing left: ESRCH");
	shm_create_handle(fd, child, O_RDONLY, &h2, SHM_CREATE_HANDLE_OPT_NOFD);
	r = ask(rfd, h2, O_RDONLY, 0, 0);
	tap_call(r.ret, r.err, -1, EINVAL, "SHM_CREATE_HANDLE_OPT_NOFD handle is not for shm_open_handle: EINVAL");
#if _NTO_VERSION >= 800
	shm_create_handle(fd, child, O_RDONLY, &h2, 0);
	r = ask(rfd, h2, O_RDONLY, 1, getpid() + 1);
	tap_call(r.ret, r.err, -1, ESRCH, "shm_open_handle_pid with another creator pid: ESRCH");
	r = ask(rfd, h2, O_RDONLY, 1, getpid());
	tap_ok(r.ret >= 0, "shm_open_handle_pid with the creator's pid opens it");
	shm_create_handle(fd, child, O_RDONLY, &h2, 0);
	r = ask(rfd, h2, O_RDONLY, 1, 0);
	tap_ok(r.ret >= 0, "shm_open_handle_pid with pid 0 skips the check");
#else
	for (int i = 0; i < 3; i++)
		tap_skip("8.0 only", "shm_open_handle_pid case %d", i + 1);
#endif
}

static void creator_side(int fd, int rofd, pid_t child)
{
	shm_handle_t h = 0;

	TAP_CALL(shm_create_handle(-1, child, O_RDONLY, &h, 0), -1, EBADF, "shm_create_handle on a bad fd: EBADF");
	TAP_CALL(shm_create_handle(fd, child, O_RDONLY | O_CREAT, &h, 0), -1, EINVAL, "flags beyond an access mode: EINVAL");
	TAP_CALL(shm_create_handle(fd, child, O_RDONLY, &h, 0x80), -1, EINVAL, "unknown option: EINVAL");
	TAP_CALL(shm_create_handle(rofd, child, O_RDWR, &h, 0), -1, EACCES, "more access than the fd has: EACCES");
	TAP_CALL(shm_create_handle(fd, 999999, O_RDONLY, &h, 0), -1, ESRCH, "for a process that does not exist: ESRCH");
	TAP_CALL(shm_create_handle(fd, child, O_RDONLY, &h, 0), 0, 0, "shm_create_handle for the recipient");
	TAP_CALL(shm_open_handle(h, O_RDONLY), -1, ESRCH, "a handle made for another process: ESRCH here");
	TAP_CALL(shm_open_handle(h, O_RDONLY | O_TRUNC), -1, EINVAL, "shm_open_handle with a flag beyond O_CLOEXEC: EINVAL");
	shm_revoke(fd, child);
}

int main(void)
{
	char name[64];
	int fd, rofd, rfd;
	pid_t child;

	qt_isolate("shm");
	snprintf(name, sizeof name, "/qnxsim-test-shmobj-%d", (int)getpid());
	tap_plan(8 + 12);
	fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
	rofd = shm_open(name, O_RDONLY, 0);
	if (fd < 0 || rofd < 0 || ftruncate(fd, 4096) != 0 || pwrite(fd, "hello", 6, 0) != 6 ||
	    pipe(to_child) != 0) {
		perror("setup");
		shm_unlink(name);
		return 1;
	}
	ChannelCreate(0);       /* attach before forking the recipient */
	child = qt_spawn(recipient, NULL, &rfd);
	creator_side(fd, rofd, child);
	recipient_side(fd, rfd, child);
	struct req end = { 0, 0, 0, 0 };
	qt_write(to_child[1], &end, sizeof end);
	qt_reap(child, 3000);
	shm_unlink(name);
	return tap_done();
}
