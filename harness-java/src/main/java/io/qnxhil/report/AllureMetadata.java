package io.qnxhil.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** environment.properties, categories.json and executor.json of a run's Allure results. */
final class AllureMetadata {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AllureMetadata() {
    }

    static void write(RunRecords run, Path dir) throws IOException {
        Files.writeString(dir.resolve("environment.properties"), environment(run), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("categories.json"), categories().toPrettyString(), StandardCharsets.UTF_8);
        ObjectNode executor = JSON.createObjectNode()
                .put("name", "qnx-hil")
                .put("type", "qnx-hil")
                .put("buildName", run.runDir().getFileName().toString())
                .put("reportName", "qnx-hil: " + run.planName());
        Files.writeString(dir.resolve("executor.json"), executor.toPrettyString(), StandardCharsets.UTF_8);
    }

    private static String environment(RunRecords run) {
        Map<String, String> env = new TreeMap<>();
        env.put("plan", run.planName());
        env.put("plan.sha256", run.runStart().path("planSha256").asText());
        env.put("harness.version", run.runStart().path("harnessVersion").asText());
        for (var e : run.boards().entrySet()) {
            JsonNode info = e.getValue().path("info");
            String p = "board." + e.getKey() + ".";
            env.put(p + "os", info.path("os").asText());
            env.put(p + "release", info.path("release").asText());
            env.put(p + "arch", info.path("arch").asText());
            env.put(p + "hostname", info.path("hostname").asText());
            env.put(p + "agent.version", info.path("agentVersion").asText());
            env.put(p + "agent.hash", info.path("buildHash").asText());
            env.put(p + "qnx.release", "QNX".equals(info.path("os").asText()) ? info.path("release").asText()
                    : "none: simulated board (qnxsim profile " + info.path("profile").asText() + ")");
            // the agent's uname() and gethostname(), as its info record carries them
            env.put(p + "uname", String.join(" ", info.path("os").asText(), info.path("hostname").asText(),
                    info.path("release").asText(), info.path("arch").asText()));
            env.put(p + "config", e.getValue().path("config").asText());
        }
        env.put("controller.uname", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version"));
        if (run.runStart().has("retries")) {
            env.put("run.retries", run.runStart().path("retries").asText());
            env.put("run.parallel", run.runStart().path("parallel").asText());
            env.put("run.board.timeout.s", run.runStart().path("boardTimeoutS").asText());
        }
        run.brokenBoards().forEach((b, reason) -> env.put("board." + b + ".broken", reason));
        StringBuilder sb = new StringBuilder();
        env.forEach((k, v) -> sb.append(k.replace(' ', '_')).append(" = ")
                .append(v.replace("\\", "\\\\").replace("\n", " ")).append('\n'));
        return sb.toString();
    }

    private static ArrayNode categories() {
        ArrayNode a = JSON.createArrayNode();
        a.addObject().put("name", "Product defects: documented behaviour not met")
                .put("description", "The board disagreed with a documented expectation (FAIL).")
                .putArray("matchedStatuses").add("failed");
        a.addObject().put("name", "Infrastructure: board out of the run (health check failed or time budget used up)")
                .put("description", "The board failed its health check or ran out of --board-timeout: its scenarios did not run.")
                .put("messageRegex", "(?s).*board out of the run.*")
                .putArray("matchedStatuses").add("broken");
        a.addObject().put("name", "Infrastructure: timeout")
                .put("description", "The agent or the board did not answer within a bound (step, scenario, health check).")
                .put("messageRegex", "(?s).*(timed out|did not finish within|did not answer|timeout).*")
                .putArray("matchedStatuses").add("broken");
        a.addObject().put("name", "Infrastructure: board, transport or agent")
                .put("description", "The harness could not carry the scenario out (BROKEN): not a product verdict.")
                .putArray("matchedStatuses").add("broken");
        a.addObject().put("name", "Not supported on this board")
                .put("description", "SKIPPED with the reason, e.g. a call the board's QNX release lacks.")
                .putArray("matchedStatuses").add("skipped");
        return a;
    }
}
