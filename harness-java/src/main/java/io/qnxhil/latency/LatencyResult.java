package io.qnxhil.latency;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What the agent reported for one measurement, rebuilt from its records (live, or from the
 * journal when reports are regenerated): status, the summary, both histograms, the maxima per
 * window, the worst samples and the raw samples when asked for.
 */
public record LatencyResult(Status status, String message, JsonNode summary, long bucketNs, long overflow,
                            TreeMap<Integer, Long> linear, TreeMap<Integer, Long> loglin, long window,
                            long[] windowMax, long[] samples, List<Worst> worst) {

    public enum Status { OK, UNSUPPORTED, BROKEN }

    public record Worst(long index, long ns, long tNs) {
    }

    public record Percentiles(long p50, long p90, long p99, long p999, long p9999, long max, long count) {
    }

    public static LatencyResult broken(String message) {
        return new LatencyResult(Status.BROKEN, message, null, 0, 0, new TreeMap<>(), new TreeMap<>(), 0,
                new long[0], new long[0], List.of());
    }

    /** Rebuilds the result from the agent's latency records of one measurement (any order within types). */
    public static LatencyResult fromRecords(List<JsonNode> records) {
        JsonNode summary = null, end = null;
        TreeMap<Integer, Long> linear = new TreeMap<>(), loglin = new TreeMap<>();
        long bucketNs = 0, overflow = 0, window = 0;
        TreeMap<Long, long[]> windows = new TreeMap<>(), samples = new TreeMap<>();
        for (JsonNode r : records) {
            switch (r.path("type").asText()) {
                case "latency_histogram" -> {
                    bucketNs = r.path("bucket_ns").asLong();
                    overflow = r.path("overflow").asLong();
                    pairs(r, linear);
                }
                case "latency_loglin" -> pairs(r, loglin);
                case "latency_windows" -> {
                    window = r.path("window").asLong();
                    windows.put(r.path("offset").asLong(), values(r.path("max_ns")));
                }
                case "latency_samples" -> samples.put(r.path("offset").asLong(), values(r.path("ns")));
                case "latency_result" -> summary = r;
                case "latency_end" -> end = r;
                default -> { }
            }
        }
        if (end == null) {
            return broken("the agent did not end the measurement (no latency_end record)");
        }
        String status = end.path("status").asText();
        String message = end.path("message").asText("");
        if ("unsupported".equals(status)) {
            return new LatencyResult(Status.UNSUPPORTED, message, summary, bucketNs, overflow, linear, loglin, window,
                    new long[0], new long[0], List.of());
        }
        if (!"ok".equals(status) || summary == null) {
            return broken(message.isEmpty() ? "the measurement ended '" + status + "' without a result" : message);
        }
        List<Worst> worst = new ArrayList<>();
        for (JsonNode w : summary.path("worst")) {
            worst.add(new Worst(w.path("index").asLong(), w.path("ns").asLong(), w.path("t_ns").asLong()));
        }
        LatencyResult r = new LatencyResult(Status.OK, message, summary, bucketNs, overflow, linear, loglin, window,
                concat(windows), concat(samples), worst);
        long count = summary.path("count").asLong();
        long inLoglin = loglin.values().stream().mapToLong(Long::longValue).sum();
        if (inLoglin != count) {
            return broken("inconsistent records: " + inLoglin + " samples in the log-linear histogram, count " + count);
        }
        return r;
    }

    private static void pairs(JsonNode r, TreeMap<Integer, Long> into) {
        for (JsonNode p : r.path("counts")) {
            into.merge(p.get(0).asInt(), p.get(1).asLong(), Long::sum);
        }
    }

    private static long[] values(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    private static long[] concat(TreeMap<Long, long[]> parts) {
        int n = parts.values().stream().mapToInt(a -> a.length).sum();
        long[] out = new long[n];
        int at = 0;
        for (long[] p : parts.values()) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    public long count() {
        return summary == null ? 0 : summary.path("count").asLong();
    }

    public long minNs() {
        return summary.path("min_ns").asLong();
    }

    public long meanNs() {
        return summary.path("mean_ns").asLong();
    }

    public long maxNs() {
        return summary.path("max_ns").asLong();
    }

    public double clockOverheadNs() {
        return summary.path("clock").path("overhead_mean_ns").asDouble();
    }

    public String clockSource() {
        return summary.path("clock").path("source").asText();
    }

    /**
     * The samples as an HdrHistogram: each log-linear bucket's count recorded at the bucket's middle
     * (its width is 1/64 of its value, about the histogram's own 2-digit resolution). Percentiles
     * are never reported above the exact maximum the agent measured.
     */
    public Histogram histogram() {
        Histogram h = new Histogram(2);
        for (var e : loglin.entrySet()) {
            long lo = LogLinear.low(e.getKey()), hi = LogLinear.low(e.getKey() + 1) - 1;
            h.recordValueWithCount(Math.max(0, (lo + hi) / 2), e.getValue());
        }
        return h;
    }

    public Percentiles percentiles() {
        Histogram h = histogram();
        long max = maxNs();
        return new Percentiles(clamp(h.getValueAtPercentile(50), max), clamp(h.getValueAtPercentile(90), max),
                clamp(h.getValueAtPercentile(99), max), clamp(h.getValueAtPercentile(99.9), max),
                clamp(h.getValueAtPercentile(99.99), max), max, h.getTotalCount());
    }

    private static long clamp(long v, long max) {
        return Math.min(v, max);
    }

    /** The agent's log-linear bucket layout (PROTOCOL.md, latency_loglin). */
    public static final class LogLinear {
        private LogLinear() {
        }

        public static long low(int index) {
            if (index < 128) {
                return index;
            }
            int b = 7 + (index - 128) / 64;
            long m = 64 + (index - 128) % 64;
            return m << (b - 6);
        }

        public static int index(long v) {
            if (v < 128) {
                return (int) v;
            }
            int b = 63 - Long.numberOfLeadingZeros(v);
            return 128 + (b - 7) * 64 + (int) ((v >>> (b - 6)) - 64);
        }
    }
}
