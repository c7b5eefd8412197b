package io.qnxhil.trace;

import com.fasterxml.jackson.databind.JsonNode;
import io.qnxhil.plan.DocRef;
import io.qnxhil.report.RunRecords;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Documented behaviour → the scenarios that check it → the verdict per board, built from a run's
 * journal. A scenario checks a behaviour when its {@code doc:} cites it or when the reference model
 * cited it for a documented expectation of one of its steps. The verdict of a behaviour on a board
 * is the worst verdict of the scenarios that checked it there (SKIPPED only when all were skipped).
 */
public final class TraceabilityMatrix {

    /** One scenario run that checks a behaviour: where the citation came from ("doc", "step 7"). */
    public record Check(String board, String scenario, String verdict, List<String> where) {
    }

    /** A row: the behaviour, its checks, and the verdict per board (absent when no scenario checked it there). */
    public record Row(Behaviour behaviour, List<Check> checks, Map<String, String> verdicts) {
        public boolean covered() {
            return verdicts.values().stream().anyMatch(v -> !v.equals("SKIPPED"));
        }
    }

    private final List<Row> rows;
    private final List<String> boards;
    private final Map<String, String> boardReleases;
    private final Set<String> unlisted;

    private TraceabilityMatrix(List<Row> rows, List<String> boards, Map<String, String> boardReleases,
                               Set<String> unlisted) {
        this.rows = rows;
        this.boards = boards;
        this.boardReleases = boardReleases;
        this.unlisted = unlisted;
    }

    public static TraceabilityMatrix build(RunRecords run, BehaviourInventory inventory) {
        Map<String, String> releases = new LinkedHashMap<>();
        run.boards().forEach((b, rec) -> releases.put(b, rec.path("release").asText()));
        List<String> boards = new ArrayList<>(releases.keySet());
        for (JsonNode s : run.scenarios()) {
            String b = s.path("board").asText();
            if (!boards.contains(b)) {
                boards.add(b);
            }
        }
        Map<String, List<Check>> checks = new LinkedHashMap<>();
        Set<String> unlisted = new LinkedHashSet<>();
        for (JsonNode s : run.scenarios()) {
            Map<String, List<String>> where = new LinkedHashMap<>();
            JsonNode doc = s.path("doc");
            if (!doc.isMissingNode()) {
                cite(inventory, new DocRef(doc.path("page").asText(), doc.path("sentence").asText()), "doc", where,
                        unlisted);
            }
            for (JsonNode st : s.path("steps")) {
                JsonNode e = st.path("expected");
                if (e.path("documented").asBoolean() && e.hasNonNull("citation")) {
                    DocRef ref = parse(e.path("citation").asText());
                    if (ref != null) {
                        cite(inventory, ref, "step " + st.path("index").asInt(), where, unlisted);
                    }
                }
            }
            where.forEach((id, w) -> checks.computeIfAbsent(id, k -> new ArrayList<>()).add(new Check(
                    s.path("board").asText(), s.path("scenario").asText(), s.path("verdict").asText(), w)));
        }
        List<Row> rows = new ArrayList<>();
        for (Behaviour b : inventory.all()) {
            List<Check> cs = checks.getOrDefault(b.id(), List.of());
            Map<String, String> verdicts = new TreeMap<>();
            for (Check c : cs) {
                verdicts.merge(c.board(), c.verdict(), TraceabilityMatrix::worst);
            }
            rows.add(new Row(b, List.copyOf(cs), verdicts));
        }
        return new TraceabilityMatrix(rows, boards, releases, unlisted);
    }

    private static void cite(BehaviourInventory inv, DocRef ref, String where, Map<String, List<String>> out,
                             Set<String> unlisted) {
        inv.find(ref).ifPresentOrElse(b -> out.computeIfAbsent(b.id(), k -> new ArrayList<>()).add(where),
                () -> unlisted.add(ref.toString()));
    }

    /** Reads back {@link DocRef#toString()}: {@code page — "sentence"}. */
    static DocRef parse(String text) {
        int sep = text.indexOf(" — \"");
        if (sep < 0 || !text.endsWith("\"")) {
            return null;
        }
        return new DocRef(text.substring(0, sep), text.substring(sep + 4, text.length() - 1));
    }

    static String worst(String a, String b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(String v) {
        return switch (v) {
            case "SKIPPED" -> 0;
            case "PASS" -> 1;
            case "FAIL" -> 2;
            default -> 3;
        };
    }

    public List<Row> rows() {
        return rows;
    }

    public List<String> boards() {
        return boards;
    }

    public Map<String, String> boardReleases() {
        return boardReleases;
    }

    /** Citations found in the run that the inventory does not list (a gap in the inventory). */
    public Set<String> unlisted() {
        return unlisted;
    }

    public long covered() {
        return rows.stream().filter(Row::covered).count();
    }

    public long coveredProvokable() {
        return rows.stream().filter(r -> r.covered() && r.behaviour().provokable()).count();
    }

    public long provokable() {
        return rows.stream().filter(r -> r.behaviour().provokable()).count();
    }

    /** Why a behaviour has no checked scenario in this run. */
    public String whyNotCovered(Row r) {
        Behaviour b = r.behaviour();
        if (!b.provokable()) {
            return "not provokable from user space: " + b.notProvokable();
        }
        if (!r.checks().isEmpty()) {
            return "its scenarios were skipped on every board: " + String.join(", ",
                    r.checks().stream().map(Check::scenario).distinct().toList());
        }
        if (!boardReleases.isEmpty() && boardReleases.values().stream().noneMatch(b::appliesTo)) {
            return "documented for QNX " + String.join("/", new java.util.TreeSet<>(b.releases()))
                    + " only; no board of this run runs it";
        }
        return b.gap() != null ? "not yet checkable by the harness: " + b.gap() : "no scenario of this plan checks it";
    }

    /** "coverage: 83 of 122 documented behaviours checked (83 of 101 that user space can provoke)". */
    public String coverageLine() {
        return String.format("coverage: %d of %d documented behaviours checked by at least one scenario "
                        + "(%.0f%%); %d of the %d that user space can provoke",
                covered(), rows.size(), 100.0 * covered() / Math.max(1, rows.size()), coveredProvokable(),
                provokable());
    }
}
