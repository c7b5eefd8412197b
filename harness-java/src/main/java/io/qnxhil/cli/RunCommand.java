package io.qnxhil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.engine.EngineSettings;
import io.qnxhil.engine.QnxHilTestEngine;
import io.qnxhil.plan.ConfigException;
import io.qnxhil.plan.PlanLoader;
import io.qnxhil.report.EvidenceBundle;
import io.qnxhil.report.Reports;
import io.qnxhil.report.RunRecords;
import io.qnxhil.run.FarmLoader;
import io.qnxhil.run.Journal;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code harness run}: a plan on one or more boards, into a new run directory under reports/. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a plan on boards (default: the smoke plan on the simulated board) and write a run directory.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--plan", paramLabel = "FILE", description = "plan YAML (default: test-plans/smoke.yaml)")
    Path plan;

    @Option(names = "--board", paramLabel = "FILE", description = "board config YAML, repeatable (default: board-configs/sim.yaml unless --farm)")
    List<Path> boards = new ArrayList<>();

    @Option(names = "--farm", paramLabel = "FILE", description = "farm file listing boards (farms/sim-farm.yaml); combines with --board")
    Path farm;

    @Option(names = "--parallel", paramLabel = "N", description = "boards run at once (default: all, or the farm's 'parallel')")
    Integer parallel;

    @Option(names = "--retries", paramLabel = "N", description = "extra attempts after an infrastructure failure (BROKEN scenario, failed health check); FAIL is never retried (default: ${DEFAULT-VALUE})")
    int retries = EngineSettings.DEFAULT_RETRIES;

    @Option(names = "--board-timeout", paramLabel = "TIME", description = "the most one board may take, e.g. 90s, 30m, 2h (default: 1h); scenarios left then are BROKEN")
    String boardTimeout;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "run directory (default: reports/<timestamp>-<plan>)")
    Path runDir;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "complete an interrupted run: run only the scenarios its journal has no verdict for, then regenerate its reports")
    Path resume;

    @Option(names = "--evidence", description = "also write the certification evidence bundle evidence.zip (always for the bsp-certification plan)")
    boolean evidence;

    @Option(names = "--no-html", description = "skip the HTML report (journal, summary, JUnit XML and Allure results are still written)")
    boolean noHtml;

    @Override
    public Integer call() throws Exception {
        Path root = EngineSettings.findProjectRoot();
        if (resume != null) {
            return resume(root);
        }
        if (retries < 0 || (parallel != null && parallel < 1)) {
            System.err.println("harness: --retries must be 0 or more, --parallel 1 or more");
            return Main.BROKEN_OR_USAGE;
        }
        Path planFile = cwdOrRoot(root, plan == null ? Path.of("test-plans/smoke.yaml") : plan);
        Path farmFile = farm == null ? null : cwdOrRoot(root, farm);
        List<String> boardEntries = new ArrayList<>();
        for (Path b : boards.isEmpty() && farmFile == null ? List.of(Path.of("board-configs/sim.yaml")) : boards) {
            boardEntries.add(cwdOrRoot(root, b).toString());
        }
        Duration timeout;
        try {
            timeout = boardTimeout == null ? EngineSettings.DEFAULT_BOARD_TIMEOUT : EngineSettings.duration(boardTimeout);
        } catch (RuntimeException e) {
            System.err.println("harness: --board-timeout " + boardTimeout + ": " + e.getMessage());
            return Main.BROKEN_OR_USAGE;
        }
        int boardCount = boardEntries.size();
        try {
            PlanLoader.load(planFile);
            for (String b : boardEntries) {
                BoardConfigLoader.load(Path.of(b), root);
            }
            if (farmFile != null) {
                var f = FarmLoader.load(farmFile);
                for (var ref : f.boards()) {
                    BoardConfigLoader.load(ref.config(), root);
                }
                boardCount += f.boards().size();
            }
        } catch (ConfigException e) {
            System.err.println("harness: " + e.getMessage());
            return Main.BROKEN_OR_USAGE;
        }
        Path dir = runDir != null ? runDir.toAbsolutePath() : EngineSettings.defaultRunDir(root, planFile);
        System.out.println("qnx-hil: plan " + display(root, planFile) + " on " + boardCount
                + " board(s)" + (farmFile == null ? "" : " (farm " + display(root, farmFile) + ")")
                + "; run directory " + display(root, dir));
        var request = LauncherDiscoveryRequestBuilder.request()
                .configurationParameter(EngineSettings.PLAN, planFile.toString())
                .configurationParameter(EngineSettings.BOARDS, String.join(",", boardEntries))
                .configurationParameter(EngineSettings.RETRIES, Integer.toString(retries))
                .configurationParameter(EngineSettings.BOARD_TIMEOUT, timeout.toSeconds() + "s");
        if (farmFile != null) {
            request.configurationParameter(EngineSettings.FARM, farmFile.toString());
        }
        if (parallel != null) {
            request.configurationParameter(EngineSettings.PARALLEL, parallel.toString());
        }
        execute(request, root, dir);
        return finish(root, dir);
    }

    /** Carries on the run in {@code resume} with the plan, boards and settings its journal recorded. */
    private int resume(Path root) throws Exception {
        Path dir = resume.toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve(Journal.FILE_NAME))) {
            System.err.println("harness: " + dir + " is not a run directory (no " + Journal.FILE_NAME + ")");
            return Main.BROKEN_OR_USAGE;
        }
        JsonNode start = RunRecords.read(dir).runStart();
        Path planFile = Path.of(start.path("planFile").asText());
        var changed = changedPlanFiles(start);
        if (!changed.isEmpty()) {
            System.err.println("harness: cannot resume " + dir + ": plan files changed since the run started: "
                    + String.join(", ", changed) + " (start a new run instead)");
            return Main.BROKEN_OR_USAGE;
        }
        List<String> entries = new ArrayList<>();
        start.path("boards").forEach(b -> entries.add(b.asText()));
        if (entries.isEmpty()) {
            start.path("boardConfigs").forEach(b -> entries.add(b.asText()));
        }
        System.out.println("qnx-hil: resuming " + display(root, dir) + " (plan " + display(root, planFile) + ", "
                + entries.size() + " board(s))");
        var request = LauncherDiscoveryRequestBuilder.request()
                .configurationParameter(EngineSettings.PLAN, planFile.toString())
                .configurationParameter(EngineSettings.BOARDS, String.join(",", entries))
                .configurationParameter(EngineSettings.RESUME, "true")
                .configurationParameter(EngineSettings.PARALLEL, Integer.toString(Math.max(1, start.path("parallel").asInt(entries.size()))))
                .configurationParameter(EngineSettings.RETRIES, Integer.toString(start.path("retries").asInt(EngineSettings.DEFAULT_RETRIES)))
                .configurationParameter(EngineSettings.BOARD_TIMEOUT, start.path("boardTimeoutS").asLong(EngineSettings.DEFAULT_BOARD_TIMEOUT.toSeconds()) + "s");
        execute(request, root, dir);
        return finish(root, dir);
    }

    private static List<String> changedPlanFiles(JsonNode start) {
        List<String> changed = new ArrayList<>();
        JsonNode files = start.path("planFiles");
        if (files.isMissingNode() || files.isEmpty()) {
            files = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                    .put(start.path("planFile").asText(), start.path("planSha256").asText());
        }
        files.properties().forEach(e -> {
            Path f = Path.of(e.getKey());
            try {
                if (!Files.isRegularFile(f) || !EvidenceBundle.sha256(f).equals(e.getValue().asText())) {
                    changed.add(f.toString());
                }
            } catch (java.io.IOException ex) {
                changed.add(f + " (" + ex.getMessage() + ")");
            }
        });
        return changed;
    }

    private static void execute(LauncherDiscoveryRequestBuilder request, Path root, Path dir) {
        request.selectors(DiscoverySelectors.selectUniqueId(UniqueId.forEngine(QnxHilTestEngine.ID)))
                .filters(EngineFilter.includeEngines(QnxHilTestEngine.ID))
                .configurationParameter(EngineSettings.PROJECT_ROOT, root.toString())
                .configurationParameter(EngineSettings.RUN_DIR, dir.toString());
        ConsoleProgress progress = new ConsoleProgress(System.out, System.console() != null);
        LauncherFactory.create().execute(request.build(), progress);
        progress.finish();
    }

    private int finish(Path root, Path dir) throws Exception {
        RunRecords run = Reports.generate(dir, root, !noHtml);
        CoverageSummary.print(System.out, run, root);
        if (evidence || "bsp-certification".equals(run.planName())) {
            Path zip = EvidenceBundle.write(run, root);
            System.out.println("evidence bundle: " + display(root, zip) + " (check it with: harness verify " + display(root, zip) + ")");
        }
        return Summary.print(System.out, run, root, !noHtml);
    }

    static Path cwdOrRoot(Path root, Path p) {
        if (p.isAbsolute()) {
            return p.normalize();
        }
        Path cwd = Path.of("").toAbsolutePath().resolve(p).normalize();
        return Files.exists(cwd) ? cwd : root.resolve(p).normalize();
    }

    static String display(Path root, Path p) {
        return p.startsWith(root) ? root.relativize(p).toString() : p.toString();
    }
}
