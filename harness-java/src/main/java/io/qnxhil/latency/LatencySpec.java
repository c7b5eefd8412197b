package io.qnxhil.latency;

import io.qnxhil.plan.SourceLocation;

import java.time.Duration;
import java.util.Locale;

/**
 * One latency measurement of a plan: what the agent's {@code latency} command measures
 * (target-agent/PROTOCOL.md, "Latency runs") and where it was written.
 */
public record LatencySpec(String id, Kind kind, boolean registered, Load load, Policy policy, int priority,
                          int cpuServer, int cpuClient, long iterations, long warmup, long intervalUs,
                          long bucketNs, int buckets, int worst, long window, int raw,
                          Policy loadPolicy, int loadPriority, int loadCpu, int loadMib, int timeoutMs,
                          SourceLocation location) {

    public enum Kind { PULSE, SIGNAL, MEMORY, THREAD, SENDRECV }

    public enum Load { NONE, CPU, MEMORY }

    public enum Policy { INHERIT, FIFO, RR }

    public LatencySpec {
        if ((policy == Policy.INHERIT) != (priority == 0)) {
            throw new IllegalArgumentException("priority " + priority + " does not go with policy " + policy);
        }
    }

    /** The agent's command line for this measurement. */
    public String command() {
        StringBuilder sb = new StringBuilder("latency");
        arg(sb, "id", id);
        arg(sb, "kind", lower(kind));
        if (kind != Kind.SENDRECV) {
            arg(sb, "registered", registered ? "1" : "0");
        }
        arg(sb, "iterations", iterations);
        arg(sb, "warmup", warmup);
        arg(sb, "interval_us", intervalUs);
        if (policy != Policy.INHERIT) {
            arg(sb, "policy", lower(policy));
            arg(sb, "priority", priority);
        }
        arg(sb, "cpu_server", cpuServer);
        arg(sb, "cpu_client", cpuClient);
        arg(sb, "bucket_ns", bucketNs);
        arg(sb, "buckets", buckets);
        arg(sb, "worst", worst);
        arg(sb, "window", window);
        arg(sb, "raw", raw);
        arg(sb, "timeout_ms", timeoutMs);
        if (load != Load.NONE) {
            arg(sb, "load", lower(load));
            arg(sb, "load_cpu", loadCpu);
            arg(sb, "load_mib", loadMib);
            if (loadPolicy != Policy.INHERIT) {
                arg(sb, "load_policy", lower(loadPolicy));
                arg(sb, "load_priority", loadPriority);
            }
        }
        return sb.toString();
    }

    /**
     * How long the agent may take at most: its own bound (target-agent/src/latency.c: 10 s of set-up and
     * 5 ms a sample beyond its pacing, enough on a machine busy with other work) plus 10 s for the link.
     */
    public Duration bound() {
        long total = warmup + iterations;
        long us = 10_000_000L + total * (2 * intervalUs + 5000) + 10_000_000L;
        return Duration.ofNanos(us * 1000);
    }

    /** "pulse, registered, idle, fifo 20, CPUs 0/1" for tables and titles. */
    public String describe() {
        String prio = policy == Policy.INHERIT ? "default priority" : lower(policy) + " " + priority;
        String reg = kind == Kind.SENDRECV ? "round trip" : registered ? "registered" : "unregistered";
        return lower(kind) + ", " + reg + ", " + loadName() + ", " + prio + ", " + pinning();
    }

    public String loadName() {
        return load == Load.NONE ? "idle" : load == Load.CPU ? "CPU load" : "memory load";
    }

    public String pinning() {
        if (cpuServer < 0 && cpuClient < 0) {
            return "not pinned";
        }
        if (cpuServer == cpuClient) {
            return "both on CPU " + cpuServer;
        }
        return "server CPU " + (cpuServer < 0 ? "any" : cpuServer) + ", client CPU " + (cpuClient < 0 ? "any" : cpuClient);
    }

    /** The same measurement without load: its idle twin in side-by-side tables. */
    public String idleTwinKey() {
        return kind + "/" + registered + "/" + policy + "/" + priority + "/" + cpuServer + "/" + cpuClient;
    }

    public LatencySpec withPinning(String newId, int server, int client) {
        return new LatencySpec(newId, kind, registered, load, policy, priority, server, client, iterations, warmup,
                intervalUs, bucketNs, buckets, worst, window, raw, loadPolicy, loadPriority, loadCpu, loadMib,
                timeoutMs, location);
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static void arg(StringBuilder sb, String key, Object value) {
        sb.append(' ').append(key).append('=').append(value);
    }
}
