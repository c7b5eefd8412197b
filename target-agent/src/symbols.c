#include "symtab.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/neutrino.h>     /* QNX's SIGRTMIN..SIGRTMAX, not only the libc's */

static const struct sym *find_name(const struct sym *t, unsigned n,
                                   const char *name, size_t len)
{
	for (unsigned i = 0; i < n; i++)
		if (strlen(t[i].name) == len && memcmp(t[i].name, name, len) == 0)
			return &t[i];
	return NULL;
}

static const struct sym *find_value(const struct sym *t, unsigned n, long long v)
{
	for (unsigned i = 0; i < n; i++)
		if (t[i].value == v)
			return &t[i];
	return NULL;
}

/* "SIGRTMIN", "SIGRTMIN+n", "SIGRTMAX", "SIGRTMAX-n" with n small decimal. */
static bool lookup_realtime(const char *name, size_t len, long long *value)
{
	long long base, off = 0;
	size_t i = 8;
	int sign;
	if (len < 8)
		return false;
	if (memcmp(name, "SIGRTMIN", 8) == 0) {
		base = SIGRTMIN;
		sign = 1;
	} else if (memcmp(name, "SIGRTMAX", 8) == 0) {
		base = SIGRTMAX;
		sign = -1;
	} else {
		return false;
	}
	if (len > 8) {
		if (name[8] != (sign > 0 ? '+' : '-') || len == 9 || len > 12)
			return false;
		for (i = 9; i < len; i++) {
			if (name[i] < '0' || name[i] > '9')
				return false;
			off = off * 10 + (name[i] - '0');
		}
	}
	*value = base + sign * off;
	return *value >= SIGRTMIN && *value <= SIGRTMAX;
}

bool sym_lookup(const char *name, size_t len, long long *value)
{
	const struct sym *s = find_name(sym_const_table, sym_const_count, name, len);
	if (!s)
		s = find_name(sym_errno_table, sym_errno_count, name, len);
	if (!s)
		s = find_name(sym_signal_table, sym_signal_count, name, len);
	if (s) {
		*value = s->value;
		return true;
	}
	return lookup_realtime(name, len, value);
}

const char *sym_errno_name(int err)
{
	const struct sym *s = find_value(sym_errno_table, sym_errno_count, err);
	return s ? s->name : NULL;
}

const char *sym_errno_text(int err, char *out, size_t cap)
{
	const char *n = sym_errno_name(err);
	if (n)
		return n;
	snprintf(out, cap, "%d", err);
	return out;
}

bool sym_signal_name(int signo, char *out, size_t cap)
{
	const struct sym *s;
	if (signo >= SIGRTMIN && signo <= SIGRTMAX) {
		if (signo == SIGRTMIN)
			snprintf(out, cap, "SIGRTMIN");
		else
			snprintf(out, cap, "SIGRTMIN+%d", signo - SIGRTMIN);
		return true;
	}
	s = find_value(sym_signal_table, sym_signal_count, signo);
	if (!s)
		return false;
	snprintf(out, cap, "%s", s->name);
	return true;
}

const char *sym_si_code_name(int code)
{
	const struct sym *s = find_value(sym_si_code_table, sym_si_code_count, code);
	return s ? s->name : NULL;
}
