package io.qnxhil.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qnxhil.agent.Observation;
import io.qnxhil.model.Expectation;
import io.qnxhil.plan.DocRef;
import io.qnxhil.plan.Scenario;
import io.qnxhil.plan.SourceLocation;
import io.qnxhil.plan.Step;
import io.qnxhil.run.Journal;
import io.qnxhil.run.ResultCodec;
import io.qnxhil.run.ScenarioResult;
import io.qnxhil.run.StepResult;
import io.qnxhil.run.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reports are derived from the journal alone; verdict words stay apart in every format. */
class ReportsTest {
    @TempDir
    Path runDir;

    private static final DocRef DOC = new DocRef("MsgRegisterEvent.txt",
            "If the handle exists and the server is allowed to deliver it, the kernel delivers the registered event.");

    private static ScenarioResult result(String id, Verdict verdict, StepResult.Status status, String reason) {
        SourceLocation loc = new SourceLocation(Path.of("test-plans/x.yaml"), 3, 5);
        Step step = new Step(0, "server", "deliver_event", Map.of("event", "forbidden"), false, loc);
        Scenario sc = new Scenario(id, "title " + id, DOC, List.of("server", "client"), List.of(step), loc);
        Expectation exp = new Expectation("-1", "EACCES", null, true, DOC, "deliver.handle-not-permitted");
        Observation obs = new Observation(0, "EOK", Map.of(), null, Map.of(), 1000, "{}");
        StepResult sr = new StepResult(step, exp, status == StepResult.Status.NOT_RUN ? null : obs, status,
                status == StepResult.Status.MISMATCH ? "expected -1 EACCES, observed 0 EOK" : "");
        return new ScenarioResult(sc, "sim", verdict, reason, List.of(sr), Map.of("server", 10L), List.of("{}"),
                "agent says hi", Instant.now(), Duration.ofMillis(12));
    }

    private void journal(ScenarioResult... results) {
        try (Journal j = Journal.openForAppend(runDir)) {
            j.append(Journal.record("run-start").put("plan", "smoke").put("planFile", "p").put("planSha256", "00"));
            var board = Journal.record("board").put("board", "sim");
            board.putObject("info").put("os", "qnxsim").put("release", "8.0.0").put("arch", "x86_64");
            j.append(board);
            for (ScenarioResult r : results) {
                j.append(ResultCodec.scenario(r));
            }
            j.append(Journal.record("run-end"));
        }
    }

    @Test
    void everyVerdictKeepsItsOwnWordInSummaryJUnitAndAllure() throws Exception {
        journal(result("a", Verdict.PASS, StepResult.Status.MATCH, ""),
                result("b", Verdict.FAIL, StepResult.Status.MISMATCH, "step 0: expected -1 EACCES, observed 0 EOK"),
                result("c", Verdict.BROKEN, StepResult.Status.NOT_RUN, "agent died"),
                result("d", Verdict.SKIPPED, StepResult.Status.NOT_RUN, "needs 8.0"));
        RunRecords run = Reports.generate(runDir, runDir, false);

        assertEquals(Map.of("PASS", 1, "FAIL", 1, "BROKEN", 1, "SKIPPED", 1), run.counts());
        var summary = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
        assertEquals(1, summary.path("counts").path("BROKEN").asInt());
        assertTrue(summary.path("complete").asBoolean());

        String xml = Files.readString(runDir.resolve("junit/TEST-smoke.sim.xml"));
        assertTrue(xml.contains("failures=\"1\"") && xml.contains("errors=\"1\"") && xml.contains("skipped=\"1\""), xml);
        assertTrue(xml.contains("<failure type=\"product\""), xml);
        assertTrue(xml.contains("<error type=\"infrastructure\" message=\"agent died\""), xml);

        List<String> statuses = allureStatuses();
        assertEquals(List.of("broken", "failed", "passed", "skipped"), statuses);
        String categories = Files.readString(runDir.resolve("allure-results/categories.json"));
        assertTrue(categories.contains("Infrastructure") && categories.contains("Product defects"));
        assertTrue(Files.readString(runDir.resolve("allure-results/environment.properties")).contains("board.sim.os = qnxsim"));
    }

    @Test
    void theFailingStepShowsExpectedAndObservedInTheAllureStep() throws Exception {
        journal(result("b", Verdict.FAIL, StepResult.Status.MISMATCH, "mismatch"));
        Reports.generate(runDir, runDir, false);
        try (var files = Files.list(runDir.resolve("allure-results"))) {
            Path res = files.filter(p -> p.toString().endsWith("-result.json")).findFirst().orElseThrow();
            var step = new ObjectMapper().readTree(res.toFile()).path("steps").get(0);
            assertEquals("failed", step.path("status").asText());
            assertTrue(step.path("name").asText().contains("expected -1 EACCES, observed 0 EOK"), step.toString());
        }
    }

    @Test
    void aResumedScenarioRecordReplacesTheEarlierOne() {
        journal(result("a", Verdict.BROKEN, StepResult.Status.NOT_RUN, "killed"),
                result("a", Verdict.PASS, StepResult.Status.MATCH, ""));
        RunRecords run = RunRecords.read(runDir);
        assertEquals(1, run.scenarios().size());
        assertEquals("PASS", run.scenarios().get(0).path("verdict").asText());
    }

    private List<String> allureStatuses() throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (var files = Files.list(runDir.resolve("allure-results"))) {
            return files.filter(p -> p.toString().endsWith("-result.json")).map(p -> {
                try {
                    return json.readTree(p.toFile()).path("status").asText();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }).sorted().toList();
        }
    }
}
