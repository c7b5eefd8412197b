/*
 * libqnxsim-shmem-tmp.so: preloaded (LD_PRELOAD) into the processes of a simulated board's
 * userland, it makes /tmp behave like QNX's /tmp on /dev/shmem, where files can be made but
 * directories cannot: mkdir() and mkdirat() of a new path under one of the directories named in
 * QNXSIM_SHMEM_DIRS (colon-separated absolute paths; default "/tmp") fail with ENOTSUP. The
 * directory itself and paths that already exist are left to the real call (EEXIST, as on QNX).
 * Paths under the directories named in QNXSIM_SHMEM_KEEP (same form) are left alone too: the
 * simulated board's own files (its /data/home) may live under this machine's /tmp.
 *
 * Linux-only qnxsim tooling for the harness's simulated peers; never linked into the agent.
 * The errno a real board gives is unconfirmed: the point is that the mkdir fails.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

typedef int (*mkdirat_fn)(int, const char *, mode_t);
typedef int (*mkdir_fn)(const char *, mode_t);

/* The directory fd refers to (AT_FDCWD: the working directory) into buf; 0 on success. */
static int dir_of(int fd, char *buf, size_t size)
{
	if (fd == AT_FDCWD)
		return getcwd(buf, size) ? 0 : -1;
	char link[64];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, buf, size - 1);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

/* Lexically normalizes an absolute path in place: repeated slashes, "." and ".." removed. */
static void normalize(char *p)
{
	char out[PATH_MAX];
	size_t o = 0;
	const char *s = p;
	while (*s) {
		while (*s == '/')
			s++;
		if (!*s)
			break;
		const char *e = strchr(s, '/');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		if (len == 1 && s[0] == '.') {
			/* nothing */
		} else if (len == 2 && s[0] == '.' && s[1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
		} else if (o + 1 + len < sizeof out) {
			out[o++] = '/';
			memcpy(out + o, s, len);
			o += len;
		}
		s += len;
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
	memcpy(p, out, o + 1);
}

/* True when the normalized absolute path lies under one of the colon-separated dirs (strictly: not
 * the dir itself). */
static int under(const char *full, const char *dirs, int strictly)
{
	while (dirs && *dirs) {
		const char *e = strchr(dirs, ':');
		size_t len = e ? (size_t)(e - dirs) : strlen(dirs);
		size_t n = len;
		while (n > 1 && dirs[n - 1] == '/')
			n--;
		if (n > 0 && strncmp(full, dirs, n) == 0
		    && ((full[n] == '/' && full[n + 1] != '\0') || (!strictly && full[n] == '\0')))
			return 1;
		dirs += len;
		if (*dirs == ':')
			dirs++;
	}
	return 0;
}

/* True when the path fd/path names lies under QNXSIM_SHMEM_DIRS and not under QNXSIM_SHMEM_KEEP. */
static int on_shmem(int fd, const char *path)
{
	char full[PATH_MAX];
	if (path[0] == '/') {
		if (strlen(path) >= sizeof full)
			return 0;
		strcpy(full, path);
	} else {
		if (dir_of(fd, full, sizeof full) != 0 || strlen(full) + 1 + strlen(path) >= sizeof full)
			return 0;
		strcat(full, "/");
		strcat(full, path);
	}
	normalize(full);
	const char *dirs = getenv("QNXSIM_SHMEM_DIRS");
	if (!dirs || !*dirs)
		dirs = "/tmp";
	return under(full, dirs, 1) && !under(full, getenv("QNXSIM_SHMEM_KEEP"), 0);
}

static int refused(int fd, const char *path)
{
	struct stat st;
	if (!path || !on_shmem(fd, path) || fstatat(fd, path, &st, AT_SYMLINK_NOFOLLOW) == 0)
		return 0;
	errno = ENOTSUP;
	return 1;
}

int mkdirat(int fd, const char *path, mode_t mode)
{
	static mkdirat_fn real;
	if (!real)
		real = (mkdirat_fn)dlsym(RTLD_NEXT, "mkdirat");
	if (refused(fd, path))
		return -1;
	return real(fd, path, mode);
}

int mkdir(const char *path, mode_t mode)
{
	static mkdir_fn real;
	if (!real)
		real = (mkdir_fn)dlsym(RTLD_NEXT, "mkdir");
	if (refused(AT_FDCWD, path))
		return -1;
	return real(path, mode);
}
