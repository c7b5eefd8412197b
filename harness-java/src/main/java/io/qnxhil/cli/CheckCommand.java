package io.qnxhil.cli;

import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.engine.EngineSettings;
import io.qnxhil.plan.ConfigException;
import io.qnxhil.plan.Plan;
import io.qnxhil.plan.PlanLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code harness check}: validates plans and board configs without touching a board. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate plans, board configs and farm files; errors name file, line and field.")
final class CheckCommand implements Callable<Integer> {
    @Option(names = "--plan", paramLabel = "FILE", description = "plan YAML, repeatable")
    List<Path> plans = new ArrayList<>();

    @Option(names = "--board", paramLabel = "FILE", description = "board config YAML, repeatable")
    List<Path> boards = new ArrayList<>();

    @Option(names = "--farm", paramLabel = "FILE", description = "farm file, repeatable: the farm and every board config it lists")
    List<Path> farms = new ArrayList<>();

    @Override
    public Integer call() {
        Path root = EngineSettings.findProjectRoot();
        int errors = 0;
        for (Path p : plans) {
            try {
                Plan plan = PlanLoader.load(RunCommand.cwdOrRoot(root, p));
                System.out.println("ok   plan " + p + ": " + plan.scenarios().size() + " scenarios");
            } catch (ConfigException e) {
                System.err.println("harness: " + e.getMessage());
                errors++;
            }
        }
        for (Path b : boards) {
            try {
                var config = BoardConfigLoader.load(RunCommand.cwdOrRoot(root, b), root);
                System.out.println("ok   board " + b + ": " + config.name() + " (" + config.os() + " " + config.release() + ")");
            } catch (ConfigException e) {
                System.err.println("harness: " + e.getMessage());
                errors++;
            }
        }
        for (Path f : farms) {
            try {
                var farm = io.qnxhil.run.FarmLoader.load(RunCommand.cwdOrRoot(root, f));
                for (var ref : farm.boards()) {
                    BoardConfigLoader.load(ref.config(), root);
                }
                System.out.println("ok   farm " + f + ": " + farm.boards().size() + " boards");
            } catch (ConfigException e) {
                System.err.println("harness: " + e.getMessage());
                errors++;
            }
        }
        return errors == 0 ? Main.OK : Main.BROKEN_OR_USAGE;
    }
}
