package io.qnxhil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.qnxhil.run.Journal;
import io.qnxhil.testing.AgentBinary;
import io.qnxhil.testing.ProjectPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.qnxhil.testing.HarnessCli.Outcome;
import static io.qnxhil.testing.HarnessCli.harness;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing lost: a real harness process is killed with SIGKILL in the middle of a run over two
 * boards, {@code harness run --resume} completes it, and the verdicts equal those of a run that was
 * never interrupted; a torn last journal record is named by file and line and the rest kept.
 */
class ResumeTest {
    private static Path root;

    @TempDir
    Path tmp;

    @BeforeAll
    static void built() {
        root = ProjectPaths.root();
        AgentBinary.requireBuilt(root.resolve("target-agent/build/nto800/qnx-hil-agent"));
    }



    /** Two simulated boards, run one after the other so the run lasts long enough to be cut in the middle. */
    private Path farm() throws IOException {
        Path farm = tmp.resolve("two-sims.yaml");
        Files.writeString(farm, "farm: two-sims\nparallel: 1\nboards:\n"
                + "  - {config: " + root.resolve("board-configs/sim.yaml") + ", name: sim-a}\n"
                + "  - {config: " + root.resolve("board-configs/sim-nto710.yaml") + ", name: sim-b}\n");
        return farm;
    }

    private String[] runArgs(Path farm, Path runDir) {
        return new String[] {"run", "--plan", root.resolve("test-plans/smoke.yaml").toString(), "--farm", farm.toString(),
                "--run-dir", runDir.toString(), "--no-html"};
    }

    private static List<JsonNode> scenarioRecords(Path runDir) {
        return Journal.read(runDir).stream().filter(r -> "scenario".equals(r.path("type").asText())).toList();
    }

    private static Map<String, String> verdicts(Path runDir) {
        Map<String, String> v = new TreeMap<>();
        for (JsonNode r : scenarioRecords(runDir)) {
            String prev = v.put(r.path("board").asText() + " " + r.path("scenario").asText(), r.path("verdict").asText());
            assertEquals(null, prev, "one verdict per board and scenario: " + r.path("scenario").asText());
        }
        return v;
    }

    @Test
    @Timeout(300) // a hang guard, not a measurement
    void aRunKilledWithSigkillAndResumedEndsWithTheVerdictsOfAnUninterruptedRun() throws Exception {
        Path farm = farm();
        Path whole = tmp.resolve("uninterrupted");
        Outcome w = harness(runArgs(farm, whole));
        assertEquals(Main.OK, w.exit(), w.out() + w.err());
        Map<String, String> expected = verdicts(whole);
        int total = expected.size();
        assertTrue(total >= 8, "two boards x the smoke plan: " + expected);

        Path killed = tmp.resolve("killed");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dqnxhil.projectRoot=" + root, Main.class.getName()));
        cmd.addAll(List.of(runArgs(farm, killed)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("killed.log").toFile()).start();
        try {
            while (p.isAlive() && countScenarios(killed) < 2) {
                Thread.sleep(10);
            }
        } finally {
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, nothing the harness can clean up
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, p.exitValue(), "killed by SIGKILL: " + Files.readString(tmp.resolve("killed.log")));
        int before = scenarioRecords(killed).size();
        assertTrue(before >= 2 && before < total, "killed mid-way: " + before + " of " + total + " verdicts recorded");
        assertTrue(Journal.read(killed).stream().noneMatch(r -> "run-end".equals(r.path("type").asText())));

        Outcome report = harness("report", killed.toString(), "--no-html");
        assertEquals(Main.BROKEN_OR_USAGE, report.exit(), "an unfinished run is not a pass");
        assertTrue(report.out().contains("the run is incomplete") && report.out().contains("--resume"), report.out());

        Outcome resumed = harness("run", "--resume", killed.toString(), "--no-html");
        assertEquals(Main.OK, resumed.exit(), resumed.out() + resumed.err());
        assertEquals(expected, verdicts(killed), "resumed verdicts equal the uninterrupted run's");
        assertEquals(total - before, resumed.out().lines().filter(l -> l.matches("\\s+\\[\\d+/\\d+\\].*")).count(),
                "the resumed run ran only what the journal lacked:\n" + resumed.out());
        List<String> types = Journal.read(killed).stream().map(r -> r.path("type").asText()).toList();
        assertEquals(1, types.stream().filter("run-start"::equals).count());
        assertEquals(1, types.stream().filter("run-resume"::equals).count());
        assertEquals("run-end", types.get(types.size() - 1));
        assertNoNodeLeftBy(p.pid());
    }

    /** The killed harness's agents see their control channel close and exit; their qnxsim nodes go with them. */
    private static void assertNoNodeLeftBy(long pid) throws Exception {
        String prefix = "qnxsim-hil-" + pid + "-";
        List<String> left = List.of();
        for (int i = 0; i < 100; i++) {
            try (var files = Files.list(Path.of("/dev/shm"))) {
                left = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(prefix)).toList();
            }
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        for (String n : left) {
            Files.deleteIfExists(Path.of("/dev/shm", n));
        }
        throw new AssertionError("qnxsim nodes left behind by the killed run: " + left);
    }

    private static long countScenarios(Path runDir) throws IOException {
        Path j = runDir.resolve(Journal.FILE_NAME);
        if (!Files.isRegularFile(j)) {
            return 0;
        }
        return Files.readAllLines(j).stream().filter(l -> l.startsWith("{\"type\":\"scenario\"")).count();
    }

    @Test
    @Timeout(300)
    void aTornLastRecordIsNamedByFileAndLineTheRestIsKeptAndResumeRerunsOnlyThatScenario() throws Exception {
        Path farm = farm();
        Path dir = tmp.resolve("torn");
        assertEquals(Main.OK, harness(runArgs(farm, dir)).exit());
        Map<String, String> expected = verdicts(dir);
        // Cut the journal as a kill in the middle of writing the last scenario record would.
        Path journal = dir.resolve(Journal.FILE_NAME);
        List<String> lines = Files.readAllLines(journal);
        int last = lines.size() - 1;
        while (!lines.get(last).startsWith("{\"type\":\"scenario\"")) {
            last--;
        }
        String torn = lines.get(last).substring(0, lines.get(last).length() / 2);
        Files.writeString(journal, String.join("\n", lines.subList(0, last)) + "\n" + torn);

        Outcome report = harness("report", dir.toString(), "--no-html");
        assertTrue(report.out().contains(journal + ":" + (last + 1) + ": torn last record"), report.out());
        assertTrue(report.out().contains("the run is incomplete"), report.out());
        assertEquals(expected.size() - 1, scenarioRecords(dir).size(), "every record before the torn one is kept");

        Outcome resumed = harness("run", "--resume", dir.toString(), "--no-html");
        assertEquals(Main.OK, resumed.exit(), resumed.out() + resumed.err());
        assertEquals(expected, verdicts(dir));
        assertTrue(resumed.out().contains(":" + (last + 1) + ": a torn record from an interrupted run was cut off"), resumed.out());
        JsonNode repair = Journal.read(dir).stream().filter(r -> "journal-repair".equals(r.path("type").asText())).findFirst().orElseThrow();
        assertEquals(torn, repair.path("tornText").asText(), "the torn bytes are kept");
    }

    @Test
    @Timeout(300)
    void aRunKilledAfterItsLastVerdictAndBeforeRunEndIsCompletedByResume() throws Exception {
        Path dir = tmp.resolve("no-end");
        assertEquals(Main.OK, harness("run", "--plan", root.resolve("test-plans/smoke.yaml").toString(), "--run-dir",
                dir.toString(), "--no-html").exit());
        Map<String, String> expected = verdicts(dir);
        Path journal = dir.resolve(Journal.FILE_NAME);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(journal));
        assertTrue(lines.remove(lines.size() - 1).startsWith("{\"type\":\"run-end\""));
        Files.writeString(journal, String.join("\n", lines) + "\n");
        assertEquals(Main.BROKEN_OR_USAGE, harness("report", dir.toString(), "--no-html").exit(), "incomplete until resumed");

        Outcome resumed = harness("run", "--resume", dir.toString(), "--no-html");
        assertEquals(Main.OK, resumed.exit(), resumed.out() + resumed.err());
        assertFalse(resumed.out().contains("--resume"), "no advice to resume a complete run: " + resumed.out());
        assertEquals(expected, verdicts(dir));
        List<String> types = Journal.read(dir).stream().map(r -> r.path("type").asText()).toList();
        assertEquals(List.of("run-resume", "run-end"), types.subList(types.size() - 2, types.size()));
        assertEquals(Main.OK, harness("report", dir.toString(), "--no-html").exit());
    }

    @Test
    void resumeRefusesWhenThePlanChangedSinceTheRunStarted() throws Exception {
        Path plan = tmp.resolve("plan.yaml");
        Files.copy(root.resolve("test-plans/smoke.yaml"), plan);
        Path dir = tmp.resolve("changed");
        assertEquals(Main.OK, harness("run", "--plan", plan.toString(), "--run-dir", dir.toString(), "--no-html").exit());
        Files.writeString(plan, Files.readString(plan).replace("title: The MsgRegisterEvent", "title: Changed: the MsgRegisterEvent"));
        Outcome o = harness("run", "--resume", dir.toString(), "--no-html");
        assertEquals(Main.BROKEN_OR_USAGE, o.exit());
        assertTrue(o.err().contains("plan files changed since the run started: " + plan), o.err());
        assertFalse(Journal.read(dir).stream().anyMatch(r -> "run-resume".equals(r.path("type").asText())));
    }
}
