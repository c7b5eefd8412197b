package io.qnxhil.cli;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.board.BoardInfo;
import io.qnxhil.engine.EngineSettings;
import io.qnxhil.latency.Baseline;
import io.qnxhil.latency.LatencyCollector;
import io.qnxhil.latency.LatencyMeasurement;
import io.qnxhil.latency.LatencyResult;
import io.qnxhil.latency.LatencySpec;
import io.qnxhil.plan.ConfigException;
import io.qnxhil.plan.PlanLoader;
import io.qnxhil.plan.SourceLocation;
import io.qnxhil.run.BoardSession;
import io.qnxhil.run.BoardSessions;
import io.qnxhil.run.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code harness bench}: latency measurements on one board, printed as a table (p50, p99, max and
 * the clock's own read overhead per delivery kind), optionally same-CPU vs cross-CPU side by side.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure event delivery latency on a board and print the table: p50/p90/p99/p99.9/max and "
                + "the clock read overhead per delivery kind, with the CPU pinning used.",
                "Numbers from the simulated board (os qnxsim) are host numbers, not QNX numbers."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every measurement done (or skipped: not supported by the board)",
                "1:a measurement regressed against the board's baseline",
                "2:a measurement was broken, or bad usage"})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--board", paramLabel = "FILE", description = "board config (default: board-configs/sim.yaml)")
    Path board = Path.of("board-configs/sim.yaml");

    @Option(names = "--plan", paramLabel = "FILE", description = "take the measurements of this plan's latency: section "
            + "instead of --kinds/--pinning")
    Path plan;

    @Option(names = "--kinds", split = ",", paramLabel = "KIND",
            description = "delivery kinds (default: pulse,signal,memory,thread,sendrecv)")
    List<String> kinds = List.of("pulse", "signal", "memory", "thread", "sendrecv");

    @Option(names = "--unregistered", description = "deliver unregistered events (needs procnto -U)")
    boolean unregistered;

    @Option(names = "--pinning", paramLabel = "MODE", description = "same (both on CPU 0), cross (server CPU 0, client CPU 1), "
            + "none, or compare (same and cross side by side; default)")
    String pinning = "compare";

    @Option(names = "--iterations", description = "samples per measurement (default: 5000)")
    long iterations = 5000;

    @Option(names = "--warmup", description = "warm-up samples (default: 200)")
    long warmup = 200;

    @Option(names = "--interval-us", description = "pacing period in microseconds (default: 200)")
    long intervalUs = 200;

    @Option(names = "--load", description = "none, cpu or memory (default: none)")
    String loadName = "none";

    @Option(names = "--save-baseline", paramLabel = "FILE", description = "write the measured p50/p99 as the board's baseline")
    Path saveBaseline;

    @Option(names = "--factor", description = "tolerance factor written with --save-baseline (default: 3.0)")
    double factor = 3.0;

    @Option(names = "--slack-us", description = "tolerance slack written with --save-baseline (default: 50)")
    long slackUs = 50;

    @Override
    public Integer call() {
        Path root = EngineSettings.findProjectRoot();
        BoardConfig config;
        List<LatencySpec> specs;
        try {
            config = BoardConfigLoader.load(RunCommand.cwdOrRoot(root, board), root);
            specs = plan != null ? PlanLoader.load(RunCommand.cwdOrRoot(root, plan)).latency() : fromOptions();
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("harness: " + e.getMessage());
            return Main.BROKEN_OR_USAGE;
        }
        if (specs.isEmpty()) {
            System.err.println("harness: no latency measurement to run (the plan has no latency: section)");
            return Main.BROKEN_OR_USAGE;
        }
        try (BoardSession session = BoardSessions.open(config, root)) {
            Outcome o = bench(root, config, session, specs, System.out);
            if (saveBaseline != null && !o.measured().isEmpty()) {
                Path file = RunCommand.cwdOrRoot(root, saveBaseline);
                BoardInfo i = session.info();
                Baseline.write(file, config.name(), i.os() + " " + i.release() + " " + i.arch(), factor, slackUs, o.measured());
                System.out.println("# baseline written: " + file);
            }
            return o.status();
        } catch (RuntimeException e) {
            System.err.println("harness: " + config.name() + ": " + e.getMessage());
            return Main.BROKEN_OR_USAGE;
        }
    }

    private List<LatencySpec> fromOptions() {
        List<int[]> pins = switch (pinning) {
            case "same" -> List.of(new int[] {0, 0});
            case "cross" -> List.of(new int[] {0, 1});
            case "none" -> List.of(new int[] {-1, -1});
            case "compare" -> List.of(new int[] {0, 0}, new int[] {0, 1});
            default -> throw new IllegalArgumentException("--pinning must be same, cross, none or compare, not '" + pinning + "'");
        };
        LatencySpec.Load load = named(LatencySpec.Load.class, loadName, "--load");
        List<LatencySpec> out = new ArrayList<>();
        SourceLocation where = SourceLocation.of(Path.of("harness bench"));
        for (String kindName : kinds) {
            LatencySpec.Kind k = named(LatencySpec.Kind.class, kindName, "--kinds");
            for (int[] p : pins) {
                boolean reg = k == LatencySpec.Kind.SENDRECV || !unregistered;
                String id = k.name().toLowerCase(Locale.ROOT) + (reg ? "" : ".unregistered")
                        + (load == LatencySpec.Load.NONE ? "" : "." + load.name().toLowerCase(Locale.ROOT) + "-load")
                        + (p[0] < 0 ? ".unpinned" : p[0] == p[1] ? ".same-cpu" : ".cross-cpu");
                out.add(new LatencySpec(id, k, reg, load, LatencySpec.Policy.INHERIT, 0, p[0], p[1], iterations, warmup,
                        intervalUs, 1000, 1000, 5, Math.max(1, iterations / 50), 0, LatencySpec.Policy.INHERIT, 0,
                        p[1] < 0 ? -1 : p[1], 16, 2000, where));
            }
        }
        return out;
    }

    private static <E extends Enum<E>> E named(Class<E> type, String name, String option) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException(option + ": unknown value '" + name + "' (known: "
                + String.join(", ", java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList()) + ")");
    }

    record Outcome(int status, Map<String, LatencyResult.Percentiles> measured) {
    }

    static Outcome bench(Path root, BoardConfig config, BoardSession session, List<LatencySpec> specs, PrintStream out) {
        BoardInfo info = session.info();
        String os = info.os() + " " + info.release() + " " + info.arch();
        Baseline baseline = Baseline.loadIfPresent(root, config.name());
        out.printf("# harness bench: board %s (%s)%s%n", config.name(), os,
                info.simulated() ? " -- qnxsim numbers: the simulated board on this host, NOT QNX numbers" : "");
        out.printf("# pinning by the agent's run mask (ThreadCtl _NTO_TCTL_RUNMASK%s); times in microseconds%n",
                info.simulated() ? "; on qnxsim the thread's CPU affinity" : "");
        int w = Math.max(12, specs.stream().mapToInt(s -> s.id().length()).max().orElse(12));
        String head = "%-" + w + "s %-26s ";
        out.printf(head + "%8s %8s %8s %8s %9s %7s  %s%n", "measurement", "pinning", "p50", "p90", "p99", "p99.9", "max",
                "clock", "verdict");
        int worst = Main.OK;
        Map<String, LatencyResult.Percentiles> measured = new LinkedHashMap<>();
        for (LatencySpec spec : specs) {
            Instant started = Instant.now();
            LatencyCollector.Collected c = session.measureLatency(spec);
            LatencyMeasurement m = LatencyMeasurement.judge(spec, config.name(), os, c, baseline, started);
            LatencyResult r = m.result();
            if (r.status() == LatencyResult.Status.OK) {
                LatencyResult.Percentiles p = r.percentiles();
                measured.put(spec.id(), p);
                out.printf(Locale.ROOT, head + "%8.1f %8.1f %8.1f %8.1f %9.1f %5.0fns  %s%n", spec.id(), spec.pinning(),
                        p.p50() / 1e3, p.p90() / 1e3, p.p99() / 1e3, p.p999() / 1e3, p.max() / 1e3, r.clockOverheadNs(),
                        m.verdict() + (m.judgement().equals("NO_BASELINE") ? " (no baseline)" : ""));
            } else {
                out.printf(head + "%s: %s%n", spec.id(), spec.pinning(), m.verdict(), r.message());
            }
            worst = Math.max(worst, m.verdict() == Verdict.FAIL ? Main.FAILED : m.verdict() == Verdict.BROKEN ? Main.BROKEN_OR_USAGE : Main.OK);
        }
        return new Outcome(worst, measured);
    }
}
