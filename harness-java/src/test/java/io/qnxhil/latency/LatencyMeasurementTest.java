package io.qnxhil.latency;

import io.qnxhil.plan.SourceLocation;
import io.qnxhil.run.Verdict;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verdicts of a measurement from synthetic agent records: PASS, FAIL, SKIPPED and BROKEN kept apart. */
class LatencyMeasurementTest {
    private static final LatencySpec SPEC = new LatencySpec("x", LatencySpec.Kind.PULSE, true, LatencySpec.Load.NONE,
            LatencySpec.Policy.INHERIT, 0, 0, 0, 10_000, 0, 100, 1000, 1000, 1, 100, 0, LatencySpec.Policy.INHERIT, 0, -1,
            16, 2000, SourceLocation.of(Path.of("p.yaml")));

    private static LatencyCollector.Collected collected(List<com.fasterxml.jackson.databind.JsonNode> recs) {
        return new LatencyCollector.Collected(LatencyResult.fromRecords(recs), recs, List.of(), false);
    }

    private static Baseline baseline(long p50, long p99) {
        return new Baseline(Path.of("baselines/b.yaml"), "b", "QNX 8.0.0 x86_64", 1.2, 0, Map.of("x", new Baseline.Entry(p50, p99)));
    }

    @Test
    void judgedAgainstTheBaselineOrMeasuredOnly() {
        // samples 1..10000 us: p50 ~5 ms, p99 ~9.9 ms
        var c = collected(LatencyResultTest.records(10_000, "ok"));
        LatencyMeasurement pass = LatencyMeasurement.judge(SPEC, "b", "QNX 8.0.0 x86_64", c, baseline(5_000_000, 9_900_000), Instant.now());
        assertEquals(Verdict.PASS, pass.verdict(), pass.reason());
        LatencyMeasurement fail = LatencyMeasurement.judge(SPEC, "b", "QNX 8.0.0 x86_64", c, baseline(1_000_000, 2_000_000), Instant.now());
        assertEquals(Verdict.FAIL, fail.verdict());
        assertTrue(fail.reason().contains("regression"), fail.reason());
        LatencyMeasurement none = LatencyMeasurement.judge(SPEC, "b", "qnxsim 8.0.0 x86_64", c, null, Instant.now());
        assertEquals(Verdict.PASS, none.verdict());
        assertEquals("NO_BASELINE", none.judgement());
        assertTrue(none.reason().contains("not QNX"), none.reason());
        assertEquals("latency:x", none.toJournal().path("scenario").asText());
    }

    @Test
    void unsupportedIsSkippedAndBrokenIsBroken() {
        var u = collected(List.of(LatencyResultTest.json(
                "{\"type\":\"latency_end\",\"id\":\"x\",\"status\":\"unsupported\",\"message\":\"SCHED_FIFO refused\"}")));
        assertEquals(Verdict.SKIPPED, LatencyMeasurement.judge(SPEC, "b", "QNX", u, baseline(1, 1), Instant.now()).verdict());
        var b = collected(List.of(LatencyResultTest.json(
                "{\"type\":\"latency_end\",\"id\":\"x\",\"status\":\"broken\",\"message\":\"server: the client took no sample\"}")));
        LatencyMeasurement m = LatencyMeasurement.judge(SPEC, "b", "QNX", b, baseline(1, 1), Instant.now());
        assertEquals(Verdict.BROKEN, m.verdict());
        assertTrue(m.reason().contains("took no sample"));
    }
}
