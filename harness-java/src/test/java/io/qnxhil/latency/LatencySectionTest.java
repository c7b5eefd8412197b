package io.qnxhil.latency;

import io.qnxhil.plan.ConfigException;
import io.qnxhil.plan.Plan;
import io.qnxhil.plan.PlanLoader;
import io.qnxhil.testing.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

import static io.qnxhil.testing.ConfigErrors.assertNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The latency: section of plans: the matrix, defaults, single measurements, and every error with file and line. */
class LatencySectionTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path f = dir.resolve("plan.yaml");
        Files.writeString(f, "plan: t   # line 1: every error line below counts it\n" + text);
        return f;
    }

    private ConfigException failure(String text) throws IOException {
        Path f = write(text);
        return assertThrows(ConfigException.class, () -> PlanLoader.load(f));
    }

    @Test
    void theLatencyPlanIsKindTimesRegisteredTimesLoadTimesPriorityPlusTheReference() {
        Plan plan = PlanLoader.load(ProjectPaths.plans().resolve("latency.yaml"));
        List<LatencySpec> m = plan.latency();
        assertEquals(4 * 2 * 2 * 2 + 2, m.size());
        assertEquals(m.size(), new HashSet<>(m.stream().map(LatencySpec::id).toList()).size(), "ids are unique");
        for (LatencySpec.Kind k : List.of(LatencySpec.Kind.PULSE, LatencySpec.Kind.SIGNAL, LatencySpec.Kind.MEMORY,
                LatencySpec.Kind.THREAD)) {
            assertEquals(8, m.stream().filter(s -> s.kind() == k).count(), k.toString());
        }
        LatencySpec s = m.stream().filter(x -> x.id().equals("signal.unregistered.cpu-load.fifo20")).findFirst().orElseThrow();
        assertEquals("latency id=signal.unregistered.cpu-load.fifo20 kind=signal registered=0 iterations=1000 warmup=100 "
                + "interval_us=500 policy=fifo priority=20 cpu_server=0 cpu_client=0 bucket_ns=1000 buckets=5000 worst=10 "
                + "window=50 raw=0 timeout_ms=2000 load=cpu load_cpu=0 load_mib=16", s.command());
        assertTrue(m.stream().anyMatch(x -> x.id().equals("sendrecv.reference") && x.kind() == LatencySpec.Kind.SENDRECV
                && x.load() == LatencySpec.Load.NONE));
    }

    @Test
    void singleMeasurementsTakeTheDefaultsAndOverrideThem() throws IOException {
        Plan p = PlanLoader.load(write("""
                latency:
                  defaults: {iterations: 500, interval_us: 100}
                  measurements:
                    - {id: a, kind: thread}
                    - {id: b, kind: memory, iterations: 40, window: 4, raw: 40, registered: false, load: memory, load_mib: 4}
                """));
        assertEquals(2, p.latency().size());
        assertEquals(500, p.latency().get(0).iterations());
        assertEquals(100, p.latency().get(0).intervalUs());
        LatencySpec b = p.latency().get(1);
        assertEquals(40, b.iterations());
        assertTrue(b.command().contains(" registered=0 ") && b.command().contains(" load=memory ")
                && b.command().contains(" load_mib=4") && b.command().contains(" raw=40 "), b.command());
        assertEquals(6, b.location().line(), "each measurement knows its line");
    }

    @Test
    void aPlanMayHoldOnlyLatencyAndScenarioPlansHaveNone() throws IOException {
        assertEquals(0, PlanLoader.load(ProjectPaths.plans().resolve("smoke.yaml")).latency().size());
        assertEquals(1, PlanLoader.load(write("latency: {measurements: [{id: x}]}\n")).latency().size());
    }

    @Test
    void errorsNameFileLineAndField() throws IOException {
        Path f = dir.resolve("plan.yaml");
        assertNames(failure("latency:\n  defaults: {iterationz: 5}\n  matrix: {kind: [pulse]}\n"), f, 3,
                "latency.defaults.iterationz");
        ConfigException kind = failure("latency:\n  matrix:\n    kind: [pulse, smoke]\n");
        assertTrue(kind.getMessage().contains("unknown value 'smoke'") && kind.getMessage().contains("pulse, signal"),
                kind.getMessage());
        assertEquals(4, kind.location().line(), kind.getMessage());
        assertNames(failure("latency:\n  measurements:\n    - {id: a}\n    - {id: a}\n"), f, 5,
                "latency.measurements[1].id");
        assertNames(failure("latency:\n  measurements:\n    - {id: a, policy: fifo}\n"), f, 4,
                "latency.measurements[0].priority");
        assertNames(failure("latency:\n  measurements:\n    - {id: a, iterations: 10, raw: 11}\n"), f, 4,
                "latency.measurements[0].raw");
        assertNames(failure("latency:\n  measurements:\n    - {id: a, interval_us: -1}\n"), f, 4,
                "latency.measurements[0].interval_us");
        assertNames(failure("latency:\n  measurements:\n    - {id: 'a b'}\n"), f, 4, "latency.measurements[0].id");
        assertNames(failure("latency:\n  measurements:\n    - {kind: pulse}\n"), f, 4, "latency.measurements[0]");
        assertNames(failure("latency:\n  measurements:\n    - {id: s, kind: sendrecv, registered: false}\n"), f, 4,
                "latency.measurements[0].registered");
        assertNames(failure("latency: {}\n"), f, 2, "latency");
        assertNames(failure("latency:\n  matrix: {kind: []}\n"), f, 3, "latency.matrix.kind");
    }
}
