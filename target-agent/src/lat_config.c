/* The "latency" command line: keys, bounds, defaults (PROTOCOL.md). */
#include "latency.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = { "pulse", "signal", "memory", "thread", "sendrecv" };
static const char *const load_names[] = { "none", "cpu", "memory" };
static const char *const policy_names[] = { "inherit", "fifo", "rr" };

const char *lat_kind_name(enum lat_kind k) { return kind_names[k]; }
const char *lat_load_name(enum lat_load l) { return load_names[l]; }
const char *lat_policy_name(enum lat_policy p) { return policy_names[p]; }

static void defaults(struct lat_config *c)
{
	memset(c, 0, sizeof *c);
	snprintf(c->id, sizeof c->id, "latency");
	c->kind = LAT_PULSE;
	c->registered = true;
	c->iterations = 10000;
	c->warmup = 100;
	c->interval_us = 1000;
	c->policy = POLICY_INHERIT;
	c->cpu_server = c->cpu_client = c->load_cpu = -1;
	c->bucket_ns = 1000;
	c->buckets = 1000;
	c->worst = 10;
	c->window = 1000;
	c->load_policy = POLICY_INHERIT;
	c->load_mib = 16;
	c->timeout_ms = 2000;
}

static int lookup(const char *v, size_t n, const char *const *names, int count)
{
	for (int i = 0; i < count; i++)
		if (strlen(names[i]) == n && memcmp(names[i], v, n) == 0)
			return i;
	return -1;
}

static bool number(const char *v, size_t n, long long lo, long long hi, long long *out)
{
	char buf[32], *end;
	long long x;
	if (n == 0 || n >= sizeof buf)
		return false;
	memcpy(buf, v, n);
	buf[n] = '\0';
	errno = 0;
	x = strtoll(buf, &end, 10);
	if (errno != 0 || *end != '\0' || x < lo || x > hi)
		return false;
	*out = x;
	return true;
}

struct num_key {
	const char *key;
	long long   lo, hi;
	size_t      off;
	int         width;      /* 4: int32/uint32, 8: uint64, 1: bool */
};

#define NK(k, lo, hi, f) { k, lo, hi, offsetof(struct lat_config, f), (int)sizeof(((struct lat_config *)0)->f) }
static const struct num_key num_keys[] = {
	NK("iterations", 1, (long long)LAT_ITER_MAX, iterations),
	NK("warmup", 0, 10000000, warmup),
	NK("interval_us", 0, 10000000, interval_us),
	NK("priority", 1, 255, priority),
	NK("cpu_server", -1, 31, cpu_server),
	NK("cpu_client", -1, 31, cpu_client),
	NK("bucket_ns", 1, 100000000, bucket_ns),
	NK("buckets", 1, LAT_BUCKETS_MAX, buckets),
	NK("worst", 0, LAT_WORST_MAX, worst),
	NK("window", 1, 100000000, window),
	NK("raw", 0, LAT_RAW_MAX, raw),
	NK("load_priority", 1, 255, load_priority),
	NK("load_cpu", -1, 31, load_cpu),
	NK("load_mib", 1, 256, load_mib),
	NK("timeout_ms", 10, 60000, timeout_ms),
	NK("registered", 0, 1, registered),
};

static void store(struct lat_config *c, const struct num_key *k, long long v)
{
	char *p = (char *)c + k->off;
	if (k->width == 8) {
		uint64_t x = (uint64_t)v;
		memcpy(p, &x, 8);
	} else if (k->width == 4) {
		int32_t x = (int32_t)v;
		memcpy(p, &x, 4);
	} else {
		bool x = v != 0;
		memcpy(p, &x, sizeof x);
	}
}

static bool set_symbolic(struct lat_config *c, const char *k, size_t kn,
                         const char *v, size_t vn, char *err, size_t cap)
{
	int x;
#define KEY(s) (kn == strlen(s) && memcmp(k, s, kn) == 0)
	if (KEY("id")) {
		if (vn == 0 || vn > LAT_ID_MAX) {
			snprintf(err, cap, "id must be 1..%d characters", LAT_ID_MAX);
			return false;
		}
		for (size_t i = 0; i < vn; i++) {
			char ch = v[i];
			if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			      (ch >= '0' && ch <= '9') || strchr("_.:-", ch))) {
				snprintf(err, cap, "id: character '%c' is not [A-Za-z0-9_.:-]", ch);
				return false;
			}
		}
		memcpy(c->id, v, vn);
		c->id[vn] = '\0';
		return true;
	}
	if (KEY("kind") && (x = lookup(v, vn, kind_names, 5)) >= 0) {
		c->kind = (enum lat_kind)x;
		return true;
	}
	if (KEY("load") && (x = lookup(v, vn, load_names, 3)) >= 0) {
		c->load = (enum lat_load)x;
		return true;
	}
	if (KEY("policy") && (x = lookup(v, vn, policy_names, 3)) >= 0) {
		c->policy = (enum lat_policy)x;
		return true;
	}
	if (KEY("load_policy") && (x = lookup(v, vn, policy_names, 3)) >= 0) {
		c->load_policy = (enum lat_policy)x;
		return true;
	}
	if (KEY("kind") || KEY("load") || KEY("policy") || KEY("load_policy")) {
		snprintf(err, cap, "%.*s: unknown value '%.*s'", (int)kn, k,
		         (int)(vn > 32 ? 32 : vn), v);
		return false;
	}
#undef KEY
	snprintf(err, cap, "unknown key '%.*s'", (int)(kn > 32 ? 32 : kn), k);
	return false;
}

static bool set_key(struct lat_config *c, const char *k, size_t kn,
                    const char *v, size_t vn, char *err, size_t cap)
{
	for (size_t i = 0; i < sizeof num_keys / sizeof num_keys[0]; i++) {
		const struct num_key *nk = &num_keys[i];
		long long x;
		if (strlen(nk->key) != kn || memcmp(nk->key, k, kn) != 0)
			continue;
		if (!number(v, vn, nk->lo, nk->hi, &x)) {
			snprintf(err, cap, "%s: '%.*s' is not an integer in %lld..%lld", nk->key,
			         (int)(vn > 32 ? 32 : vn), v, nk->lo, nk->hi);
			return false;
		}
		store(c, nk, x);
		return true;
	}
	return set_symbolic(c, k, kn, v, vn, err, cap);
}

static bool check(const struct lat_config *c, char *err, size_t cap)
{
	if ((c->policy == POLICY_INHERIT) != (c->priority == 0)) {
		snprintf(err, cap, "priority goes with policy=fifo or policy=rr (and they need one)");
		return false;
	}
	if ((c->load_policy == POLICY_INHERIT) != (c->load_priority == 0)) {
		snprintf(err, cap, "load_priority goes with load_policy=fifo or rr (and they need one)");
		return false;
	}
	if ((c->iterations + c->window - 1) / c->window > LAT_WINDOWS_MAX) {
		snprintf(err, cap, "iterations/window is more than %u windows: use a larger window",
		         LAT_WINDOWS_MAX);
		return false;
	}
	if (c->raw > c->iterations) {
		snprintf(err, cap, "raw (%u) is more than iterations", c->raw);
		return false;
	}
	if (c->kind == LAT_SENDRECV && !c->registered) {
		snprintf(err, cap, "kind=sendrecv delivers no event: registered=0 does not apply");
		return false;
	}
	return true;
}

bool lat_config_parse(struct lat_config *c, const char *line, size_t n,
                      char *err, size_t cap)
{
	size_t i = 0;
	defaults(c);
	while (i < n && line[i] != ' ')      /* the command word */
		i++;
	while (i < n) {
		size_t start, eq = 0, end;
		while (i < n && line[i] == ' ')
			i++;
		if (i >= n)
			break;
		start = i;
		while (i < n && line[i] != ' ') {
			if (line[i] == '=' && eq == 0)
				eq = i;
			i++;
		}
		end = i;
		if (eq == 0) {
			snprintf(err, cap, "'%.*s' is not key=value",
			         (int)(end - start > 32 ? 32 : end - start), &line[start]);
			return false;
		}
		if (!set_key(c, &line[start], eq - start, &line[eq + 1], end - eq - 1, err, cap))
			return false;
	}
	return check(c, err, cap);
}
