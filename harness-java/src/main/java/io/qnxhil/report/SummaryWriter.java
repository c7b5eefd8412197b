package io.qnxhil.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;

/** {@code summary.json}: counts, boards and one line per scenario, for dashboards and scripts. */
public final class SummaryWriter {
    public static final String FILE_NAME = "summary.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryWriter() {
    }

    public static ObjectNode summary(RunRecords run) {
        ObjectNode n = JSON.createObjectNode();
        n.put("plan", run.planName());
        n.put("planFile", run.runStart().path("planFile").asText());
        n.put("planSha256", run.runStart().path("planSha256").asText());
        n.put("harnessVersion", run.runStart().path("harnessVersion").asText());
        n.put("started", run.runStart().path("time").asText());
        n.put("complete", run.complete());
        n.set("counts", JSON.valueToTree(run.counts()));
        ObjectNode boards = n.putObject("boards");
        run.boards().forEach((name, rec) -> boards.putObject(name).setAll((ObjectNode) rec.path("info").deepCopy()));
        run.brokenBoards().forEach((name, reason) -> boards.putObject(name).put("broken", reason));
        var list = n.putArray("scenarios");
        for (JsonNode s : run.scenarios()) {
            list.addObject().put("board", s.path("board").asText()).put("scenario", s.path("scenario").asText())
                    .put("verdict", s.path("verdict").asText()).put("reason", s.path("reason").asText(""))
                    .put("durationMs", s.path("durationMs").asLong());
        }
        return n;
    }

    public static void write(RunRecords run) throws IOException {
        JSON.writeValue(run.runDir().resolve(FILE_NAME).toFile(), summary(run));
    }
}
