package io.qnxhil.latency;

import io.qnxhil.plan.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.qnxhil.testing.ConfigErrors.assertNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Regression verdicts against a baseline, with synthetic percentiles (no timing measured here). */
class BaselineTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path f = dir.resolve("b.yaml");
        Files.writeString(f, text);
        return f;
    }

    private static LatencyResult.Percentiles p(long p50, long p99) {
        return new LatencyResult.Percentiles(p50, p99, p99, p99, p99, p99 * 10, 1000);
    }

    @Test
    void withinTheToleranceRegressionAboveItAndNothingWithoutAnEntry() throws IOException {
        Baseline b = Baseline.load(file("""
                board: rpi4
                os: QNX 8.0.0 aarch64le
                tolerance: {factor: 1.5, slack_us: 2}
                measurements:
                  pulse.x: {p50_ns: 10000, p99_ns: 20000}
                """));
        assertEquals(Baseline.Judgement.WITHIN, b.judge("pulse.x", p(17_000, 32_000)).judgement(), "15+2 us, 30+2 us limits");
        Baseline.Verdict v99 = b.judge("pulse.x", p(10_000, 32_001));
        assertEquals(Baseline.Judgement.REGRESSION, v99.judgement());
        assertTrue(v99.text().contains("p99 32.0 us (limit 32.0 us)"), v99.text());
        assertEquals(Baseline.Judgement.REGRESSION, b.judge("pulse.x", p(17_001, 20_000)).judgement());
        assertEquals(Baseline.Judgement.NO_BASELINE, b.judge("pulse.y", p(1, 1)).judgement());
    }

    @Test
    void writtenBaselinesLoadBackAndSayWhenTheyAreSimNumbers() throws IOException {
        Path f = dir.resolve("sim.yaml");
        Baseline.write(f, "sim", "qnxsim 8.0.0 x86_64", 3.0, 50, Map.of("a", p(5000, 9000)));
        assertTrue(Files.readString(f).contains("NOT QNX numbers"));
        Baseline b = Baseline.load(f);
        assertEquals(new Baseline.Entry(5000, 9000), b.entries().get("a"));
        assertEquals(3.0, b.factor());
        assertEquals(50_000, b.slackNs());
    }

    @Test
    void badBaselinesNameFileLineAndField() throws IOException {
        Path f = dir.resolve("b.yaml");
        String head = "board: x\nos: y\n";
        assertNames(assertThrows(ConfigException.class, () -> Baseline.load(file(head
                + "tolerance: {factor: 0.5, slack_us: 1}\nmeasurements: {}\n"))), f, 3, "tolerance.factor");
        assertNames(assertThrows(ConfigException.class, () -> Baseline.load(file(head
                + "tolerance: {factor: 2, slack_us: 1}\nmeasurements:\n  a: {p50_ns: 9, p99_ns: 5}\n"))), f, 5, "measurements.a");
        assertNames(assertThrows(ConfigException.class, () -> Baseline.load(file(head
                + "tolerance: {factor: 2, slack_us: 1}\nmeasurements:\n  a: {p50_ns: 9}\n"))), f, 5, "measurements.a");
        assertNames(assertThrows(ConfigException.class, () -> Baseline.load(file(head
                + "tolerance: {factor: 2}\nmeasurements: {}\n"))), f, 3, "tolerance");
    }
}
