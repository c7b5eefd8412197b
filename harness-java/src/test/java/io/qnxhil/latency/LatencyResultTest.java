package io.qnxhil.latency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rebuilding a measurement from the agent's records, and its percentiles. */
class LatencyResultTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Records as the agent writes them for samples 1..n microseconds (one each), in bucket order. */
    static List<JsonNode> records(int n, String status) {
        StringBuilder lin = new StringBuilder(), log = new StringBuilder();
        java.util.TreeMap<Integer, Integer> loglin = new java.util.TreeMap<>();
        for (int i = 1; i <= n; i++) {
            loglin.merge(LatencyResult.LogLinear.index(i * 1000L), 1, Integer::sum);
            lin.append(lin.length() == 0 ? "" : ",").append("[").append(i).append(",1]");
        }
        loglin.forEach((k, v) -> log.append(log.length() == 0 ? "" : ",").append("[").append(k).append(",").append(v).append("]"));
        List<JsonNode> out = new ArrayList<>();
        out.add(json("{\"type\":\"latency_histogram\",\"id\":\"x\",\"part\":0,\"bucket_ns\":1000,\"buckets\":5000,\"overflow\":0,\"counts\":[" + lin + "],\"last\":true}"));
        out.add(json("{\"type\":\"latency_loglin\",\"id\":\"x\",\"part\":0,\"direct\":128,\"sub_bits\":6,\"counts\":[" + log + "],\"last\":true}"));
        out.add(json("{\"type\":\"latency_windows\",\"id\":\"x\",\"offset\":0,\"window\":" + n / 2 + ",\"max_ns\":[" + (n / 2) * 1000 + "," + n * 1000 + "],\"last\":true}"));
        out.add(json("{\"type\":\"latency_result\",\"id\":\"x\",\"kind\":\"pulse\",\"count\":" + n + ",\"min_ns\":1000,\"max_ns\":" + n * 1000
                + ",\"mean_ns\":" + (n + 1) * 500 + ",\"overflow\":0,\"clock\":{\"source\":\"CLOCK_MONOTONIC\",\"hz\":1000000000,"
                + "\"reads\":100000,\"overhead_min_ns\":30.0,\"overhead_mean_ns\":40.5,\"overhead_max_ns\":900.0},"
                + "\"worst\":[{\"index\":" + (n - 1) + ",\"ns\":" + n * 1000 + ",\"t_ns\":5000}]}"));
        out.add(json("{\"type\":\"latency_end\",\"id\":\"x\",\"status\":\"" + status + "\"}"));
        return out;
    }

    @Test
    void percentilesOfAKnownDistributionWithinTheHistogramsResolution() {
        LatencyResult r = LatencyResult.fromRecords(records(10_000, "ok"));
        assertEquals(LatencyResult.Status.OK, r.status());
        LatencyResult.Percentiles p = r.percentiles();
        assertEquals(10_000, p.count());
        assertWithin(5_000_000, p.p50(), 0.02);
        assertWithin(9_000_000, p.p90(), 0.02);
        assertWithin(9_900_000, p.p99(), 0.02);
        assertWithin(9_990_000, p.p999(), 0.02);
        assertEquals(10_000_000, p.max(), "the maximum is the agent's exact one");
        assertTrue(p.p9999() <= p.max());
        assertEquals(40.5, r.clockOverheadNs());
        assertEquals(2, r.windowMax().length);
        assertEquals(9_999, r.worst().get(0).index());
        assertEquals(10_000, r.linear().size());
    }

    private static void assertWithin(long expected, long actual, double rel) {
        assertTrue(Math.abs(actual - expected) <= expected * rel, "expected ~" + expected + ", got " + actual);
    }

    @Test
    void unsupportedAndBrokenKeepTheAgentsReason() {
        LatencyResult u = LatencyResult.fromRecords(List.of(json(
                "{\"type\":\"latency_end\",\"id\":\"x\",\"status\":\"unsupported\",\"message\":\"procnto refuses unregistered events\"}")));
        assertEquals(LatencyResult.Status.UNSUPPORTED, u.status());
        assertEquals("procnto refuses unregistered events", u.message());
        LatencyResult b = LatencyResult.fromRecords(List.of(json(
                "{\"type\":\"latency_end\",\"id\":\"x\",\"status\":\"broken\",\"message\":\"line 1: latency: unknown key 'x'\"}")));
        assertEquals(LatencyResult.Status.BROKEN, b.status());
        assertTrue(b.message().contains("unknown key"));
        List<JsonNode> noEnd = records(10, "ok");
        noEnd.remove(noEnd.size() - 1);
        assertEquals(LatencyResult.Status.BROKEN, LatencyResult.fromRecords(noEnd).status());
    }

    @Test
    void recordsThatDoNotAddUpAreBroken() {
        List<JsonNode> recs = records(100, "ok");
        recs.remove(1);     // the log-linear histogram is lost
        LatencyResult r = LatencyResult.fromRecords(recs);
        assertEquals(LatencyResult.Status.BROKEN, r.status());
        assertTrue(r.message().contains("inconsistent"), r.message());
    }

    @Test
    void logLinearBucketsMatchTheAgentsLayout() {
        for (long v : new long[] {0, 1, 127, 128, 129, 255, 256, 1000, 4_095, 65_537, 1_000_000_007L, Long.MAX_VALUE / 3}) {
            int i = LatencyResult.LogLinear.index(v);
            assertTrue(LatencyResult.LogLinear.low(i) <= v && v < LatencyResult.LogLinear.low(i + 1),
                    v + " in bucket " + i + " [" + LatencyResult.LogLinear.low(i) + ", " + LatencyResult.LogLinear.low(i + 1) + ")");
        }
        assertEquals(128, LatencyResult.LogLinear.index(128));
        assertEquals(128 + 64, LatencyResult.LogLinear.index(256));
    }
}
