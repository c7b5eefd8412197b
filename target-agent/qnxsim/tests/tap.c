#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "tap.h"

static int planned, seen, failed;

void tap_plan(int n)
{
	planned = n;
	printf("1..%d\n", n);
	fflush(stdout);
}

static void vline(const char *prefix, const char *fmt, va_list ap, const char *suffix)
{
	printf("%s %d - ", prefix, ++seen);
	vprintf(fmt, ap);
	printf("%s\n", suffix);
	fflush(stdout);
}

int tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline(cond ? "ok" : "not ok", fmt, ap, "");
	va_end(ap);
	if (!cond)
		failed++;
	return cond;
}

void tap_skip(const char *reason, const char *fmt, ...)
{
	va_list ap;
	char suffix[512];

	snprintf(suffix, sizeof suffix, " # SKIP %s", reason);
	va_start(ap, fmt);
	vline("ok", fmt, ap, suffix);
	va_end(ap);
}

void tap_diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

const char *tap_errname(int err)
{
	static const struct { int v; const char *n; } t[] = {
		{ 0, "EOK" }, { EPERM, "EPERM" }, { ESRCH, "ESRCH" }, { EINTR, "EINTR" },
		{ ENXIO, "ENXIO" }, { EBADF, "EBADF" }, { EAGAIN, "EAGAIN" },
		{ ENOMEM, "ENOMEM" }, { EACCES, "EACCES" }, { EFAULT, "EFAULT" },
		{ EBUSY, "EBUSY" }, { EEXIST, "EEXIST" }, { EINVAL, "EINVAL" },
		{ ENOENT, "ENOENT" }, { ENOSYS, "ENOSYS" }, { ENOTSUP, "ENOTSUP" },
		{ ETIMEDOUT, "ETIMEDOUT" }, { EMSGSIZE, "EMSGSIZE" }, { EIO, "EIO" },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (t[i].v == err)
			return t[i].n;
	return strerror(err);
}

int tap_call(long ret, int err, long exp_ret, int exp_err, const char *desc)
{
	int good = ret == exp_ret && (exp_ret != -1 || err == exp_err);

	if (!good)
		tap_diag("%s: got %ld/%s, expected %ld/%s", desc, ret,
			 ret == -1 ? tap_errname(err) : "EOK", exp_ret,
			 exp_ret == -1 ? tap_errname(exp_err) : "EOK");
	return tap_ok(good, "%s -> %ld%s%s", desc, exp_ret, exp_ret == -1 ? " " : "",
		      exp_ret == -1 ? tap_errname(exp_err) : "");
}

int tap_done(void)
{
	if (seen != planned) {
		printf("# planned %d checks, ran %d\n", planned, seen);
		return 1;
	}
	return failed ? 1 : 0;
}
