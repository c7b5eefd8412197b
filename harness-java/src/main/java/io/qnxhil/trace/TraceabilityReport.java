package io.qnxhil.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qnxhil.report.RunRecords;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the traceability matrix of a run into its directory — traceability.html (for people),
 * traceability.json (for tools) — and prints the coverage figure with what is not covered and why.
 */
public final class TraceabilityReport {
    public static final String HTML = "traceability.html";
    public static final String JSON_FILE = "traceability.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TraceabilityReport() {
    }

    /** Builds and writes the matrix; null when the project has no behaviour inventory. */
    public static TraceabilityMatrix write(RunRecords run, Path projectRoot) throws IOException {
        if (!Files.isRegularFile(projectRoot.resolve(BehaviourInventory.FILE))) {
            return null;
        }
        TraceabilityMatrix m = TraceabilityMatrix.build(run, BehaviourInventory.forProject(projectRoot));
        Files.writeString(run.runDir().resolve(JSON_FILE), JSON.writeValueAsString(json(m)));
        Files.writeString(run.runDir().resolve(HTML), html(run, m));
        return m;
    }

    /** The coverage figure, the behaviours not covered with the reason, and citations missing from the inventory. */
    public static void print(PrintStream out, TraceabilityMatrix m) {
        out.println(m.coverageLine());
        long missing = m.rows().stream().filter(r -> !r.covered()).count();
        if (missing > 0) {
            out.println("not covered (" + missing + "):");
            for (TraceabilityMatrix.Row r : m.rows()) {
                if (!r.covered()) {
                    out.println("  " + r.behaviour().id() + ": " + m.whyNotCovered(r));
                }
            }
        }
        m.unlisted().forEach(u -> out.println("  cited but not in " + BehaviourInventory.FILE + ": " + u));
    }

    static ObjectNode json(TraceabilityMatrix m) {
        ObjectNode n = JSON.createObjectNode();
        n.put("behaviours", m.rows().size());
        n.put("covered", m.covered());
        n.put("provokable", m.provokable());
        n.put("coveredProvokable", m.coveredProvokable());
        n.set("boards", JSON.valueToTree(m.boardReleases()));
        ArrayNode rows = n.putArray("rows");
        for (TraceabilityMatrix.Row r : m.rows()) {
            Behaviour b = r.behaviour();
            ObjectNode row = rows.addObject();
            row.put("id", b.id()).put("kind", b.kind()).put("page", b.ref().page()).put("sentence", b.ref().sentence());
            row.put("covered", r.covered());
            if (!r.covered()) {
                row.put("why", m.whyNotCovered(r));
            }
            row.set("verdicts", JSON.valueToTree(r.verdicts()));
            ArrayNode checks = row.putArray("scenarios");
            r.checks().forEach(c -> checks.addObject().put("board", c.board()).put("scenario", c.scenario())
                    .put("verdict", c.verdict()).put("where", String.join(", ", c.where())));
        }
        n.set("unlisted", JSON.valueToTree(m.unlisted()));
        return n;
    }

    static String html(RunRecords run, TraceabilityMatrix m) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Traceability: ")
                .append(esc(run.planName())).append("</title><style>body{font-family:sans-serif;font-size:13px}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top}"
                        + ".PASS{background:#c8f0c8}.FAIL{background:#f7b2b2}.BROKEN{background:#f7dc9c}"
                        + ".SKIPPED{background:#ddd}.none{color:#999}q{font-style:italic}</style></head><body>");
        h.append("<h1>Traceability matrix — plan ").append(esc(run.planName())).append("</h1><p>")
                .append(esc(m.coverageLine())).append("</p><p>Boards: ");
        for (String b : m.boards()) {
            h.append(esc(b)).append(" (").append(esc(run.boardOs(b))).append(") ");
        }
        h.append("</p><p>Results from qnxsim come from the simulated board: they are not QNX results.</p>");
        h.append("<table><tr><th>behaviour</th><th>documented sentence</th><th>scenarios</th>");
        m.boards().forEach(b -> h.append("<th>").append(esc(b)).append("</th>"));
        h.append("</tr>");
        for (TraceabilityMatrix.Row r : m.rows()) {
            Behaviour b = r.behaviour();
            h.append("<tr><td>").append(esc(b.id())).append("<br><small>").append(esc(b.kind())).append("</small></td><td>")
                    .append(esc(b.ref().page())).append(": <q>").append(esc(b.ref().sentence())).append("</q></td><td>");
            if (r.checks().isEmpty()) {
                h.append("<span class=\"none\">").append(esc(m.whyNotCovered(r))).append("</span>");
            }
            r.checks().stream().map(c -> c.scenario() + " (" + String.join(", ", c.where()) + ")").distinct()
                    .forEach(c -> h.append(esc(c)).append("<br>"));
            h.append("</td>");
            for (String board : m.boards()) {
                String v = r.verdicts().get(board);
                h.append(v == null ? "<td class=\"none\">—</td>" : "<td class=\"" + v + "\">" + v + "</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>");
        if (!m.unlisted().isEmpty()) {
            h.append("<h2>Cited but not in the inventory</h2><ul>");
            m.unlisted().forEach(u -> h.append("<li>").append(esc(u)).append("</li>"));
            h.append("</ul>");
        }
        return h.append("</body></html>").toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
