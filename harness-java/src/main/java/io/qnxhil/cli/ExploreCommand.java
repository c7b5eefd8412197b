package io.qnxhil.cli;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.engine.EngineSettings;
import io.qnxhil.explore.Explorer;
import io.qnxhil.plan.ConfigException;
import io.qnxhil.run.BoardSession;
import io.qnxhil.run.BoardSessions;
import io.qnxhil.run.BoardUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code harness explore}: random programs from the model on one board; disagreements shrunk and saved. */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = "Run random valid step programs generated from the reference model on a board; shrink every "
                + "disagreement with a documented expectation to a minimal program and save it as a regression scenario.")
final class ExploreCommand implements Callable<Integer> {
    private static final Pattern BUDGET = Pattern.compile("([0-9]+)(ms|s|m|h)?");

    @Option(names = "--board", paramLabel = "FILE", required = true, description = "board config YAML")
    Path board;

    @Option(names = "--budget", paramLabel = "TIME", defaultValue = "5m",
            description = "how long to explore: 300s, 5m, 1h (default: ${DEFAULT-VALUE}); a shrink under way finishes")
    String budget;

    @Option(names = "--seed", paramLabel = "N", description = "random seed (default: from the clock; printed, so a run can be repeated)")
    Long seed;

    @Option(names = "--max-programs", paramLabel = "N", defaultValue = "2147483647",
            description = "stop after this many programs")
    int maxPrograms;

    @Option(names = "--save-dir", paramLabel = "DIR", defaultValue = "test-plans/regressions",
            description = "where minimal failing programs are saved as plan files (default: ${DEFAULT-VALUE})")
    Path saveDir;

    @Override
    public Integer call() throws Exception {
        Duration limit = parseBudget(budget);
        Path root = EngineSettings.findProjectRoot();
        BoardConfig config;
        try {
            config = BoardConfigLoader.load(RunCommand.cwdOrRoot(root, board), root);
        } catch (ConfigException e) {
            System.err.println("harness: " + e.getMessage());
            return Main.BROKEN_OR_USAGE;
        }
        long s = seed != null ? seed : System.currentTimeMillis();
        Path dir = saveDir.isAbsolute() ? saveDir : root.resolve(saveDir);
        System.out.println("qnx-hil explore: board " + config.name() + ", budget " + limit.toSeconds() + " s, seed " + s);
        Explorer.Report report;
        try (BoardSession session = BoardSessions.open(config, root)) {
            System.out.println("board reports " + session.info().os() + " " + session.info().release()
                    + (config.simulated() ? " (the simulated board: not a QNX result)" : ""));
            report = new Explorer(session, s, dir, System.out).explore(limit, maxPrograms);
        } catch (BoardUnavailableException e) {
            System.err.println("harness: board " + config.name() + " BROKEN: " + e.getMessage());
            return Main.BROKEN_OR_USAGE;
        }
        System.out.printf("explored %d programs in %.1f s (seed %d): %d disagreement(s), %d BROKEN, %d not reproduced%n",
                report.programs(), report.elapsed().toMillis() / 1000.0, report.seed(), report.findings().size(),
                report.broken(), report.notReproduced());
        for (Explorer.Finding f : report.findings()) {
            System.out.println("FOUND " + f.rule() + ": " + f.original().steps().size() + " -> " + f.shrunk().steps().size()
                    + " steps; " + RunCommand.display(root, f.saved()));
            System.out.println("  " + f.mismatch());
            System.out.println("  replay: ./harness run --plan " + RunCommand.display(root, f.saved()) + " --board " + board);
        }
        return report.findings().isEmpty() ? (report.broken() > 0 ? Main.BROKEN_OR_USAGE : Main.OK) : Main.FAILED;
    }

    static Duration parseBudget(String text) {
        Matcher m = BUDGET.matcher(text.trim());
        if (!m.matches()) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new ExploreCommand()),
                    "--budget '" + text + "': give a number with ms, s, m or h (e.g. 5m)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
