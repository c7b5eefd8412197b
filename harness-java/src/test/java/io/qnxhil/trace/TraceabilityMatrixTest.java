package io.qnxhil.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qnxhil.report.RunRecords;
import io.qnxhil.testing.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The matrix and the golden-file review, from hand-made journal records. */
class TraceabilityMatrixTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REG = "MsgRegisterEvent.txt";
    private static final String PERMITTED = "If the handle exists and the server is allowed to deliver it, the kernel delivers the registered event.";
    private static final String TWICE = "The event is already registered as a secure event.";

    @TempDir
    Path dir;

    private static ObjectNode scenario(String board, String id, String verdict, String docSentence, String stepCitation,
                                       String stepStatus, String observed) {
        ObjectNode s = JSON.createObjectNode().put("type", "scenario").put("board", board).put("scenario", id)
                .put("verdict", verdict);
        s.putObject("doc").put("page", REG).put("sentence", docSentence);
        ObjectNode st = s.putArray("steps").addObject().put("index", 3).put("op", "deliver_event").put("status", stepStatus);
        ObjectNode e = st.putObject("expected").put("documented", stepCitation != null);
        if (stepCitation != null) {
            e.put("citation", REG + " — \"" + stepCitation + "\"");
        }
        if (observed != null) {
            st.putObject("observed").put("ret", Long.parseLong(observed.split(" ")[0])).put("errno", observed.split(" ")[1]);
        }
        return s;
    }

    /** A run directory whose journal holds boards a (8.0) and b (7.1) and these scenario records. */
    private RunRecords run(List<ObjectNode> scenarios) {
        StringBuilder journal = new StringBuilder();
        journal.append(JSON.createObjectNode().put("type", "run-start").put("plan", "p")).append('\n');
        journal.append(JSON.createObjectNode().put("type", "board").put("board", "a").put("release", "8.0")).append('\n');
        journal.append(JSON.createObjectNode().put("type", "board").put("board", "b").put("release", "7.1")).append('\n');
        scenarios.forEach(s -> journal.append(s).append('\n'));
        try {
            Files.writeString(dir.resolve(io.qnxhil.run.Journal.FILE_NAME), journal.toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return RunRecords.read(dir);
    }

    @Test
    void rowsCarryScenariosAndTheWorstVerdictPerBoard() {
        BehaviourInventory inv = BehaviourInventory.forProject(ProjectPaths.root());
        TraceabilityMatrix m = TraceabilityMatrix.build(run(List.of(
                scenario("a", "s1", "PASS", PERMITTED, TWICE, "MATCH", "-1 EINVAL"),
                scenario("b", "s1", "FAIL", PERMITTED, TWICE, "MISMATCH", "0 EOK"),
                scenario("a", "s2", "PASS", "Not a sentence of the page.", null, "MATCH", null))), inv);
        var permitted = row(m, "register.handle-delivered-if-permitted");
        assertEquals(Map.of("a", "PASS", "b", "FAIL"), permitted.verdicts());
        assertEquals(List.of("doc"), permitted.checks().get(0).where());
        assertEquals(List.of("step 3"), row(m, "register.EINVAL-already-registered").checks().get(0).where());
        assertTrue(m.unlisted().stream().anyMatch(u -> u.contains("Not a sentence")), m.unlisted().toString());
        assertEquals(2, m.covered());
        var none = row(m, "register.ENOMEM");
        assertFalse(none.covered());
        assertTrue(m.whyNotCovered(none).startsWith("not provokable from user space"));
        assertTrue(m.coverageLine().startsWith("coverage: 2 of " + inv.all().size()), m.coverageLine());
    }

    @Test
    void aBehaviourOnlySkippedIsNotCovered() {
        TraceabilityMatrix m = TraceabilityMatrix.build(run(List.of(
                scenario("a", "s1", "SKIPPED", PERMITTED, null, "NOT_RUN", null))),
                BehaviourInventory.forProject(ProjectPaths.root()));
        var r = row(m, "register.handle-delivered-if-permitted");
        assertFalse(r.covered());
        assertTrue(m.whyNotCovered(r).contains("skipped on every board"), m.whyNotCovered(r));
    }

    @Test
    void aChangedUnspecifiedOutcomeIsFlaggedNotFailed() throws IOException {
        Path root = dir.resolve("project");
        Files.createDirectories(root.resolve(GoldenOutcomes.DIR));
        Files.writeString(root.resolve(GoldenOutcomes.DIR).resolve("a.yaml"),
                "board: a\noutcomes:\n  \"s1#3 deliver_event\": \"-1 EINVAL\"\n  \"s3#3 deliver_event\": \"0 EOK\"\n");
        RunRecords same = run(List.of(scenario("a", "s1", "PASS", PERMITTED, null, "UNSPECIFIED", "-1 EINVAL"),
                scenario("a", "s3", "SKIPPED", PERMITTED, null, "NOT_RUN", null)));
        assertEquals(List.of(), GoldenOutcomes.review(same, root).get(0).changes());
        RunRecords changed = run(List.of(scenario("a", "s1", "PASS", PERMITTED, null, "UNSPECIFIED", "-1 ESRCH")));
        var review = GoldenOutcomes.review(changed, root).get(0);
        assertEquals(1, review.changes().size());
        assertEquals("-1 EINVAL", review.changes().get(0).golden());
        assertEquals("-1 ESRCH", review.changes().get(0).observed());
        assertTrue(Files.readString(dir.resolve(GoldenOutcomes.REVIEW)).contains("golden -1 EINVAL, observed -1 ESRCH"));
        assertTrue(Files.readString(dir.resolve("golden/a.yaml")).contains("\"s1#3 deliver_event\": \"-1 ESRCH\""));
    }

    @Test
    void aBrokenGoldenFileIsNamedInTheError() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "outcomes: [1, 2]\n");
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> GoldenOutcomes.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    private static TraceabilityMatrix.Row row(TraceabilityMatrix m, String id) {
        return m.rows().stream().filter(r -> r.behaviour().id().equals(id)).findFirst().orElseThrow();
    }
}
