package io.qnxhil.trace;

import com.fasterxml.jackson.databind.JsonNode;
import io.qnxhil.report.RunRecords;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Outcomes the docs leave open (UNSPECIFIED steps) are recorded per board and compared with the
 * board's golden file, test-plans/golden/&lt;board&gt;.yaml. A difference is flagged for review,
 * never failed. Every run writes the outcomes it saw to golden/&lt;board&gt;.yaml in its run
 * directory: after review, copying that file to test-plans/golden/ accepts them.
 */
public final class GoldenOutcomes {
    public static final String DIR = "test-plans/golden";
    public static final String REVIEW = "golden-review.txt";

    /** One difference between the run and the golden file. */
    public record Change(String board, String key, String golden, String observed) {
        @Override
        public String toString() {
            return board + " " + key + ": " + (golden == null ? "new (not in the golden file)"
                    : observed == null ? "not observed in this run (golden: " + golden + ")"
                    : "golden " + golden + ", observed " + observed);
        }
    }

    /** What the comparison found for one board. */
    public record BoardReview(String board, Path goldenFile, boolean goldenExists, int recorded, List<Change> changes) {
    }

    private GoldenOutcomes() {
    }

    /** The unspecified outcomes of one board in a run: "scenario#step op" to the observation. */
    public static Map<String, String> observed(RunRecords run, String board) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode s : run.scenarios()) {
            if (!s.path("board").asText().equals(board)) {
                continue;
            }
            for (JsonNode st : s.path("steps")) {
                if (st.path("status").asText().equals("UNSPECIFIED") && st.has("observed")) {
                    out.put(s.path("scenario").asText() + "#" + st.path("index").asInt() + " " + st.path("op").asText(),
                            outcome(st.path("op").asText(), st.path("observed")));
                }
            }
        }
        return out;
    }

    /** Return value, errno and what arrived; kernel-chosen ids (chid, coid, rcvid) as "id". */
    static String outcome(String op, JsonNode o) {
        long ret = o.path("ret").asLong();
        boolean id = (op.equals("channel_create") || op.equals("connect_attach") || op.equals("receive")
                || op.startsWith("shm_")) && ret >= 0;
        StringBuilder sb = new StringBuilder(id ? "id" : Long.toString(ret)).append(' ').append(o.path("errno").asText());
        if (o.has("delivered") && !o.path("delivered").isNull()) {
            sb.append(" delivered ").append(new TreeMap<>(new com.fasterxml.jackson.databind.ObjectMapper()
                    .convertValue(o.path("delivered"), Map.class)));
        }
        return sb.toString();
    }

    /** Compares every board of the run with its golden file and writes the review and the proposed files. */
    public static List<BoardReview> review(RunRecords run, Path projectRoot) throws IOException {
        List<BoardReview> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (String board : run.boards().keySet()) {
            Map<String, String> seen = observed(run, board);
            Path golden = projectRoot.resolve(DIR).resolve(board + ".yaml");
            boolean exists = Files.isRegularFile(golden);
            Map<String, String> expected = exists ? read(golden) : Map.of();
            List<Change> changes = new ArrayList<>();
            if (exists) {
                seen.forEach((k, v) -> {
                    String g = expected.get(k);
                    if (!v.equals(g)) {
                        changes.add(new Change(board, k, g, v));
                    }
                });
                java.util.Set<String> ran = new java.util.HashSet<>();
                run.scenarios().stream().filter(s -> s.path("board").asText().equals(board)
                        && (s.path("verdict").asText().equals("PASS") || s.path("verdict").asText().equals("FAIL")))
                        .forEach(s -> ran.add(s.path("scenario").asText()));
                expected.forEach((k, g) -> {
                    if (!seen.containsKey(k) && ran.contains(k.substring(0, k.indexOf('#')))) {
                        changes.add(new Change(board, k, g, null));
                    }
                });
            }
            Path proposed = Files.createDirectories(run.runDir().resolve("golden")).resolve(board + ".yaml");
            Files.writeString(proposed, render(board, seen));
            out.add(new BoardReview(board, golden, exists, seen.size(), changes));
            text.append(board).append(": ").append(seen.size()).append(" unspecified outcomes; ")
                    .append(exists ? changes.size() + " differ from " + DIR + "/" + board + ".yaml"
                            : "no golden file " + DIR + "/" + board + ".yaml yet").append('\n');
            changes.forEach(c -> text.append("  ").append(c).append('\n'));
        }
        Files.writeString(run.runDir().resolve(REVIEW), text.toString());
        return out;
    }

    public static void print(PrintStream out, List<BoardReview> reviews) {
        for (BoardReview r : reviews) {
            if (!r.goldenExists()) {
                out.println("unspecified outcomes on " + r.board() + ": " + r.recorded() + " recorded; no golden file "
                        + DIR + "/" + r.board() + ".yaml (the run's golden/" + r.board() + ".yaml can become it)");
            } else if (r.changes().isEmpty()) {
                out.println("unspecified outcomes on " + r.board() + ": " + r.recorded() + " recorded, all as in "
                        + DIR + "/" + r.board() + ".yaml");
            } else {
                out.println("unspecified outcomes on " + r.board() + ": " + r.changes().size() + " of " + r.recorded()
                        + " changed against " + DIR + "/" + r.board() + ".yaml — flagged for review, not failed:");
                r.changes().stream().limit(20).forEach(c -> out.println("  REVIEW " + c));
            }
        }
    }

    static Map<String, String> read(Path file) {
        try {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
            if (!(root instanceof Map<?, ?> m) || !(m.get("outcomes") instanceof Map<?, ?> outcomes)) {
                throw new IllegalArgumentException(file + ": a golden file is a mapping with 'outcomes:' "
                        + "(scenario#step op: observed outcome)");
            }
            Map<String, String> out = new TreeMap<>();
            outcomes.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
            return out;
        } catch (IOException | YAMLException e) {
            throw new IllegalArgumentException(file + ": cannot read the golden file: " + e.getMessage(), e);
        }
    }

    static String render(String board, Map<String, String> outcomes) {
        StringBuilder sb = new StringBuilder("# Outcomes the QNX pages leave open, as board '").append(board)
                .append("' showed them.\n# A run compares its observations with this file: a difference is flagged "
                        + "for review, never failed.\nboard: ").append(board).append("\noutcomes:\n");
        outcomes.forEach((k, v) -> sb.append("  \"").append(k.replace("\"", "\\\"")).append("\": \"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n"));
        return sb.toString();
    }
}
