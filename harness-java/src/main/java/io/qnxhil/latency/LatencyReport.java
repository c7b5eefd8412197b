package io.qnxhil.latency;

import com.fasterxml.jackson.databind.JsonNode;
import io.qnxhil.report.RunRecords;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latency report of a run, from its journal: per measurement the three plots
 * ({@code latency/<board>/<id>-histogram|percentiles|windows.png}), idle vs load plots for each
 * measurement that has an idle twin, {@code latency.csv}, {@code latency.openmetrics.txt} and
 * the standalone page {@code latency.html}. Writes nothing when the run measured no latency.
 */
public final class LatencyReport {
    public static final String DIR = "latency";
    public static final String HTML = "latency.html";
    public static final String CSV = "latency.csv";
    public static final String OPENMETRICS = "latency.openmetrics.txt";

    private LatencyReport() {
    }

    public static List<LatencyExports.Item> items(RunRecords run) {
        List<LatencyExports.Item> out = new ArrayList<>();
        for (JsonNode s : run.scenarios()) {
            if (!LatencyMeasurement.isLatency(s)) {
                continue;
            }
            JsonNode l = s.path("latency");
            List<JsonNode> recs = LatencyMeasurement.records(s);
            LatencyResult r = recs.isEmpty() ? null : LatencyResult.fromRecords(recs);
            out.add(new LatencyExports.Item(s.path("board").asText(), l.path("boardOs").asText(), l.path("id").asText(),
                    l.path("describe").asText(), l.path("kind").asText(), l.path("registered").asBoolean(),
                    l.path("load").asText(), l.path("pinning").asText(), s.path("verdict").asText(),
                    s.path("reason").asText(""), l.path("judgement").asText(), l.path("twin").asText(), r));
        }
        return out;
    }

    /** Writes every latency output of the run; returns the page, or null when there was no measurement. */
    public static Path write(RunRecords run) throws IOException {
        List<LatencyExports.Item> items = items(run);
        if (items.isEmpty()) {
            return null;
        }
        Path dir = run.runDir().resolve(DIR);
        Map<LatencyExports.Item, Plots> plots = new LinkedHashMap<>();
        for (LatencyExports.Item it : items) {
            if (it.measured()) {
                plots.put(it, plot(dir, it, List.of(new LatencyCharts.Series(it.load().equals("none") ? "idle" : it.load() + " load", it.result()))));
            }
        }
        Map<LatencyExports.Item, Plots> pairs = new LinkedHashMap<>();
        for (LatencyExports.Item loaded : items) {
            LatencyExports.Item idle = idleTwin(items, loaded);
            if (idle != null) {
                pairs.put(loaded, plot(dir, withId(loaded, idle.id() + "-vs-" + loaded.load()), List.of(
                        new LatencyCharts.Series("idle", idle.result()),
                        new LatencyCharts.Series(loaded.load() + " load", loaded.result()))));
            }
        }
        Files.writeString(run.runDir().resolve(CSV), LatencyExports.csv(items));
        Files.writeString(run.runDir().resolve(OPENMETRICS), LatencyExports.openMetrics(items));
        Path page = run.runDir().resolve(HTML);
        Files.writeString(page, LatencyHtml.render(run, items, plots, pairs));
        return page;
    }

    /** The measured idle measurement that differs from a measured loaded one only by its load. */
    public static LatencyExports.Item idleTwin(List<LatencyExports.Item> items, LatencyExports.Item loaded) {
        if (!loaded.measured() || loaded.load().equals("none")) {
            return null;
        }
        for (LatencyExports.Item it : items) {
            if (it.measured() && it.load().equals("none") && it.board().equals(loaded.board())
                    && it.twin().equals(loaded.twin())) {
                return it;
            }
        }
        return null;
    }

    public record Plots(Path histogram, Path percentiles, Path windows) {
    }

    /** Where a measurement's plots are (relative to the run directory). */
    public static Plots plotsOf(String board, String id) {
        Path d = Path.of(DIR, safe(board));
        return new Plots(d.resolve(safe(id) + "-histogram.png"), d.resolve(safe(id) + "-percentiles.png"),
                d.resolve(safe(id) + "-windows.png"));
    }

    private static Plots plot(Path dir, LatencyExports.Item it, List<LatencyCharts.Series> series) throws IOException {
        Plots rel = plotsOf(it.board(), it.id());
        Path base = dir.getParent();
        Files.createDirectories(base.resolve(rel.histogram()).getParent());
        String t = it.board() + ": " + it.id();
        Files.write(base.resolve(rel.histogram()), LatencyCharts.histogram(t + " (histogram)", series));
        Files.write(base.resolve(rel.percentiles()), LatencyCharts.percentiles(t + " (percentiles)", series));
        Files.write(base.resolve(rel.windows()), LatencyCharts.windows(t + " (max per " + series.get(0).result().window()
                + " samples)", series));
        return rel;
    }

    private static LatencyExports.Item withId(LatencyExports.Item it, String id) {
        return new LatencyExports.Item(it.board(), it.boardOs(), id, it.describe(), it.kind(), it.registered(), it.load(),
                it.pinning(), it.verdict(), it.reason(), it.judgement(), it.twin(), it.result());
    }

    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
