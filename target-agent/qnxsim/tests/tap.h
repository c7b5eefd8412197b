/*
 * Minimal TAP producer for the qnxsim tests: "1..N", then one "ok N - desc"
 * or "not ok N - desc" per check; the exit status is non-zero when any
 * check failed.
 */
#ifndef QNXSIM_TAP_H
#define QNXSIM_TAP_H

void tap_plan(int n);
/* Records one check; returns cond so callers can chain. */
int  tap_ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tap_skip(const char *reason, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "returns R with errno E": one check comparing a call's outcome. */
int  tap_call(long ret, int err, long exp_ret, int exp_err, const char *desc);
/* Evaluates the call, then errno (argument order would not guarantee it). */
#define TAP_CALL(expr, exp_ret, exp_err, desc) \
	do { errno = 0; long r_ = (long)(expr); int e_ = errno; \
	     tap_call(r_, e_, (exp_ret), (exp_err), (desc)); } while (0)
int  tap_done(void);
const char *tap_errname(int err);

#endif
