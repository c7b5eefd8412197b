#include "lat_stats.h"

#include "framing.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/neutrino.h>
#include <sys/syspage.h>

unsigned loglin_index(uint64_t v)
{
	unsigned b, shift;
	if (v < LOGLIN_DIRECT)
		return (unsigned)v;
	b = 63u - (unsigned)__builtin_clzll(v);           /* 7..63 */
	shift = b - LOGLIN_SUB_BITS;
	return LOGLIN_DIRECT + (b - 7u) * 64u + (unsigned)((v >> shift) - 64u);
}

uint64_t loglin_low(unsigned index)
{
	unsigned b, m;
	if (index < LOGLIN_DIRECT)
		return index;
	b = 7u + (index - LOGLIN_DIRECT) / 64u;
	m = 64u + (index - LOGLIN_DIRECT) % 64u;
	return (uint64_t)m << (b - LOGLIN_SUB_BITS);
}

static void *alloc_touched(size_t n, size_t size)
{
	void *p;
	if (n == 0)
		return NULL;
	p = calloc(n, size);
	if (p != NULL)
		memset(p, 0, n * size);       /* every page resident before mlockall */
	return p;
}

bool lat_stats_init(struct lat_stats *s, const struct lat_config *c)
{
	memset(s, 0, sizeof *s);
	s->bucket_ns = c->bucket_ns;
	s->nbuckets = c->buckets;
	s->nworst = c->worst;
	s->window = c->window;
	s->windows_cap = (uint32_t)((c->iterations + c->window - 1) / c->window);
	s->raw_cap = c->raw;
	s->buckets = alloc_touched(s->nbuckets, sizeof *s->buckets);
	s->loglin = alloc_touched(LOGLIN_BUCKETS, sizeof *s->loglin);
	s->windows = alloc_touched(s->windows_cap, sizeof *s->windows);
	s->raw = alloc_touched(s->raw_cap, sizeof *s->raw);
	if (!s->buckets || !s->loglin || !s->windows || (s->raw_cap && !s->raw)) {
		lat_stats_free(s);
		errno = ENOMEM;
		return false;
	}
	return true;
}

void lat_stats_free(struct lat_stats *s)
{
	free(s->buckets);
	free(s->loglin);
	free(s->windows);
	free(s->raw);
	s->buckets = s->loglin = NULL;
	s->windows = s->raw = NULL;
}

void lat_clock_measure(struct lat_clock *k, uint64_t reads)
{
	uint64_t hz = SYSPAGE_ENTRY(qtime)->cycles_per_sec;
	uint64_t dmin = UINT64_MAX, dmax = 0, prev = ClockCycles(), first = prev;
	double ns_per = 1e9 / (double)hz;
	for (uint64_t i = 0; i < reads; i++) {
		uint64_t now = ClockCycles(), d = now - prev;
		if (d < dmin)
			dmin = d;
		if (d > dmax)
			dmax = d;
		prev = now;
	}
	k->hz = hz;
	k->reads = reads;
	k->min_ns = (double)dmin * ns_per;
	k->max_ns = (double)dmax * ns_per;
	k->mean_ns = (double)(prev - first) * ns_per / (double)reads;
}

/* One record buffer for every latency record: the whole bss is locked by
 * mlockall() in the measuring processes, so each 64 KiB buffer counts. */
struct json *lat_json(void)
{
	static struct json j;
	return &j;
}

#define CHUNK_PAIRS    3000u
#define CHUNK_VALUES   5000u

static void head(struct json *j, const char *type, const struct lat_config *c)
{
	json_begin(j);
	json_str(j, "type", type);
	json_str(j, "id", c->id);
}

/* Sparse [[index,count],...] of the non-zero entries, several records when long. */
static void emit_sparse(const char *type, const struct lat_config *c, const uint64_t *v,
                        uint32_t n, void (*extra)(struct json *, const void *), const void *arg)
{
	struct json *j = lat_json();
	uint32_t i = 0, part = 0;
	char pair[48];
	do {
		uint32_t in_chunk = 0;
		head(j, type, c);
		json_uint(j, "part", part++);
		extra(j, arg);
		json_open_array(j, "counts");
		for (; i < n && in_chunk < CHUNK_PAIRS; i++) {
			if (v[i] == 0)
				continue;
			snprintf(pair, sizeof pair, "[%u,%llu]", i, (unsigned long long)v[i]);
			json_raw(j, NULL, pair);
			in_chunk++;
		}
		json_close_array(j);
		json_bool(j, "last", i >= n);
		json_end(j);
		record_emit(j);
	} while (i < n);
}

static void hist_extra(struct json *j, const void *arg)
{
	const struct lat_stats *s = arg;
	json_uint(j, "bucket_ns", s->bucket_ns);
	json_uint(j, "buckets", s->nbuckets);
	json_uint(j, "overflow", s->overflow);
}

static void loglin_extra(struct json *j, const void *arg)
{
	(void)arg;
	json_uint(j, "direct", LOGLIN_DIRECT);
	json_uint(j, "sub_bits", LOGLIN_SUB_BITS);
}

static void emit_values(const char *type, const char *key, const struct lat_config *c,
                        const uint32_t *v, uint32_t n, uint32_t window)
{
	struct json *j = lat_json();
	uint32_t i = 0;
	char num[16];
	while (i < n) {
		head(j, type, c);
		json_uint(j, "offset", i);
		if (window)
			json_uint(j, "window", window);
		json_open_array(j, key);
		for (uint32_t k = 0; i < n && k < CHUNK_VALUES; k++, i++) {
			snprintf(num, sizeof num, "%u", v[i]);
			json_raw(j, NULL, num);
		}
		json_close_array(j);
		json_bool(j, "last", i >= n);
		json_end(j);
		record_emit(j);
	}
}

/* Largest first; the earlier sample first among equals. */
static int by_worst(const void *a, const void *b)
{
	const struct lat_worst *x = a, *y = b;
	return x->ns != y->ns ? (x->ns < y->ns ? 1 : -1) : (x->index > y->index) - (x->index < y->index);
}

static void emit_result(const struct lat_stats *s, const struct lat_config *c,
                        const struct lat_clock *k, const struct lat_server_report *srv)
{
	struct json *j = lat_json();
	struct lat_worst w[LAT_WORST_MAX];
	uint32_t nw = 0;
	char fmt[64];
	memcpy(w, s->worst, s->nworst * sizeof w[0]);
	qsort(w, s->nworst, sizeof w[0], by_worst);
	nw = s->count < s->nworst ? (uint32_t)s->count : s->nworst;
	head(j, "latency_result", c);
	json_str(j, "kind", lat_kind_name(c->kind));
	json_bool(j, "registered", c->registered);
	json_str(j, "load", lat_load_name(c->load));
	json_str(j, "policy", lat_policy_name(c->policy));
	json_int(j, "priority", c->priority);
	json_int(j, "cpu_server", c->cpu_server);
	json_int(j, "cpu_client", c->cpu_client);
	json_uint(j, "iterations", c->iterations);
	json_uint(j, "warmup", c->warmup);
	json_uint(j, "interval_us", c->interval_us);
	json_uint(j, "count", s->count);
	json_uint(j, "min_ns", s->min_ns);
	json_uint(j, "max_ns", s->max_ns);
	json_uint(j, "mean_ns", s->count ? s->sum_ns / s->count : 0);
	json_uint(j, "overflow", s->overflow);
	json_open(j, "clock");
#ifdef __QNXSIM__
	json_str(j, "source", "CLOCK_MONOTONIC");
#else
	json_str(j, "source", "ClockCycles");
#endif
	json_uint(j, "hz", k->hz);
	json_uint(j, "reads", k->reads);
	snprintf(fmt, sizeof fmt, "%.1f", k->min_ns);
	json_raw(j, "overhead_min_ns", fmt);
	snprintf(fmt, sizeof fmt, "%.1f", k->mean_ns);
	json_raw(j, "overhead_mean_ns", fmt);
	snprintf(fmt, sizeof fmt, "%.1f", k->max_ns);
	json_raw(j, "overhead_max_ns", fmt);
	json_close(j);
	json_uint(j, "waited_for_client", srv->waited_for_client);
	json_uint(j, "late_periods", srv->late_periods);
	json_open_array(j, "worst");
	for (uint32_t i = 0; i < nw; i++) {
		snprintf(fmt, sizeof fmt, "{\"index\":%llu,\"ns\":%llu,\"t_ns\":%llu}",
		         (unsigned long long)w[i].index, (unsigned long long)w[i].ns,
		         (unsigned long long)w[i].t_ns);
		json_raw(j, NULL, fmt);
	}
	json_close_array(j);
	json_end(j);
	record_emit(j);
}

void lat_stats_emit(const struct lat_stats *s, const struct lat_config *c,
                    const struct lat_clock *k, const struct lat_server_report *srv)
{
	uint32_t nwin = s->nwindows;
	emit_sparse("latency_histogram", c, s->buckets, s->nbuckets, hist_extra, s);
	emit_sparse("latency_loglin", c, s->loglin, LOGLIN_BUCKETS, loglin_extra, NULL);
	if (s->in_window > 0 && nwin < s->windows_cap)   /* the last, partial window */
		s->windows[nwin++] = s->window_max > UINT32_MAX ? UINT32_MAX : (uint32_t)s->window_max;
	emit_values("latency_windows", "max_ns", c, s->windows, nwin, s->window);
	if (s->nraw)
		emit_values("latency_samples", "ns", c, s->raw, s->nraw, 0);
	emit_result(s, c, k, srv);
}
