package io.qnxhil.cli;

import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.engine.EngineSettings;
import io.qnxhil.engine.QnxHilTestEngine;
import io.qnxhil.plan.ConfigException;
import io.qnxhil.plan.PlanLoader;
import io.qnxhil.report.Reports;
import io.qnxhil.report.RunRecords;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code harness run}: a plan on one or more boards, into a new run directory under reports/. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a plan on boards (default: the smoke plan on the simulated board) and write a run directory.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--plan", paramLabel = "FILE", description = "plan YAML (default: test-plans/smoke.yaml)")
    Path plan;

    @Option(names = "--board", paramLabel = "FILE", description = "board config YAML, repeatable (default: board-configs/sim.yaml)")
    List<Path> boards = new ArrayList<>();

    @Option(names = "--run-dir", paramLabel = "DIR", description = "run directory (default: reports/<timestamp>-<plan>)")
    Path runDir;

    @Option(names = "--no-html", description = "skip the HTML report (journal, summary, JUnit XML and Allure results are still written)")
    boolean noHtml;

    @Override
    public Integer call() throws Exception {
        Path root = EngineSettings.findProjectRoot();
        Path planFile = cwdOrRoot(root, plan == null ? Path.of("test-plans/smoke.yaml") : plan);
        List<Path> boardFiles = new ArrayList<>();
        for (Path b : boards.isEmpty() ? List.of(Path.of("board-configs/sim.yaml")) : boards) {
            boardFiles.add(cwdOrRoot(root, b));
        }
        try {
            PlanLoader.load(planFile);
            for (Path b : boardFiles) {
                BoardConfigLoader.load(b, root);
            }
        } catch (ConfigException e) {
            System.err.println("harness: " + e.getMessage());
            return Main.BROKEN_OR_USAGE;
        }
        Path dir = runDir != null ? runDir.toAbsolutePath() : EngineSettings.defaultRunDir(root, planFile);
        System.out.println("qnx-hil: plan " + root.relativize(planFile) + " on " + boardFiles.size()
                + " board(s); run directory " + display(root, dir));
        ConsoleProgress progress = new ConsoleProgress(System.out);
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectUniqueId(UniqueId.forEngine(QnxHilTestEngine.ID)))
                .filters(EngineFilter.includeEngines(QnxHilTestEngine.ID))
                .configurationParameter(EngineSettings.PLAN, planFile.toString())
                .configurationParameter(EngineSettings.BOARDS, String.join(",", boardFiles.stream().map(Path::toString).toList()))
                .configurationParameter(EngineSettings.PROJECT_ROOT, root.toString())
                .configurationParameter(EngineSettings.RUN_DIR, dir.toString())
                .build();
        LauncherFactory.create().execute(request, progress);
        RunRecords run = Reports.generate(dir, root, !noHtml);
        CoverageSummary.print(System.out, run, root);
        return Summary.print(System.out, run, root, !noHtml);
    }

    static Path cwdOrRoot(Path root, Path p) {
        if (p.isAbsolute()) {
            return p.normalize();
        }
        Path cwd = Path.of("").toAbsolutePath().resolve(p).normalize();
        return java.nio.file.Files.exists(cwd) ? cwd : root.resolve(p).normalize();
    }

    static String display(Path root, Path p) {
        return p.startsWith(root) ? root.relativize(p).toString() : p.toString();
    }
}
