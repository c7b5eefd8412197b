/* Minimal TAP producer: "ok N - desc" / "not ok N - desc", plan at the end. */
#ifndef QHIL_TAP_H
#define QHIL_TAP_H

#include <stdbool.h>

/* Records one test; returns cond. */
bool tap_ok(bool cond, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Records one test as skipped ("ok N - desc # SKIP reason"). */
void tap_skip(const char *reason, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prints a diagnostic line ("# ..."). */
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the plan; returns the exit status (non-zero when a test failed). */
int tap_done(void);

#endif
