package io.qnxhil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qnxhil.testing.AgentBinary;
import io.qnxhil.testing.ProjectPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.qnxhil.testing.HarnessCli.Outcome;
import static io.qnxhil.testing.HarnessCli.harness;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code harness run} as a user runs it, in-process: the smoke plan on the simulated board, the
 * same with a fault switched on in qnxsim, and broken inputs. Exit codes, the run directory's
 * files, and what the reports say about the step that differs.
 */
class RunAcceptanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path root;

    @TempDir
    Path tmp;

    @BeforeAll
    static void agentBuilt() {
        root = ProjectPaths.root();
        AgentBinary.requireBuilt(root.resolve("target-agent/build/nto800/qnx-hil-agent"));
    }



    /** A copy of board-configs/sim.yaml with extra environment for the agent (qnxsim fault switches). */
    private Path simBoardWith(String envLine) throws IOException {
        String sim = Files.readString(root.resolve("board-configs/sim.yaml"));
        String patched = sim.replaceFirst("(?m)^env:.*$", "env: {" + envLine + "}");
        assertTrue(patched.contains(envLine), "sim.yaml has an env: line to patch");
        Path board = tmp.resolve("sim-fault.yaml");
        Files.writeString(board, patched);
        return board;
    }

    private static JsonNode summary(Path runDir) throws IOException {
        return JSON.readTree(runDir.resolve("summary.json").toFile());
    }

    @Test
    void smokePlanOnTheSimulatedBoardPassesAndWritesEveryFile() throws IOException {
        Path runDir = tmp.resolve("run");
        Outcome o = harness("run", "--run-dir", runDir.toString());
        assertEquals(Main.OK, o.exit(), o.out() + o.err());
        for (String id : List.of("register.unpermitted-handle-gives-EACCES",
                "register.unregistered-event-on-reg-events-connection-gives-EACCES",
                "register.non-updateable-value-stays-the-clients", "register.updateable-value-is-the-servers")) {
            assertTrue(o.out().lines().anyMatch(l -> l.contains("PASS") && l.contains(id)), "summary line for " + id + ":\n" + o.out());
        }
        assertTrue(o.out().contains("not QNX results"), "qnxsim results are labelled as such:\n" + o.out());

        JsonNode s = summary(runDir);
        assertEquals(4, s.path("counts").path("PASS").asInt(), s.toString());
        assertEquals(0, s.path("counts").path("FAIL").asInt() + s.path("counts").path("BROKEN").asInt());
        assertTrue(Files.isRegularFile(runDir.resolve("journal.jsonl")));
        long scenarioRecords = Files.readAllLines(runDir.resolve("journal.jsonl")).stream()
                .filter(l -> l.contains("\"scenario\"") && l.contains("\"verdict\"")).count();
        assertEquals(4, scenarioRecords, "one journal record per scenario");
        try (Stream<Path> junit = Files.list(runDir.resolve("junit"))) {
            String xml = Files.readString(junit.filter(p -> p.toString().endsWith(".xml")).findFirst().orElseThrow());
            assertTrue(xml.contains("tests=\"4\""), xml);
            assertTrue(xml.contains("failures=\"0\""), xml);
        }
        try (Stream<Path> results = Files.list(runDir.resolve("allure-results"))) {
            assertEquals(4, results.filter(p -> p.toString().endsWith("-result.json")).count());
        }
        assertTrue(Files.size(runDir.resolve("report.html")) > 10_000, "single-file HTML report written");
        try (Stream<Path> cases = Files.list(runDir.resolve("allure-report/data/test-cases"))) {
            List<Path> files = cases.toList();
            assertEquals(4, files.size(), "the HTML report holds the four scenarios");
            for (Path f : files) {
                JsonNode tc = JSON.readTree(f.toFile());
                assertTrue(tc.path("testStage").path("steps").size() >= 9, "steps shown for " + tc.path("name"));
            }
        }
    }

    @Test
    void anUnpermittedDeliveryInjectedIntoQnxsimFailsTheRunAndShowsTheStep() throws IOException {
        Path board = simBoardWith("QNXSIM_FAULTS: deliver-unpermitted");
        Path runDir = tmp.resolve("fault-run");
        Outcome o = harness("run", "--board", board.toString(), "--run-dir", runDir.toString(), "--no-html");
        assertEquals(Main.FAILED, o.exit(), o.out() + o.err());
        assertTrue(o.out().contains("FAIL") && o.out().contains("register.unpermitted-handle-gives-EACCES"), o.out());
        assertTrue(o.out().contains("expected -1 EACCES, observed 0 EOK"), o.out());

        JsonNode s = summary(runDir);
        assertEquals(1, s.path("counts").path("FAIL").asInt(), s.toString());
        assertEquals(3, s.path("counts").path("PASS").asInt(), s.toString());
        assertEquals(0, s.path("counts").path("BROKEN").asInt(), "a product fault is FAIL, never BROKEN");

        List<String> stepNames = new ArrayList<>();
        try (Stream<Path> results = Files.list(runDir.resolve("allure-results"))) {
            for (Path f : results.filter(p -> p.toString().endsWith("-result.json")).toList()) {
                JsonNode r = JSON.readTree(f.toFile());
                if (r.path("name").asText().equals("register.unpermitted-handle-gives-EACCES")) {
                    assertEquals("failed", r.path("status").asText());
                    r.path("steps").forEach(st -> stepNames.add(st.path("name").asText() + " " + st.path("status").asText()));
                }
            }
        }
        assertTrue(stepNames.stream().anyMatch(n -> n.contains("deliver_event") && n.contains("expected -1 EACCES, observed 0 EOK")
                && n.endsWith("failed")), String.join("\n", stepNames));
    }

    @Test
    void aMalformedPlanNamesFileLineAndFieldAndExits2() throws IOException {
        Path plan = tmp.resolve("bad-plan.yaml");
        Files.writeString(plan, """
                plan: bad
                title: a plan with a misspelt step argument
                scenarios:
                  - id: x.y
                    title: t
                    doc: {page: MsgRegisterEvent.txt, sentence: "Try an unregistered event. It shouldn't be delivered."}
                    actors: [server]
                    steps:
                      - server channel_create: {as: chid, flagz: 1}
                """);
        Outcome o = harness("run", "--plan", plan.toString(), "--run-dir", tmp.resolve("never").toString());
        assertEquals(Main.BROKEN_OR_USAGE, o.exit(), o.out() + o.err());
        assertTrue(o.err().contains(plan + ":9:"), "file and line: " + o.err());
        assertTrue(o.err().contains("flagz"), "field: " + o.err());
        assertTrue(Files.notExists(tmp.resolve("never")), "no run directory for a plan that does not load");
    }

    @Test
    void aMalformedBoardConfigNamesFileLineAndFieldAndExits2() throws IOException {
        String sim = Files.readString(root.resolve("board-configs/sim.yaml"));
        Path board = tmp.resolve("bad-board.yaml");
        Files.writeString(board, sim.replace("release: \"8.0\"", "release: \"9.9\""));
        int line = 1 + (int) sim.substring(0, sim.indexOf("release:")).chars().filter(c -> c == '\n').count();
        Outcome o = harness("run", "--board", board.toString(), "--run-dir", tmp.resolve("never").toString());
        assertEquals(Main.BROKEN_OR_USAGE, o.exit(), o.out() + o.err());
        assertTrue(o.err().contains(board + ":" + line + ":"), "file and line " + line + ": " + o.err());
        assertTrue(o.err().contains("release"), "field: " + o.err());
    }

    @Test
    void anUnknownOptionIsBadUsage() {
        Outcome o = harness("run", "--plam", "x.yaml");
        assertEquals(Main.BROKEN_OR_USAGE, o.exit());
        assertTrue(o.err().contains("--plam"), o.err());
    }
}
