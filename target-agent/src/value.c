#include "value.h"

#include "symtab.h"

#include <limits.h>
#include <stdio.h>

bool value_parse_int(const char *s, size_t len, long long *out)
{
	bool neg = false;
	unsigned base = 10;
	unsigned long long acc = 0, limit;
	size_t i = 0;
	if (len > 0 && s[0] == '-') {
		neg = true;
		i = 1;
	}
	if (len - i > 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
		base = 16;
		i += 2;
	}
	if (i >= len)
		return false;
	limit = neg ? (unsigned long long)LLONG_MAX + 1u : (unsigned long long)LLONG_MAX;
	for (; i < len; i++) {
		unsigned d;
		char c = s[i];
		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (base == 16 && c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else if (base == 16 && c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else
			return false;
		if (acc > (limit - d) / base)
			return false;
		acc = acc * base + d;
	}
	if (neg)
		*out = acc == (unsigned long long)LLONG_MAX + 1u ? LLONG_MIN : -(long long)acc;
	else
		*out = (long long)acc;
	return true;
}

bool value_is_name(const char *s, size_t len, size_t max)
{
	if (len == 0 || len > max)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
		if (!alpha && (i == 0 || c < '0' || c > '9'))
			return false;
	}
	return true;
}

unsigned value_list_count(const char *s, size_t len)
{
	unsigned n = 1;
	for (size_t i = 0; i < len; i++)
		if (s[i] == ',')
			n++;
	return n;
}

void value_list_elem(const char *s, size_t len, unsigned idx,
                     const char **elem, size_t *elen)
{
	size_t start = 0, i;
	unsigned n = 0;
	for (i = 0; i <= len; i++) {
		if (i == len || s[i] == ',') {
			if (n == idx) {
				*elem = s + start;
				*elen = i - start;
				return;
			}
			n++;
			start = i + 1;
		}
	}
	*elem = s + len;
	*elen = 0;
}

static enum val_status resolve_one(const char *s, size_t len, ref_lookup_fn lookup,
                                   void *ctx, long long *out, char *err, size_t cap)
{
	if (len == 0) {
		snprintf(err, cap, "empty value");
		return VAL_ERROR;
	}
	if (s[0] == '$') {
		if (!value_is_name(s + 1, len - 1, 31)) {
			snprintf(err, cap, "bad reference '%.*s'", (int)len, s);
			return VAL_ERROR;
		}
		return lookup(ctx, s + 1, len - 1, out, err, cap);
	}
	if ((s[0] >= '0' && s[0] <= '9') || s[0] == '-') {
		if (value_parse_int(s, len, out))
			return VAL_OK;
		snprintf(err, cap, "bad integer '%.*s'", (int)len, s);
		return VAL_ERROR;
	}
	if (sym_lookup(s, len, out))
		return VAL_OK;
	snprintf(err, cap, "unknown symbol '%.*s'", (int)len, s);
	return VAL_ERROR;
}

enum val_status value_resolve(const char *s, size_t len, bool list,
                              ref_lookup_fn lookup, void *ctx,
                              long long *out, char *err, size_t errcap)
{
	unsigned n = value_list_count(s, len);
	long long acc = 0;
	if (n > 1 && !list) {
		snprintf(err, errcap, "a list is not allowed here: '%.*s'", (int)len, s);
		return VAL_ERROR;
	}
	for (unsigned i = 0; i < n; i++) {
		const char *e;
		size_t elen;
		long long v;
		enum val_status st;
		value_list_elem(s, len, i, &e, &elen);
		st = resolve_one(e, elen, lookup, ctx, &v, err, errcap);
		if (st != VAL_OK)
			return st;
		acc = n > 1 ? (long long)((unsigned long long)acc | (unsigned long long)v) : v;
	}
	*out = acc;
	return VAL_OK;
}
