package io.qnxhil.latency;

import io.qnxhil.report.RunRecords;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The standalone latency page: plots embedded, so the one file opens anywhere. */
final class LatencyHtml {
    private LatencyHtml() {
    }

    static String render(RunRecords run, List<LatencyExports.Item> items, Map<LatencyExports.Item, LatencyReport.Plots> plots,
                         Map<LatencyExports.Item, LatencyReport.Plots> pairs) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Latency: ")
                .append(esc(run.planName())).append("</title>\n<style>")
                .append("body{font-family:DejaVu Sans,Arial,sans-serif;margin:24px;color:#222;max-width:1360px}")
                .append("table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccc;padding:3px 7px;font-size:13px;text-align:right}")
                .append("th{background:#f0f0f0}td.l,th.l{text-align:left}.PASS{background:#d9f2d9}.FAIL{background:#f8d0d0}")
                .append(".BROKEN{background:#f6e3b4}.SKIPPED{background:#e4e4e4}.warn{border:2px solid #c60;background:#fff3e0;padding:10px 14px;margin:12px 0}")
                .append("img{max-width:100%;border:1px solid #ddd;margin:4px 0}h2{margin-top:36px;border-bottom:1px solid #aaa}")
                .append(".plots{display:grid;grid-template-columns:1fr 1fr;gap:8px}</style></head><body>\n");
        h.append("<h1>Event delivery latency — plan ").append(esc(run.planName())).append("</h1>\n");
        h.append("<p>Run ").append(esc(run.runDir().getFileName().toString())).append(", started ")
                .append(esc(run.runStart().path("time").asText())).append(". Boards: ");
        items.stream().map(i -> i.board() + " (" + i.boardOs() + ")").distinct()
                .forEach(b -> h.append("<b>").append(esc(b)).append("</b> "));
        h.append("</p>\n");
        if (items.stream().anyMatch(i -> i.boardOs().startsWith("qnxsim"))) {
            h.append("<div class=\"warn\"><b>qnxsim numbers are not QNX numbers.</b> Measurements on a board whose OS is "
                    + "qnxsim ran on the simulated board: Linux processes on the controller's host, whose scheduler, "
                    + "wake-up path and noise have nothing to do with a QNX kernel. They show that the measurement "
                    + "works and how the host behaves; they say nothing about a QNX board.</div>\n");
        }
        summary(h, items);
        sideBySide(h, items);
        h.append("<h2>Measurements</h2>\n");
        for (LatencyExports.Item it : items) {
            detail(h, run.runDir(), it, plots.get(it), pairs.get(it));
        }
        h.append("<p style=\"color:#777;font-size:12px\">Percentiles from HdrHistogram (2 significant digits) built from the "
                + "agent's log-linear buckets (1/64 resolution); maxima and minima are the exact samples. "
                + "Exports: <a href=\"").append(LatencyReport.CSV).append("\">").append(LatencyReport.CSV)
                .append("</a>, <a href=\"").append(LatencyReport.OPENMETRICS).append("\">").append(LatencyReport.OPENMETRICS)
                .append("</a>.</p>\n</body></html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, List<LatencyExports.Item> items) {
        h.append("<h2>Summary and baseline verdict</h2>\n<table><tr><th class=\"l\">board</th><th class=\"l\">measurement</th>"
                + "<th class=\"l\">verdict</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>p99.99</th><th>max</th>"
                + "<th>samples</th><th>clock read</th><th class=\"l\">baseline</th></tr>\n");
        for (LatencyExports.Item it : items) {
            h.append("<tr><td class=\"l\">").append(esc(it.board())).append("</td><td class=\"l\"><a href=\"#")
                    .append(anchor(it)).append("\">").append(esc(it.id())).append("</a></td><td class=\"l ")
                    .append(it.verdict()).append("\">").append(it.verdict()).append("</td>");
            if (it.measured()) {
                LatencyResult.Percentiles p = it.result().percentiles();
                for (long v : new long[] {p.p50(), p.p90(), p.p99(), p.p999(), p.p9999(), p.max()}) {
                    h.append("<td>").append(us(v)).append("</td>");
                }
                h.append("<td>").append(p.count()).append("</td><td>")
                        .append(String.format(Locale.ROOT, "%.0f ns", it.result().clockOverheadNs())).append("</td>");
            } else {
                h.append("<td colspan=\"8\" class=\"l\">").append(esc(it.reason())).append("</td>");
            }
            h.append("<td class=\"l\">").append(esc(judgement(it))).append("</td></tr>\n");
        }
        h.append("</table>\n<p>Times in microseconds. Verdict: PASS = measured and within the board's baseline (or no "
                + "baseline to compare), FAIL = p50 or p99 above the baseline's tolerance, SKIPPED = the board cannot do "
                + "this configuration, BROKEN = the measurement could not be carried out.</p>\n");
    }

    private static String judgement(LatencyExports.Item it) {
        return switch (it.judgement()) {
            case "WITHIN" -> "within baseline";
            case "REGRESSION" -> "REGRESSION";
            case "NO_BASELINE" -> "no baseline";
            default -> "-";
        };
    }

    private static void sideBySide(StringBuilder h, List<LatencyExports.Item> items) {
        StringBuilder rows = new StringBuilder();
        for (LatencyExports.Item loaded : items) {
            LatencyExports.Item idle = LatencyReport.idleTwin(items, loaded);
            if (idle == null) {
                continue;
            }
            LatencyResult.Percentiles a = idle.result().percentiles(), b = loaded.result().percentiles();
            rows.append("<tr><td class=\"l\">").append(esc(loaded.board())).append("</td><td class=\"l\">")
                    .append(esc(idle.id())).append("</td><td class=\"l\">").append(esc(loaded.load())).append("</td>");
            for (long[] v : new long[][] {{a.p50(), b.p50()}, {a.p99(), b.p99()}, {a.p999(), b.p999()}, {a.max(), b.max()}}) {
                rows.append("<td>").append(us(v[0])).append("</td><td>").append(us(v[1])).append("</td>");
            }
            rows.append("</tr>\n");
        }
        if (rows.length() == 0) {
            return;
        }
        h.append("<h2>Idle vs load, side by side</h2>\n<table><tr><th class=\"l\" rowspan=\"2\">board</th>"
                + "<th class=\"l\" rowspan=\"2\">idle measurement</th><th class=\"l\" rowspan=\"2\">load</th>"
                + "<th colspan=\"2\">p50</th><th colspan=\"2\">p99</th><th colspan=\"2\">p99.9</th><th colspan=\"2\">max</th></tr><tr>")
                .append("<th>idle</th><th>load</th>".repeat(4)).append("</tr>\n").append(rows).append("</table>\n");
    }

    private static void detail(StringBuilder h, Path runDir, LatencyExports.Item it, LatencyReport.Plots p,
                               LatencyReport.Plots pair) throws IOException {
        h.append("<h3 id=\"").append(anchor(it)).append("\">").append(esc(it.board())).append(": ").append(esc(it.id()))
                .append(" <span class=\"").append(it.verdict()).append("\" style=\"padding:1px 6px\">").append(it.verdict())
                .append("</span></h3>\n<p>").append(esc(it.describe())).append(" — ").append(esc(it.boardOs()))
                .append("<br>").append(esc(it.reason())).append("</p>\n");
        if (!it.measured()) {
            return;
        }
        LatencyResult r = it.result();
        h.append("<p>").append(r.count()).append(" samples, min ").append(us(r.minNs())).append(" us, mean ")
                .append(us(r.meanNs())).append(" us, max ").append(us(r.maxNs())).append(" us; ").append(r.overflow())
                .append(" beyond the histogram; clock (").append(esc(r.clockSource())).append(") read overhead ")
                .append(String.format(Locale.ROOT, "%.1f ns", r.clockOverheadNs())).append(".</p>\n");
        h.append("<div class=\"plots\">");
        img(h, runDir, p.histogram());
        img(h, runDir, p.percentiles());
        img(h, runDir, p.windows());
        if (pair != null) {
            img(h, runDir, pair.percentiles());
        }
        h.append("</div>\n");
        if (!r.worst().isEmpty()) {
            h.append("<table><tr><th>worst #</th><th>sample index</th><th>latency (us)</th><th>at (ms into the run)</th></tr>\n");
            int n = 1;
            for (LatencyResult.Worst w : r.worst()) {
                h.append("<tr><td>").append(n++).append("</td><td>").append(w.index()).append("</td><td>").append(us(w.ns()))
                        .append("</td><td>").append(String.format(Locale.ROOT, "%.3f", w.tNs() / 1e6)).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
    }

    private static void img(StringBuilder h, Path runDir, Path rel) throws IOException {
        byte[] png = Files.readAllBytes(runDir.resolve(rel));
        h.append("<img alt=\"").append(esc(rel.toString())).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">");
    }

    private static String anchor(LatencyExports.Item it) {
        return LatencyReport.safe(it.board() + "-" + it.id());
    }

    static String us(long ns) {
        return String.format(Locale.ROOT, ns < 100_000 ? "%.2f" : "%.1f", ns / 1000.0);
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
