package io.qnxhil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.engine.EngineSettings;
import io.qnxhil.engine.QnxHilTestEngine;
import io.qnxhil.plan.Plan;
import io.qnxhil.plan.PlanLoader;
import io.qnxhil.plan.Scenario;
import io.qnxhil.report.Reports;
import io.qnxhil.run.BareAgentRunner;
import io.qnxhil.run.BoardSession;
import io.qnxhil.run.BoardSessions;
import io.qnxhil.run.Journal;
import io.qnxhil.run.ResultCodec;
import io.qnxhil.testing.ProjectPaths;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Benchmarks of runs and reports on the simulated board, printing figures (medians, ratios
 * measured side by side in this one process):
 * <ol>
 * <li>{@code overhead}: the harness's own cost per scenario: each smoke scenario run through a board
 *     session (model prediction, comparison, journal record forced to disk) against the same
 *     program sent to a bare agent, interleaved; and the fixed cost of a whole run (launcher,
 *     discovery, health check) on top;</li>
 * <li>{@code boards}: wall time of the smoke plan on 1 and on 16 simulated boards driven in parallel
 *     from this one controller;</li>
 * <li>{@code report}: regenerating every report from a 10,000-scenario journal, without and with the
 *     Allure HTML report.</li>
 * </ol>
 * Usage: {@code RunBenchmarks [overhead|boards|report|all] [rounds]}. Pinning is whatever the
 * caller chose (taskset); the CPUs allowed are printed first.
 */
public final class RunBenchmarks {
    private static Path root;

    private RunBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "all";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        root = ProjectPaths.root();
        System.out.println("# qnx-hil run benchmarks on the simulated board (qnxsim: not QNX figures)");
        System.out.println("# CPUs allowed: " + cpusAllowed() + " of " + Runtime.getRuntime().availableProcessors()
                + " online; Java " + System.getProperty("java.version"));
        Path tmp = Files.createTempDirectory("qnxhil-bench-");
        try {
            if (what.equals("overhead") || what.equals("all")) {
                overhead(rounds > 0 ? rounds : 15, tmp);
            }
            if (what.equals("boards") || what.equals("all")) {
                boards(rounds > 0 ? rounds : 3, tmp);
            }
            if (what.equals("report") || what.equals("all")) {
                report(rounds > 0 ? rounds : 3, tmp);
            }
        } finally {
            deleteTree(tmp);
        }
        System.exit(0);
    }

    private static void overhead(int rounds, Path tmp) {
        Plan plan = PlanLoader.load(root.resolve("test-plans/smoke.yaml"));
        BoardConfig config = BoardConfigLoader.load(root.resolve("board-configs/sim.yaml"), root);
        Path agent = root.resolve("target-agent/build/nto800/qnx-hil-agent");
        List<Double> bare = new ArrayList<>();
        List<Double> harness = new ArrayList<>();
        List<Double> diff = new ArrayList<>();
        List<Double> append = new ArrayList<>();
        Path dir = tmp.resolve("overhead");
        try (BareAgentRunner raw = new BareAgentRunner(agent); BoardSession session = BoardSessions.open(config, root);
             Journal journal = Journal.openForAppend(mkdirs(dir))) {
            for (int r = -1; r < rounds; r++) { // round -1 warms up
                for (Scenario s : plan.scenarios()) {
                    long t0 = System.nanoTime();
                    raw.run(s);
                    long t1 = System.nanoTime();
                    var result = session.execute(s);
                    long ta = System.nanoTime();
                    journal.append(ResultCodec.scenario(result));
                    long t2 = System.nanoTime();
                    if (r >= 0) {
                        append.add((t2 - ta) / 1e6);
                        bare.add((t1 - t0) / 1e6);
                        harness.add((t2 - t1) / 1e6);
                        diff.add(((t2 - t1) - (t1 - t0)) / 1e6);
                    }
                }
            }
        }
        System.out.printf("%n## harness overhead per scenario (smoke plan, %d scenarios x %d rounds, interleaved)%n",
                plan.scenarios().size(), rounds);
        System.out.printf("bare agent (program sent, records read)   median %8.2f ms%n", median(bare));
        System.out.printf("through the harness (+model, compare, journal fsync) median %8.2f ms%n", median(harness));
        System.out.printf("harness overhead per scenario             median %8.2f ms  (p90 %.2f ms; ratio harness/bare %.3f)%n",
                median(diff), percentile(diff, 0.9), median(harness) / median(bare));
        System.out.printf("  of which the journal record (encode, write, fsync)  median %8.2f ms%n", median(append));

        List<Double> runs = new ArrayList<>();
        for (int r = 0; r < Math.max(3, rounds / 3); r++) {
            long t0 = System.nanoTime();
            engine(root.resolve("test-plans/smoke.yaml"), List.of(root.resolve("board-configs/sim.yaml").toString()), null,
                    tmp.resolve("plan-run-" + r));
            runs.add((System.nanoTime() - t0) / 1e6);
        }
        double scenarios = median(harness) * plan.scenarios().size();
        System.out.printf("whole smoke run through the engine (journal only, no reports) median %8.2f ms;"
                + " fixed cost per run (launcher, discovery, health check) ~%.2f ms%n", median(runs), median(runs) - scenarios);
    }

    private static void boards(int rounds, Path tmp) throws IOException {
        Path plan = root.resolve("test-plans/smoke.yaml");
        List<Double> one = new ArrayList<>();
        List<Double> sixteen = new ArrayList<>();
        engine(plan, List.of(), farm(tmp, 1), tmp.resolve("warm")); // warm-up
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            engine(plan, List.of(), farm(tmp, 1), tmp.resolve("one-" + r));
            long t1 = System.nanoTime();
            engine(plan, List.of(), farm(tmp, 16), tmp.resolve("sixteen-" + r));
            long t2 = System.nanoTime();
            one.add((t1 - t0) / 1e6);
            sixteen.add((t2 - t1) / 1e6);
            check(tmp.resolve("sixteen-" + r), 16 * 4);
        }
        System.out.printf("%n## 1 vs 16 simulated boards in parallel from one controller (smoke plan, %d rounds, alternating)%n", rounds);
        System.out.printf("1 board   (4 scenarios)   median wall %8.1f ms%n", median(one));
        System.out.printf("16 boards (64 scenarios)  median wall %8.1f ms%n", median(sixteen));
        System.out.printf("ratio 16/1 %.2f (16.00 = no parallelism, 1.00 = perfect); throughput %.1f vs %.1f scenarios/s%n",
                median(sixteen) / median(one), 4000 / median(one), 64000 / median(sixteen));
    }

    private static void check(Path runDir, int expected) {
        long pass = Journal.read(runDir).stream().filter(r -> "scenario".equals(r.path("type").asText()))
                .filter(r -> "PASS".equals(r.path("verdict").asText())).count();
        if (pass != expected) {
            throw new IllegalStateException(runDir + ": " + pass + " PASS of " + expected + " expected");
        }
    }

    private static void report(int rounds, Path tmp) throws IOException {
        Path seed = tmp.resolve("seed");
        engine(root.resolve("test-plans/smoke.yaml"), List.of(root.resolve("board-configs/sim.yaml").toString()), null, seed);
        List<JsonNode> recs = Journal.read(seed);
        JsonNode start = recs.stream().filter(r -> "run-start".equals(r.path("type").asText())).findFirst().orElseThrow();
        JsonNode board = recs.stream().filter(r -> "board".equals(r.path("type").asText())).findFirst().orElseThrow();
        List<JsonNode> scenarios = recs.stream().filter(r -> "scenario".equals(r.path("type").asText())).toList();
        Path dir = mkdirs(tmp.resolve("10000"));
        // Written in one go: the journal's per-record fsync is the run's cost, not the report's.
        StringBuilder journal = new StringBuilder();
        journal.append(start).append('\n');
        for (int b = 0; b < 10; b++) {
            journal.append(((ObjectNode) board.deepCopy()).put("board", String.format("sim-%02d", b))).append('\n');
        }
        for (int i = 0; i < 10_000; i++) {
            int b = i / 1000;
            int k = i % 1000;
            ObjectNode s = (ObjectNode) scenarios.get(k % scenarios.size()).deepCopy();
            s.put("board", String.format("sim-%02d", b));
            s.put("scenario", s.path("scenario").asText() + "." + (k / scenarios.size()));
            journal.append(s).append('\n');
        }
        journal.append(Journal.record("run-end")).append('\n');
        Files.writeString(dir.resolve(Journal.FILE_NAME), journal);
        long bytes = Files.size(dir.resolve(Journal.FILE_NAME));
        List<Double> noHtml = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            Reports.generate(dir, root, false);
            noHtml.add((System.nanoTime() - t0) / 1e6);
        }
        System.out.printf("%n## report generation from a 10,000-scenario journal (%.1f MB, 10 boards)%n", bytes / 1e6);
        System.out.printf("summary.json + JUnit XML + Allure results + traceability   median %8.0f ms over %d runs%n", median(noHtml), rounds);
        long b0 = System.nanoTime();
        var run = io.qnxhil.report.RunRecords.read(dir);
        long b1 = System.nanoTime();
        io.qnxhil.report.SummaryWriter.write(run);
        long b2 = System.nanoTime();
        io.qnxhil.report.JUnitXmlWriter.write(run);
        long b3 = System.nanoTime();
        io.qnxhil.report.AllureResultsWriter.write(run);
        long b4 = System.nanoTime();
        io.qnxhil.trace.TraceabilityReport.write(run, root);
        long b5 = System.nanoTime();
        System.out.printf("  one more run, by part: read journal %.0f ms, summary %.0f ms, JUnit XML %.0f ms,"
                + " Allure results %.0f ms, traceability %.0f ms%n", (b1 - b0) / 1e6, (b2 - b1) / 1e6, (b3 - b2) / 1e6,
                (b4 - b3) / 1e6, (b5 - b4) / 1e6);
        List<Double> html = new ArrayList<>();
        for (int r = 0; r < (Boolean.getBoolean("bench.noHtml") ? 0 : Math.max(1, rounds / 3)); r++) {
            long t0 = System.nanoTime();
            Reports.generate(dir, root, true);
            html.add((System.nanoTime() - t0) / 1e6);
        }
        System.out.printf("the same + Allure HTML (directory and single file)          median %8.0f ms over %d runs%n", median(html), html.size());
    }

    private static Path farm(Path tmp, int count) throws IOException {
        Path f = tmp.resolve("farm-" + count + ".yaml");
        Files.writeString(f, "farm: bench-" + count + "\nboards:\n  - {config: " + root.resolve("board-configs/sim.yaml")
                + ", name: sim, count: " + count + "}\n");
        return f;
    }

    private static void engine(Path plan, List<String> boards, Path farm, Path runDir) {
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectUniqueId(UniqueId.forEngine(QnxHilTestEngine.ID)))
                .filters(EngineFilter.includeEngines(QnxHilTestEngine.ID))
                .configurationParameter(EngineSettings.PLAN, plan.toString())
                .configurationParameter(EngineSettings.BOARDS, String.join(",", boards))
                .configurationParameter(EngineSettings.PROJECT_ROOT, root.toString())
                .configurationParameter(EngineSettings.RUN_DIR, runDir.toString());
        if (farm != null) {
            request.configurationParameter(EngineSettings.FARM, farm.toString());
        }
        LauncherFactory.create().execute(request.build());
    }

    private static Path mkdirs(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String cpusAllowed() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Cpus_allowed_list"))
                    .map(l -> l.replaceFirst("Cpus_allowed_list:\\s*", "")).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    static double median(List<Double> xs) {
        return percentile(xs, 0.5);
    }

    static double percentile(List<Double> xs, double q) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(Comparator.naturalOrder());
        if (s.isEmpty()) {
            return Double.NaN;
        }
        double pos = q * (s.size() - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return s.get(lo) + (s.get(hi) - s.get(lo)) * (pos - lo);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
