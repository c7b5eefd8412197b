/*
 * Latency loops of the agent on the simulated board: every delivery kind
 * yields consistent records (histogram, log-linear buckets, windows, worst
 * samples, raw samples all add up to the sample count), refusals and bad
 * options end as "unsupported" / "broken" with a reason, and the agent's
 * processes stay under 4 MiB resident during a million-sample run.
 *
 * No timing is asserted: only counts, structure and memory.
 */
#include "run_agent.h"
#include "tap.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *const no_env[] = { NULL };

/* Sum of c over "key":[[i,c],...] in every record containing type and id. */
static unsigned long long sum_pairs(const struct agent *a, const char *type, const char *id,
                                    int *records)
{
	unsigned long long sum = 0;
	*records = 0;
	for (int r = 0; r < a->n; r++) {
		const char *p;
		if (!strstr(a->rec[r], type) || !strstr(a->rec[r], id))
			continue;
		(*records)++;
		p = strstr(a->rec[r], "\"counts\":[");
		if (!p)
			continue;
		p += strlen("\"counts\":[");
		while (*p == '[' || *p == ',') {
			unsigned long long idx, c;
			int used = 0;
			if (*p == ',')
				p++;
			if (sscanf(p, "[%llu,%llu]%n", &idx, &c, &used) != 2 || used == 0)
				break;
			sum += c;
			p += used;
		}
	}
	return sum;
}

/* Number of values in "key":[v,...] over every record of a type. */
static long count_values(const struct agent *a, const char *type, const char *key)
{
	long n = 0;
	char pat[64];
	snprintf(pat, sizeof pat, "\"%s\":[", key);
	for (int r = 0; r < a->n; r++) {
		const char *p;
		if (!strstr(a->rec[r], type) || !(p = strstr(a->rec[r], pat)))
			continue;
		p += strlen(pat);
		if (*p == ']')
			continue;
		for (n++; *p && *p != ']'; p++)
			if (*p == ',')
				n++;
	}
	return n;
}

static bool worst_sorted(const char *result, int expect)
{
	const char *p = strstr(result, "\"worst\":[");
	unsigned long long prev = ~0ull, idx, ns;
	int n = 0;
	if (!p)
		return false;
	while ((p = strstr(p, "{\"index\":")) != NULL) {
		if (sscanf(p, "{\"index\":%llu,\"ns\":%llu", &idx, &ns) != 2 || ns > prev)
			return false;
		prev = ns;
		n++;
		p++;
	}
	return n == expect;
}

#define EMU_SIGCODE "qemu-user: rt_sigqueueinfo() with a code of no known layout fails (E2BIG)"
#define EMU_LOOPS   "timing-bound loop (per-sample deadlines): under qemu-user it times the emulator"
#define EMU_TIMING  "under qemu-user: RSS counts the emulator, and a million samples take minutes"

static void test_kind(const char *label, const char *kind, const char *extra)
{
	struct agent a;
	char cmd[512], id[64];
	if (test_emulated()) {
		/* every sample has a deadline; under qemu-user the loops time the
		 * emulator (and signal events cannot carry their code, E2BIG) */
		tap_skip(strcmp(kind, "signal") == 0 ? EMU_SIGCODE : EMU_LOOPS,
		         "%s: measurement", label);
		return;
	}
	const char *end, *res;
	int hrec, lrec;
	unsigned long long hist, loglin;
	snprintf(id, sizeof id, "\"id\":\"k-%s\"", label);
	snprintf(cmd, sizeof cmd, "latency id=k-%s kind=%s iterations=3000 warmup=50 interval_us=100 "
	         "bucket_ns=500 buckets=40 worst=5 window=400 raw=777 %s\n", label, kind, extra);
	kind = label;
	agent_start(&a, no_env);
	agent_send(&a, cmd);
	end = agent_wait_for(&a, "latency_end", 120000);
	res = rec_find(&a, "\"type\":\"latency_result\"", id);
	if (!tap_ok(end && strstr(end, "\"status\":\"ok\"") && res, "%s: the measurement ends ok with a result", kind))
		tap_diag("%s: end record: %s", kind, end ? end : "(none within 120 s)");
	hist = sum_pairs(&a, "\"type\":\"latency_histogram\"", id, &hrec);
	loglin = sum_pairs(&a, "\"type\":\"latency_loglin\"", id, &lrec);
	tap_ok(res && rec_int(res, "count", -1) == 3000 &&
	       hist + (unsigned long long)rec_int(res, "overflow", -1) == 3000,
	       "%s: 3000 samples counted; linear buckets + overflow = count (%llu + %lld)",
	       kind, hist, res ? rec_int(res, "overflow", -1) : -1);
	tap_ok(loglin == 3000 && lrec >= 1, "%s: log-linear buckets hold every sample (%llu)", kind, loglin);
	tap_ok(count_values(&a, "\"type\":\"latency_windows\"", "max_ns") == 8,
	       "%s: one maximum per 400-sample window, the last one partial (8)", kind);
	tap_ok(count_values(&a, "\"type\":\"latency_samples\"", "ns") == 777,
	       "%s: the first 777 samples verbatim", kind);
	tap_ok(res && rec_int(res, "min_ns", -1) <= rec_int(res, "mean_ns", -2) &&
	       rec_int(res, "mean_ns", -2) <= rec_int(res, "max_ns", -3) && worst_sorted(res, 5),
	       "%s: min <= mean <= max; 5 worst samples, largest first", kind);
	tap_ok(res && strstr(res, "\"overhead_mean_ns\":") && strstr(res, "\"source\":\"CLOCK_MONOTONIC\""),
	       "%s: the clock's own read overhead is reported", kind);
	agent_finish(&a, 10000);
	tap_ok(a.garbled == 0, "%s: no garbled record", kind);
	agent_free(&a);
}

static void test_unregistered(void)
{
	static const char *const u_env[] = { "QNXSIM_PROCNTO_U=1", NULL };
	struct agent a;
	const char *end;
	agent_start(&a, no_env);
	agent_send(&a, "latency id=u0 kind=signal registered=0 iterations=100 interval_us=100\n");
	end = agent_wait_for(&a, "latency_end", 30000);
	tap_ok(end && strstr(end, "\"status\":\"unsupported\"") && strstr(end, "-U"),
	       "unregistered event on a default procnto: unsupported, naming procnto -U");
	tap_ok(!rec_find(&a, "latency_result", NULL), "no result for a refused configuration");
	agent_finish(&a, 10000);
	agent_free(&a);
	{
		/* The client was killed (it waited for an event that never came): the
		 * agent lets the node reclaim it, and the node goes with its last user. */
		char path[128];
		snprintf(path, sizeof path, "/dev/shm%s", agent_node());
		tap_ok(access(path, F_OK) != 0, "no qnxsim node left after a refused measurement (%s)", path);
	}
	agent_start(&a, u_env);
	agent_send(&a, "latency id=u1 kind=pulse registered=0 iterations=300 interval_us=100\n");
	end = agent_wait_for(&a, "latency_end", 30000);
	tap_ok(end && strstr(end, "\"status\":\"ok\"") &&
	       rec_int(rec_find(&a, "latency_result", NULL) ? rec_find(&a, "latency_result", NULL) : "", "count", 0) == 300,
	       "unregistered pulse with procnto -U: measured");
	agent_finish(&a, 10000);
	agent_free(&a);
}

static void test_bad_options(void)
{
	static const struct { const char *line, *says; } cases[] = {
		{ "latency kind=smoke\n", "kind: unknown value 'smoke'" },
		{ "latency iterations=0\n", "iterations: '0' is not an integer" },
		{ "latency bogus=1\n", "unknown key 'bogus'" },
		{ "latency priority=10\n", "priority goes with policy" },
		{ "latency iterations=100 raw=101\n", "raw (101) is more than iterations" },
		{ "latency iterations\n", "'iterations' is not key=value" },
		{ "latency iterations=100000000 window=1\n", "windows" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct agent a;
		const char *end;
		agent_start(&a, no_env);
		agent_send(&a, cases[i].line);
		end = agent_wait_for(&a, "latency_end", 10000);
		tap_ok(end && strstr(end, "\"status\":\"broken\"") && strstr(end, cases[i].says) &&
		       rec_find(&a, "\"type\":\"error\"", cases[i].says),
		       "bad option %zu: error record and broken end saying \"%s\"", i, cases[i].says);
		agent_finish(&a, 10000);
		agent_free(&a);
	}
}

static long status_kb(pid_t pid, const char *field)
{
	char path[64], line[256];
	long kb = -1;
	size_t n = strlen(field);
	FILE *f;
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if (!(f = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, field, n) == 0 && line[n] == ':')
			kb = strtol(line + n + 1, NULL, 10);
	fclose(f);
	return kb;
}

static pid_t parent_of(pid_t pid)
{
	return (pid_t)status_kb(pid, "PPid");
}

struct peak {
	long hwm, own, shmem;       /* KiB: VmHWM, RssAnon + RssFile, RssShmem */
	int  samples;
};

static void sample_one(pid_t pid, struct peak *p)
{
	long hwm = status_kb(pid, "VmHWM"), anon = status_kb(pid, "RssAnon"),
	     file = status_kb(pid, "RssFile"), shm = status_kb(pid, "RssShmem");
	if (hwm <= 0 || anon < 0 || file < 0)
		return;
	p->samples++;
	if (hwm > p->hwm)
		p->hwm = hwm;
	if (anon + file > p->own)
		p->own = anon + file;
	if (shm > p->shmem)
		p->shmem = shm;
}

/*
 * Peaks of the agent and of its children (server, client), sampled while it
 * runs. The measuring processes lock everything they map (mlockall), which
 * here includes qnxsim's node segment (RssShmem, about 1.8 MiB): that is the
 * simulated kernel's state, which on QNX lives in procnto, so the bound is
 * on the memory of the agent itself (RssAnon + RssFile: its heap, stack,
 * data and the program and libc pages it locked).
 */
static void sample_memory(pid_t agent, struct peak *coord, struct peak *children)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	sample_one(agent, coord);
	while (d && (e = readdir(d)) != NULL) {
		pid_t pid = (pid_t)atoi(e->d_name);
		if (pid > 0 && parent_of(pid) == agent)
			sample_one(pid, children);
	}
	if (d)
		closedir(d);
}

/* Under qemu-user (the aarch64 build's tests) the process is the emulator: its memory is not the agent's. */
static __attribute__((unused)) bool emulated(pid_t pid)
{
	char path[64], exe[512];
	ssize_t n;
	snprintf(path, sizeof path, "/proc/%d/exe", (int)pid);
	n = readlink(path, exe, sizeof exe - 1);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	return strstr(exe, "qemu") != NULL;
}

static void test_million_rss(void)
{
	struct agent a;
	const char *end = NULL, *res;
	if (test_emulated()) {
		tap_skip(EMU_TIMING, "a million-sample pulse run stays under 4 MiB resident");
		return;
	}
	struct peak coord = { 0, 0, 0, 0 }, kids = { 0, 0, 0, 0 };
	agent_start(&a, no_env);
	agent_send(&a, "latency id=m kind=pulse iterations=1000000 warmup=1000 interval_us=0 "
	           "cpu_server=0 cpu_client=0 buckets=10000 bucket_ns=100 worst=64 window=1000 raw=20000\n");
	for (int i = 0; i < 6000 && !end; i++) {
		sample_memory(a.pid, &coord, &kids);
		end = agent_wait_for(&a, "latency_end", 100);
	}
	res = rec_find(&a, "latency_result", NULL);
	tap_ok(end && strstr(end, "\"status\":\"ok\"") && res && rec_int(res, "count", 0) == 1000000,
	       "a million-sample pulse run completes");
	tap_diag("coordinator: VmHWM %ld KiB; measuring processes: RssAnon+RssFile %ld KiB, "
	         "RssShmem (qnxsim node) %ld KiB, VmHWM %ld KiB (%d samples)",
	         coord.hwm, kids.own, kids.shmem, kids.hwm, kids.samples);
#if defined(__SANITIZE_ADDRESS__)
	/* ASan's shadow memory and allocator count in RSS: the bound holds for
	 * the plain builds, where it is checked. */
	tap_skip("ASan build: shadow memory counts as resident", "the coordinator stays under "
	         "4 MiB resident (VmHWM %ld KiB)", coord.hwm);
	tap_skip("ASan build: shadow memory counts as resident", "the measuring processes stay "
	         "under 4 MiB of their own (%ld KiB)", kids.own);
#else
	if (emulated(a.pid)) {
		tap_skip("under qemu-user the resident memory is the emulator's", "the coordinator stays "
		         "under 4 MiB resident (VmHWM %ld KiB)", coord.hwm);
		tap_skip("under qemu-user the resident memory is the emulator's", "the measuring "
		         "processes stay under 4 MiB of their own (%ld KiB)", kids.own);
	} else {
		tap_ok(coord.hwm > 0 && coord.hwm < 4096,
		       "the coordinator stays under 4 MiB resident (VmHWM %ld KiB)", coord.hwm);
		tap_ok(kids.samples > 0 && kids.own > 0 && kids.own < 4096,
		       "the measuring processes stay under 4 MiB of their own (%ld KiB)", kids.own);
	}
#endif
	agent_finish(&a, 10000);
	agent_free(&a);
}

int main(void)
{
	test_bad_options();
	test_kind("pulse", "pulse", "");
	test_kind("signal", "signal", "cpu_server=0 cpu_client=0");
	test_kind("memory", "memory", "cpu_server=0 cpu_client=1");
	test_kind("thread", "thread", "");
	test_kind("sendrecv", "sendrecv", "load=cpu");
	test_kind("pulse-under-memory-churn", "pulse", "load=memory load_mib=4");
	test_kind("signal-fifo-under-cpu-hog", "signal",
	          "policy=fifo priority=20 load=cpu load_policy=fifo load_priority=10 load_cpu=0 cpu_client=0 cpu_server=0");
	test_unregistered();
	test_million_rss();
	agent_cleanup_node();
	return tap_done();
}
