/*
 * What a latency client keeps of its samples: a linear histogram (cyclictest
 * style, with an overflow count), a log-linear histogram covering every value
 * with 1/64 relative resolution (the compact encoding the controller turns
 * into HdrHistogram percentiles), min/mean/max, the worst samples with their
 * index and time, the maximum per window of K samples and, optionally, the
 * first N samples verbatim. Every array is allocated and touched by
 * lat_stats_init(); lat_stats_add() never allocates and makes no call.
 */
#ifndef QHIL_LAT_STATS_H
#define QHIL_LAT_STATS_H

#include "latency.h"

#include <stdbool.h>
#include <stdint.h>

/* Log-linear buckets: values below 128 exactly, then 64 buckets per power of two. */
#define LOGLIN_SUB_BITS   6
#define LOGLIN_DIRECT     128u
#define LOGLIN_BUCKETS    (LOGLIN_DIRECT + 57u * 64u)

struct lat_worst {
	uint64_t ns;
	uint64_t index;
	uint64_t t_ns;      /* since the first measured sample */
};

struct lat_stats {
	uint64_t  count, sum_ns, min_ns, max_ns;
	uint32_t  bucket_ns, nbuckets;
	uint64_t *buckets;
	uint64_t  overflow;
	uint64_t *loglin;                   /* LOGLIN_BUCKETS */
	uint32_t  nworst;
	struct lat_worst worst[LAT_WORST_MAX];
	uint32_t  worst_min;                /* slot of the smallest kept worst */
	uint32_t  window;
	uint64_t  in_window, window_max;
	uint32_t *windows;                  /* maximum per full or final window, ns */
	uint32_t  nwindows, windows_cap;
	uint32_t *raw;                      /* first raw_cap samples, ns (saturated) */
	uint32_t  raw_cap, nraw;
	uint64_t  t_first;                  /* ns timestamp of the first measured sample */
};

/* Allocates and touches every array; false (errno ENOMEM) when it cannot. */
bool lat_stats_init(struct lat_stats *s, const struct lat_config *c);
void lat_stats_free(struct lat_stats *s);

unsigned loglin_index(uint64_t v);
uint64_t loglin_low(unsigned index);    /* smallest value of a bucket */

/* One sample of ns nanoseconds taken at time t_ns. */
static inline void lat_stats_add(struct lat_stats *s, uint64_t ns, uint64_t t_ns)
{
	uint64_t idx = ns / s->bucket_ns;
	if (s->count == 0) {
		s->t_first = t_ns;
		s->min_ns = ns;
	}
	if (ns < s->min_ns)
		s->min_ns = ns;
	if (ns > s->max_ns)
		s->max_ns = ns;
	s->sum_ns += ns;
	if (idx < s->nbuckets)
		s->buckets[idx]++;
	else
		s->overflow++;
	s->loglin[loglin_index(ns)]++;
	if (s->nraw < s->raw_cap)
		s->raw[s->nraw++] = ns > UINT32_MAX ? UINT32_MAX : (uint32_t)ns;
	if (ns > s->window_max)
		s->window_max = ns;
	if (++s->in_window == s->window) {
		s->windows[s->nwindows++] = s->window_max > UINT32_MAX ? UINT32_MAX : (uint32_t)s->window_max;
		s->in_window = 0;
		s->window_max = 0;
	}
	if (s->nworst > 0 && ns > s->worst[s->worst_min].ns) {
		struct lat_worst *w = &s->worst[s->worst_min];
		w->ns = ns;
		w->index = s->count;
		w->t_ns = t_ns - s->t_first;
		for (uint32_t i = 0; i < s->nworst; i++)
			if (s->worst[i].ns < s->worst[s->worst_min].ns)
				s->worst_min = i;
	}
	s->count++;
}

struct lat_clock {
	uint64_t hz;
	uint64_t reads;
	double   min_ns, mean_ns, max_ns;   /* cost of one ClockCycles() read */
};

/* Measures the clock read back to back (before the loop). */
void lat_clock_measure(struct lat_clock *k, uint64_t reads);

struct lat_server_report {
	uint64_t waited_for_client;         /* periods that started with the client not done */
	uint64_t late_periods;              /* periods the server woke more than one interval late */
};

struct json;
/* The buffer every latency record is built in. */
struct json *lat_json(void);

/* Emits latency_histogram, latency_loglin, latency_windows, latency_samples
 * and latency_result records. */
void lat_stats_emit(const struct lat_stats *s, const struct lat_config *c,
                    const struct lat_clock *k, const struct lat_server_report *srv);

#endif
