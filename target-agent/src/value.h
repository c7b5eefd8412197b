/*
 * Value resolution (PROTOCOL.md, "Values"): integer literals, QNX symbols,
 * $name references and comma-separated lists OR-ed together.
 */
#ifndef QHIL_VALUE_H
#define QHIL_VALUE_H

#include <stdbool.h>
#include <stddef.h>

enum val_status { VAL_OK, VAL_ERROR, VAL_PENDING };

/*
 * Looks up a $name reference (name without '$'). Returns VAL_OK with the value,
 * VAL_PENDING when the value is not known yet, VAL_ERROR with a message in err.
 */
typedef enum val_status (*ref_lookup_fn)(void *ctx, const char *name, size_t len,
                                         long long *value, char *err, size_t errcap);

/* Decimal or 0x-hex integer with optional '-', no overflow; false otherwise. */
bool value_parse_int(const char *s, size_t len, long long *out);

/* [A-Za-z_][A-Za-z0-9_]*, at most max chars. */
bool value_is_name(const char *s, size_t len, size_t max);

/*
 * Resolves s[0..len): one element, or when list is true a comma-separated list
 * whose elements are OR-ed. Writes a message naming the bad element on error.
 */
enum val_status value_resolve(const char *s, size_t len, bool list,
                              ref_lookup_fn lookup, void *ctx,
                              long long *out, char *err, size_t errcap);

/* Number of elements of a comma-separated list (empty elements count too). */
unsigned value_list_count(const char *s, size_t len);
/* The i-th element of a comma-separated list. */
void value_list_elem(const char *s, size_t len, unsigned i,
                     const char **elem, size_t *elen);

#endif
