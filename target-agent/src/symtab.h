/*
 * Symbolic names the agent understands and reports (PROTOCOL.md, "Values"):
 * errno names both ways, signal names both ways (SIGRTMIN+n for real-time
 * signals), si_code names, and the QNX constants a program may name.
 */
#ifndef QHIL_SYMTAB_H
#define QHIL_SYMTAB_H

#include <stdbool.h>
#include <stddef.h>

struct sym {
	const char *name;
	long long   value;
};

extern const struct sym sym_errno_table[];
extern const unsigned   sym_errno_count;
extern const struct sym sym_signal_table[];
extern const unsigned   sym_signal_count;
extern const struct sym sym_si_code_table[];
extern const unsigned   sym_si_code_count;
extern const struct sym sym_const_table[];
extern const unsigned   sym_const_count;

/* Any known name (constant, errno, signal incl. SIGRTMIN+n / SIGRTMAX-n). */
bool sym_lookup(const char *name, size_t len, long long *value);

/* errno value -> name; NULL when the value has no name in this build. */
const char *sym_errno_name(int err);
/* The errno name, or its decimal value when it has none; out has >= 16 bytes. */
const char *sym_errno_text(int err, char *out, size_t cap);

/* signal number -> "SIGUSR1" / "SIGRTMIN+3"; false when unknown. */
bool sym_signal_name(int signo, char *out, size_t cap);

/* si_code -> "SI_QUEUE"; NULL when the code has no name. */
const char *sym_si_code_name(int code);

#endif
