package io.qnxhil.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.qnxhil.plan.PlanLoader;
import io.qnxhil.run.Journal;
import io.qnxhil.testing.AgentBinary;
import io.qnxhil.testing.ProjectPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many boards from one controller: a farm of simulated boards with a dead board and a board that
 * never answers among them. The healthy boards pass, the others are BROKEN with the reason, and the
 * run ends (the time budget bounds the silent board). Infrastructure failures are retried on a fresh
 * agent when retries are allowed, and only then.
 */
class BoardsInParallelTest {
    private static Path root;
    private static Path agent;

    @TempDir
    Path tmp;

    @BeforeAll
    static void built() {
        root = ProjectPaths.root();
        agent = root.resolve("target-agent/build/nto800/qnx-hil-agent");
        AgentBinary.requireBuilt(agent);
    }

    private Path script(String name, String body) throws IOException {
        Path s = tmp.resolve(name);
        Files.writeString(s, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwx------"));
        return s;
    }

    /** board-configs/sim.yaml with another agent program. */
    private Path simWithAgent(String name, Path program) throws IOException {
        String sim = Files.readString(root.resolve("board-configs/sim.yaml"));
        Path b = tmp.resolve(name + ".yaml");
        Files.writeString(b, sim.replaceFirst("(?m)^(\\s*agent:).*$", "$1 " + program));
        return b;
    }

    private List<JsonNode> run(Path runDir, Map<String, String> params) {
        var kit = EngineTestKit.engine(QnxHilTestEngine.ID)
                .configurationParameter(EngineSettings.PLAN, root.resolve("test-plans/smoke.yaml").toString())
                .configurationParameter(EngineSettings.PROJECT_ROOT, root.toString())
                .configurationParameter(EngineSettings.RUN_DIR, runDir.toString())
                .selectors(DiscoverySelectors.selectUniqueId(UniqueId.forEngine(QnxHilTestEngine.ID)));
        params.forEach(kit::configurationParameter);
        kit.execute();
        return Journal.read(runDir);
    }

    private static Map<String, String> verdicts(List<JsonNode> journal) {
        Map<String, String> v = new TreeMap<>();
        journal.stream().filter(r -> "scenario".equals(r.path("type").asText()))
                .forEach(r -> v.merge(r.path("board").asText(), r.path("verdict").asText(), (a, b) -> List.of(a.split(",")).contains(b) ? a : a + "," + b));
        return v;
    }

    @Test
    @Timeout(120) // a hang guard, not a measurement
    void aDeadBoardAndASilentBoardAreBrokenWhileTheFarmsOtherBoardsPass() throws IOException {
        Path dead = simWithAgent("dead", tmp.resolve("no-such-agent"));
        Path silent = simWithAgent("silent", script("silent.sh", "exec sleep 600"));
        Path farm = tmp.resolve("farm.yaml");
        Files.writeString(farm, "farm: mixed\nboards:\n"
                + "  - {config: " + root.resolve("board-configs/sim.yaml") + ", name: good, count: 2}\n"
                + "  - {config: " + dead + ", name: dead}\n"
                + "  - {config: " + silent + ", name: silent}\n");
        List<JsonNode> journal = run(tmp.resolve("run"), Map.of(EngineSettings.FARM, farm.toString(),
                EngineSettings.BOARD_TIMEOUT, "3s", EngineSettings.RETRIES, "1"));

        assertEquals(Map.of("good-01", "PASS", "good-02", "PASS", "dead", "BROKEN", "silent", "BROKEN"), verdicts(journal));
        Map<String, String> broken = new TreeMap<>();
        journal.stream().filter(r -> "board-broken".equals(r.path("type").asText()))
                .forEach(r -> broken.put(r.path("board").asText(), r.path("reason").asText()));
        assertEquals(Set.of("dead", "silent"), broken.keySet());
        assertTrue(broken.get("dead").contains("health check failed") && broken.get("dead").contains("no-such-agent"), broken.get("dead"));
        assertTrue(broken.get("silent").contains("did not finish within") || broken.get("silent").contains("time budget"),
                broken.get("silent"));
        long deadChecks = journal.stream().filter(r -> "board-health-failed".equals(r.path("type").asText())
                && "dead".equals(r.path("board").asText())).count();
        assertEquals(2, deadChecks, "one health check and one retry for the dead board");
        Set<String> running = new HashSet<>();
        journal.stream().filter(r -> "board".equals(r.path("type").asText())).forEach(r -> running.add(r.path("board").asText()));
        assertEquals(Set.of("good-01", "good-02"), running);
    }

    @Test
    @Timeout(300) // a hang guard, not a measurement
    void eachBoardsLatencyMeasurementsRunOneAfterAnotherInPlanOrder() throws IOException {
        Path plan = tmp.resolve("lat.yaml");
        Files.writeString(plan, """
                plan: lat-order
                latency:
                  defaults: {iterations: 200, warmup: 10, interval_us: 200, cpu_server: 0, cpu_client: 0}
                  measurements:
                    - {id: o.1, kind: pulse}
                    - {id: o.2, kind: signal}
                    - {id: o.3, kind: memory}
                    - {id: o.4, kind: pulse, load: cpu, load_cpu: 0}
                    - {id: o.5, kind: thread}
                    - {id: o.6, kind: signal, load: cpu, load_cpu: 0}
                """);
        Path farm = tmp.resolve("farm.yaml");
        Files.writeString(farm, "farm: lat\nboards:\n  - {config: " + root.resolve("board-configs/sim.yaml")
                + ", name: b, count: 2}\n");
        var kit = EngineTestKit.engine(QnxHilTestEngine.ID)
                .configurationParameter(EngineSettings.PLAN, plan.toString())
                .configurationParameter(EngineSettings.PROJECT_ROOT, root.toString())
                .configurationParameter(EngineSettings.RUN_DIR, tmp.resolve("run").toString())
                .configurationParameter(EngineSettings.FARM, farm.toString())
                .selectors(DiscoverySelectors.selectUniqueId(UniqueId.forEngine(QnxHilTestEngine.ID)));
        kit.execute();
        Map<String, List<String>> order = new TreeMap<>();
        for (JsonNode r : Journal.read(tmp.resolve("run"))) {
            if (io.qnxhil.latency.LatencyMeasurement.isLatency(r)) {
                order.computeIfAbsent(r.path("board").asText(), b -> new java.util.ArrayList<>())
                        .add(r.path("latency").path("id").asText() + " " + r.path("verdict").asText());
            }
        }
        List<String> ids = List.of("o.1", "o.2", "o.3", "o.4", "o.5", "o.6");
        assertEquals(Set.of("b-01", "b-02"), order.keySet(), order.toString());
        for (var e : order.entrySet()) {
            assertEquals(ids, e.getValue().stream().map(v -> v.split(" ")[0]).toList(), e.getKey() + ": " + e.getValue());
            assertTrue(e.getValue().stream().noneMatch(v -> v.endsWith("BROKEN")), e.getKey() + ": " + e.getValue());
        }
    }

    @Test
    @Timeout(120)
    void anInfrastructureFailureIsRetriedOnAFreshAgentAndTheAttemptIsKept() throws IOException {
        // The first agent started gets a 100 ms step limit, below the smoke plan's 200 ms waits:
        // it refuses the first scenario's wait_event (BROKEN). Every later agent is normal.
        Path mark = tmp.resolve("first-agent-started");
        Path flaky = script("flaky.sh", "if mkdir '" + mark + "' 2>/dev/null; then export QHIL_STEP_TIMEOUT_MS=100; fi\nexec '" + agent + "'");
        Path board = simWithAgent("flaky", flaky);

        List<JsonNode> retried = run(tmp.resolve("retried"), Map.of(EngineSettings.BOARDS, board.toString(), EngineSettings.RETRIES, "1"));
        assertEquals(Map.of("sim", "PASS"), verdicts(retried));
        List<JsonNode> attempts = retried.stream().filter(r -> "scenario-attempt".equals(r.path("type").asText())).toList();
        assertEquals(1, attempts.size(), "the failed attempt is journaled");
        assertEquals("BROKEN", attempts.get(0).path("verdict").asText());
        assertTrue(attempts.get(0).path("reason").asText().contains("wait_event"), attempts.get(0).toString());

        Files.delete(mark);
        List<JsonNode> once = run(tmp.resolve("once"), Map.of(EngineSettings.BOARDS, board.toString(), EngineSettings.RETRIES, "0"));
        JsonNode first = once.stream().filter(r -> "scenario".equals(r.path("type").asText())).findFirst().orElseThrow();
        assertEquals("BROKEN", first.path("verdict").asText(), "without retries the first scenario stays BROKEN");
        assertTrue(once.stream().noneMatch(r -> "scenario-attempt".equals(r.path("type").asText())));
    }

    @Test
    @Timeout(120)
    void aProductFailureIsNeverRetried() throws IOException {
        Path board = tmp.resolve("fault.yaml");
        Files.writeString(board, Files.readString(root.resolve("board-configs/sim.yaml"))
                .replaceFirst("(?m)^env:.*$", "env: {QNXSIM_FAULTS: ignore-updateable}"));
        List<JsonNode> journal = run(tmp.resolve("fault"), Map.of(EngineSettings.BOARDS, board.toString(), EngineSettings.RETRIES, "3"));
        assertEquals(Map.of("sim", "PASS,FAIL"), verdicts(journal));
        assertTrue(journal.stream().noneMatch(r -> "scenario-attempt".equals(r.path("type").asText())));
    }

    @Test
    @Timeout(120)
    void noMoreBoardsRunAtOnceThanParallelAllows() throws IOException {
        Path farm = tmp.resolve("three.yaml");
        Files.writeString(farm, "farm: three\nparallel: 2\nboards:\n"
                + "  - {config: " + root.resolve("board-configs/sim.yaml") + ", name: s, count: 3}\n");
        List<JsonNode> journal = run(tmp.resolve("capped"), Map.of(EngineSettings.FARM, farm.toString()));
        assertEquals(Map.of("s-01", "PASS", "s-02", "PASS", "s-03", "PASS"), verdicts(journal));
        // each board is busy from its health check record to its last verdict; at most two overlap
        Map<String, java.time.Instant[]> busy = new TreeMap<>();
        for (JsonNode r : journal) {
            String type = r.path("type").asText();
            if (type.equals("board") || type.equals("scenario")) {
                java.time.Instant t = java.time.Instant.parse(r.path("time").asText());
                busy.computeIfAbsent(r.path("board").asText(), k -> new java.time.Instant[] {t, t})[1] = t;
            }
        }
        for (var a : busy.entrySet()) {
            long overlapping = busy.values().stream()
                    .filter(b -> !b[0].isAfter(a.getValue()[0]) && !b[1].isBefore(a.getValue()[0])).count();
            assertTrue(overlapping <= 2, "boards busy when " + a.getKey() + " started: " + overlapping);
        }
    }

    @Test
    void theNightlyPlanHoldsEveryScenarioAndLatencyMeasurementOfTheOtherPlans() throws IOException {
        var nightly = PlanLoader.load(root.resolve("test-plans/nightly.yaml"));
        try (var plans = Files.list(root.resolve("test-plans"))) {
            for (Path p : plans.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                String text = Files.readString(p);
                if (!text.startsWith("plan:") || p.getFileName().toString().equals("nightly.yaml")) {
                    continue; // documented-behaviours.yaml is an inventory, not a plan
                }
                var plan = PlanLoader.load(p);
                assertTrue(nightly.scenarios().stream().map(s -> s.id()).toList()
                        .containsAll(plan.scenarios().stream().map(s -> s.id()).toList()), "nightly holds " + p);
                assertTrue(nightly.latency().size() >= plan.latency().size(), "nightly measures what " + p + " does");
            }
        }
    }
}
