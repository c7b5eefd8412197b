package io.qnxhil.latency;

import io.qnxhil.plan.ConfigException;
import io.qnxhil.plan.YamlFile;
import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A board's latency baseline, {@code baselines/<board>.yaml}: p50 and p99 per measurement id and a
 * tolerance. A measurement regresses when its p50 or p99 exceeds the baseline's times
 * {@code factor} plus {@code slack_us}. Maxima are reported, never judged: one preemption makes them.
 *
 * <pre>
 * board: sim
 * os: qnxsim
 * tolerance: {factor: 3.0, slack_us: 50}
 * measurements:
 *   pulse.registered.idle.default-prio: {p50_ns: 6000, p99_ns: 30000}
 * </pre>
 */
public record Baseline(Path file, String board, String os, double factor, long slackNs,
                       Map<String, Entry> entries) {

    public record Entry(long p50Ns, long p99Ns) {
    }

    public enum Judgement { WITHIN, REGRESSION, NO_BASELINE }

    public record Verdict(Judgement judgement, String text) {
    }

    public static Path fileFor(Path projectRoot, String board) {
        return projectRoot.resolve("baselines").resolve(board + ".yaml");
    }

    /** The board's baseline, or null when it has none. */
    public static Baseline loadIfPresent(Path projectRoot, String board) {
        Path f = fileFor(projectRoot, board);
        return Files.isRegularFile(f) ? load(f) : null;
    }

    public static Baseline load(Path file) {
        YamlFile yaml = YamlFile.read(file);
        Map<String, Node> f = yaml.fields(yaml.root(), "", Set.of("board", "os", "note", "tolerance", "measurements"),
                Set.of("board", "os", "tolerance", "measurements"));
        Map<String, Node> tol = yaml.fields(f.get("tolerance"), "tolerance", Set.of("factor", "slack_us"),
                Set.of("factor", "slack_us"));
        double factor;
        try {
            factor = Double.parseDouble(yaml.string(tol.get("factor"), "tolerance.factor"));
        } catch (NumberFormatException e) {
            throw yaml.error(tol.get("factor"), "tolerance.factor", "expected a number such as 1.5");
        }
        if (!(factor >= 1.0 && factor <= 100)) {
            throw yaml.error(tol.get("factor"), "tolerance.factor", "must be within 1.0..100");
        }
        long slack = yaml.integer(tol.get("slack_us"), "tolerance.slack_us");
        if (slack < 0) {
            throw yaml.error(tol.get("slack_us"), "tolerance.slack_us", "must not be negative");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        var m = yaml.mapping(f.get("measurements"), "measurements");
        for (var t : m.getValue()) {
            String id = yaml.string(t.getKeyNode(), "measurements");
            String at = "measurements." + id;
            Map<String, Node> e = yaml.fields(t.getValueNode(), at, Set.of("p50_ns", "p99_ns"), Set.of("p50_ns", "p99_ns"));
            long p50 = yaml.integer(e.get("p50_ns"), at + ".p50_ns"), p99 = yaml.integer(e.get("p99_ns"), at + ".p99_ns");
            if (p50 <= 0 || p99 < p50) {
                throw yaml.error(t.getValueNode(), at, "needs 0 < p50_ns <= p99_ns");
            }
            entries.put(id, new Entry(p50, p99));
        }
        return new Baseline(file, yaml.string(f.get("board"), "board"), yaml.string(f.get("os"), "os"), factor,
                slack * 1000, entries);
    }

    public Verdict judge(String id, LatencyResult.Percentiles p) {
        Entry e = entries.get(id);
        if (e == null) {
            return new Verdict(Judgement.NO_BASELINE, "no baseline entry for " + id + " in " + file);
        }
        long lim50 = limit(e.p50Ns()), lim99 = limit(e.p99Ns());
        String text = String.format(Locale.ROOT, "p50 %s (limit %s), p99 %s (limit %s) against %s: baseline p50 %s, p99 %s, x%.2f + %d us",
                us(p.p50()), us(lim50), us(p.p99()), us(lim99), file.getFileName(), us(e.p50Ns()), us(e.p99Ns()),
                factor, slackNs / 1000);
        boolean regressed = p.p50() > lim50 || p.p99() > lim99;
        return new Verdict(regressed ? Judgement.REGRESSION : Judgement.WITHIN, (regressed ? "regression: " : "within baseline: ") + text);
    }

    private long limit(long base) {
        return (long) (base * factor) + slackNs;
    }

    static String us(long ns) {
        return String.format(Locale.ROOT, "%.1f us", ns / 1000.0);
    }

    /** Writes a baseline from measured percentiles (harness bench --save-baseline). */
    public static void write(Path file, String board, String os, double factor, long slackUs,
                             Map<String, LatencyResult.Percentiles> measured) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Latency baseline of board '").append(board).append("', written by harness bench.\n");
        if (os.startsWith("qnxsim")) {
            sb.append("# qnxsim numbers: the simulated board on a Linux host, NOT QNX numbers. They vary with the host.\n");
        }
        sb.append("board: ").append(board).append('\n');
        sb.append("os: ").append(os).append('\n');
        sb.append(String.format(Locale.ROOT, "tolerance: {factor: %.2f, slack_us: %d}%n", factor, slackUs));
        sb.append("measurements:\n");
        for (var e : measured.entrySet()) {
            sb.append("  ").append(e.getKey()).append(": {p50_ns: ").append(e.getValue().p50())
                    .append(", p99_ns: ").append(Math.max(e.getValue().p99(), e.getValue().p50())).append("}\n");
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new ConfigException(io.qnxhil.plan.SourceLocation.of(file), "baseline", "cannot write: " + e.getMessage());
        }
    }

    public List<String> ids() {
        return List.copyOf(entries.keySet());
    }
}
