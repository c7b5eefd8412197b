package io.qnxhil.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Allure results for a run, derived from the journal: one test result per scenario and board, a
 * step per scenario step (expected vs observed as parameters), the trace diff, agent records and
 * agent stderr as attachments, the board's identity as environment, and categories that keep
 * product defects (FAIL) apart from infrastructure (BROKEN).
 */
public final class AllureResultsWriter {
    public static final String DIR = "allure-results";

    private AllureResultsWriter() {
    }

    public static Path write(RunRecords run) throws IOException {
        Path dir = run.runDir().resolve(DIR);
        if (Files.exists(dir)) {
            try (var files = Files.list(dir)) {
                files.filter(Files::isRegularFile).toList().parallelStream().forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException("cannot clear " + p + ": " + e.getMessage(), e);
                    }
                });
            }
        }
        Files.createDirectories(dir);
        FileSystemResultsWriter writer = new FileSystemResultsWriter(dir);
        // thousands of small files: written in parallel, each result with its own attachments
        run.scenarios().parallelStream().forEach(s -> writer.write(result(run, s, writer)));
        AllureMetadata.write(run, dir);
        return dir;
    }

    private static TestResult result(RunRecords run, JsonNode s, FileSystemResultsWriter writer) {
        String board = s.path("board").asText();
        String id = s.path("scenario").asText();
        long start = Instant.parse(s.path("started").asText()).toEpochMilli();
        long stop = start + s.path("durationMs").asLong();
        TestResult r = new TestResult()
                .setUuid(UUID.randomUUID().toString())
                .setHistoryId(run.planName() + "/" + board + "/" + id)
                .setTestCaseId(id)
                .setName(id)
                .setFullName(run.planName() + "." + board + "." + id)
                .setStatus(status(s.path("verdict").asText()))
                .setStage(Stage.FINISHED)
                .setStart(start).setStop(stop)
                .setDescription(description(s))
                .setLabels(labels(run, s, board))
                .setSteps(steps(s, start, stop));
        String reason = s.path("reason").asText("");
        if (!reason.isEmpty()) {
            r.setStatusDetails(new StatusDetails().setMessage(reason).setTrace(TraceTable.render(s)));
        }
        List<Attachment> attachments = new ArrayList<>();
        attachments.add(attach(writer, "trace: expected vs observed", "text/plain", TraceTable.render(s)));
        attachments.add(attach(writer, "agent records", "application/x-ndjson", records(s)));
        String stderr = s.path("agentStderr").asText("");
        if (!stderr.isEmpty()) {
            attachments.add(attach(writer, "agent stderr (console log)", "text/plain", stderr));
        }
        attachments.addAll(io.qnxhil.latency.LatencyAllure.attachments(run.runDir(), s, writer));
        r.setAttachments(attachments);
        // the run's traceability matrix (doc sentence -> scenarios -> verdict per board), next to report.html
        r.setLinks(List.of(new io.qameta.allure.model.Link().setName("traceability matrix of this run")
                .setUrl("traceability.html").setType("tms")));
        return r;
    }

    private static String description(JsonNode s) {
        StringBuilder sb = new StringBuilder(s.path("title").asText(""));
        JsonNode doc = s.path("doc");
        if (!doc.isMissingNode()) {
            sb.append("\n\nChecks ").append(doc.path("page").asText()).append(":\n\n> ")
                    .append(doc.path("sentence").asText());
        }
        sb.append("\n\nScenario source: ").append(s.path("source").asText());
        return sb.toString();
    }

    private static List<Label> labels(RunRecords run, JsonNode s, String board) {
        String page = s.path("doc").path("page").asText("undocumented");
        return List.of(
                new Label().setName("parentSuite").setValue(run.planName()),
                new Label().setName("suite").setValue(board + " (" + run.boardOs(board) + ")"),
                new Label().setName("host").setValue(board),
                new Label().setName("epic").setValue("QNX kernel facilities"),
                new Label().setName("feature").setValue(page),
                new Label().setName("story").setValue(s.path("scenario").asText()),
                new Label().setName("tag").setValue(run.boardOs(board).split(" ")[0]),
                new Label().setName("framework").setValue("qnx-hil"));
    }

    private static List<StepResult> steps(JsonNode s, long start, long stop) {
        List<StepResult> out = new ArrayList<>();
        for (JsonNode st : s.path("steps")) {
            String status = st.path("status").asText();
            String name = st.path("index").asInt() + ". " + st.path("describe").asText();
            if ("MISMATCH".equals(status)) {
                name += " — expected " + st.path("expected").path("text").asText()
                        + ", observed " + st.path("observed").path("text").asText();
            }
            List<Parameter> params = new ArrayList<>();
            params.add(new Parameter().setName("expected").setValue(st.path("expected").path("text").asText("-")));
            params.add(new Parameter().setName("observed").setValue(st.path("observed").path("text").asText("-")));
            params.add(new Parameter().setName("comparison").setValue(status));
            JsonNode citation = st.path("expected").path("citation");
            if (!citation.isMissingNode() && !citation.isNull()) {
                params.add(new Parameter().setName("documented by").setValue(citation.asText()));
            }
            params.add(new Parameter().setName("model rule").setValue(st.path("expected").path("rule").asText("-")));
            StepResult step = new StepResult().setName(name).setStatus(stepStatus(status))
                    .setStage(Stage.FINISHED).setStart(start).setStop(stop).setParameters(params);
            String message = st.path("message").asText("");
            if (!"MATCH".equals(status) && !message.isEmpty()) {
                step.setStatusDetails(new StatusDetails().setMessage(message));
            }
            out.add(step);
        }
        return out;
    }

    private static String records(JsonNode s) {
        StringBuilder sb = new StringBuilder();
        s.path("agentRecords").forEach(r -> sb.append(r.asText()).append('\n'));
        return sb.toString();
    }

    private static Attachment attach(FileSystemResultsWriter writer, String name, String type, String content) {
        String ext = type.equals("text/plain") ? ".txt" : ".jsonl";
        String source = UUID.randomUUID() + "-attachment" + ext;
        writer.write(source, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        return new Attachment().setName(name).setType(type).setSource(source);
    }

    static Status status(String verdict) {
        return switch (verdict) {
            case "PASS" -> Status.PASSED;
            case "FAIL" -> Status.FAILED;
            case "SKIPPED" -> Status.SKIPPED;
            default -> Status.BROKEN;
        };
    }

    private static Status stepStatus(String stepStatus) {
        return switch (stepStatus) {
            case "MATCH", "UNSPECIFIED" -> Status.PASSED;
            case "MISMATCH" -> Status.FAILED;
            case "NOT_RUN" -> Status.SKIPPED;
            default -> Status.BROKEN;
        };
    }
}
