package io.qnxhil.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.qnxhil.run.Journal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run as its journal tells it: the run-start record, the boards (identity or why broken), and
 * the scenario records. When a scenario was recorded more than once for a board (a resumed run),
 * the last record wins. {@code journalProblems} names (file:line) a torn last record, if any.
 */
public record RunRecords(Path runDir, JsonNode runStart, Map<String, JsonNode> boards,
                         Map<String, String> brokenBoards, List<JsonNode> scenarios, boolean complete,
                         List<String> journalProblems) {

    public static RunRecords read(Path runDir) {
        JsonNode start = null;
        Map<String, JsonNode> boards = new LinkedHashMap<>();
        Map<String, String> broken = new LinkedHashMap<>();
        Map<String, JsonNode> scenarios = new LinkedHashMap<>();
        boolean complete = false;
        Journal.Contents journal = Journal.load(runDir);
        for (JsonNode rec : journal.records()) {
            switch (rec.path("type").asText()) {
                case "run-start" -> start = start == null ? rec : start;
                case "board" -> {
                    boards.put(rec.path("board").asText(), rec);
                    broken.remove(rec.path("board").asText()); // healthy again after a resume
                }
                case "board-broken" -> broken.putIfAbsent(rec.path("board").asText(), rec.path("reason").asText());
                case "scenario" -> scenarios.put(rec.path("board").asText() + "\u0000" + rec.path("scenario").asText(), rec);
                case "run-end" -> complete = true;
                default -> { }
            }
        }
        if (start == null) {
            throw new Journal.JournalException(runDir.resolve(Journal.FILE_NAME) + ": no run-start record");
        }
        return new RunRecords(runDir, start, boards, broken, new ArrayList<>(scenarios.values()), complete,
                journal.problems());
    }

    public String planName() {
        return runStart.path("plan").asText();
    }

    /** Verdict counts in the fixed order PASS, FAIL, BROKEN, SKIPPED. */
    public Map<String, Integer> counts() {
        Map<String, Integer> c = new LinkedHashMap<>();
        for (String v : List.of("PASS", "FAIL", "BROKEN", "SKIPPED")) {
            c.put(v, 0);
        }
        for (JsonNode s : scenarios) {
            c.merge(s.path("verdict").asText(), 1, Integer::sum);
        }
        return c;
    }

    /** "qnxsim 8.0.0 x86_64" from the board's own report, or the config's release when it never answered. */
    public String boardOs(String board) {
        JsonNode b = boards.get(board);
        if (b == null) {
            return "unreachable";
        }
        JsonNode info = b.path("info");
        return info.path("os").asText() + " " + info.path("release").asText() + " " + info.path("arch").asText();
    }
}
