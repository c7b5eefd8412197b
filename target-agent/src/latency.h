/*
 * Latency loops of the event delivery path (PROTOCOL.md, "Latency runs").
 *
 * One "latency key=value ..." command measures one configuration: the
 * coordinator forks a server and a client process (and load actors when asked),
 * the server paces MsgDeliverEvent() at absolute times, the client records the
 * time from just before the server's call to its own wake-up. Everything the
 * loop touches is allocated, touched and locked (mlockall) before it starts;
 * inside it there is no I/O and no allocation. Results leave as records once
 * the loop is over.
 */
#ifndef QHIL_LATENCY_H
#define QHIL_LATENCY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LAT_ID_MAX          128
#define LAT_ITER_MAX        100000000ull
#define LAT_BUCKETS_MAX     100000u
#define LAT_WORST_MAX       64u
#define LAT_WINDOWS_MAX     65536u
#define LAT_RAW_MAX         262144u

enum lat_kind { LAT_PULSE, LAT_SIGNAL, LAT_MEMORY, LAT_THREAD, LAT_SENDRECV };
enum lat_load { LOAD_NONE, LOAD_CPU, LOAD_MEMORY };
enum lat_policy { POLICY_INHERIT, POLICY_FIFO, POLICY_RR };

struct lat_config {
	char            id[LAT_ID_MAX + 1];
	enum lat_kind   kind;
	bool            registered;
	uint64_t        iterations;         /* measured samples */
	uint64_t        warmup;             /* samples taken first and not counted */
	uint32_t        interval_us;        /* pacing period, 0 = back to back */
	enum lat_policy policy;
	int             priority;           /* for FIFO/RR */
	int             cpu_server, cpu_client;   /* -1: not pinned */
	uint32_t        bucket_ns, buckets; /* linear histogram */
	uint32_t        worst;              /* worst samples kept */
	uint32_t        window;             /* K: one maximum per K samples */
	uint32_t        raw;                /* first N samples kept verbatim */
	enum lat_load   load;
	enum lat_policy load_policy;
	int             load_priority;
	int             load_cpu;           /* -1: not pinned */
	uint32_t        load_mib;           /* memory churn block size */
	uint32_t        timeout_ms;         /* a sample not taken within: broken */
};

const char *lat_kind_name(enum lat_kind k);
const char *lat_load_name(enum lat_load l);
const char *lat_policy_name(enum lat_policy p);

/* Parses "latency key=value ..." (the whole line); false with a message in err. */
bool lat_config_parse(struct lat_config *c, const char *line, size_t n,
                      char *err, size_t cap);

/* Runs one measurement and emits its records (ends with latency_end). */
void latency_run(const char *line, size_t n, unsigned lineno);

/* Kills every process a measurement started (termination handler). */
void latency_kill_all(void);

#endif
