#include "tap.h"

#include <stdarg.h>
#include <stdio.h>

static int count, failed;

bool tap_ok(bool cond, const char *fmt, ...)
{
	va_list ap;
	count++;
	if (!cond)
		failed++;
	printf("%sok %d - ", cond ? "" : "not ", count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	return cond;
}

void tap_skip(const char *reason, const char *fmt, ...)
{
	va_list ap;
	count++;
	printf("ok %d - ", count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" # SKIP %s\n", reason);
	fflush(stdout);
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

int tap_done(void)
{
	printf("1..%d\n", count);
	if (failed)
		printf("# %d of %d failed\n", failed, count);
	fflush(stdout);
	return failed ? 1 : 0;
}
