package io.qnxhil.cli;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.board.BoardInfo;
import io.qnxhil.engine.EngineSettings;
import io.qnxhil.plan.ConfigException;
import io.qnxhil.run.BoardSession;
import io.qnxhil.run.BoardSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code harness info}: what the board's agent reports about the board. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Start the agent on a board and print what it reports: OS, release, arch, agent hash, clock rate.")
final class InfoCommand implements Callable<Integer> {
    @Option(names = "--board", paramLabel = "FILE", description = "board config YAML (default: board-configs/sim.yaml)")
    Path board = Path.of("board-configs/sim.yaml");

    @Override
    public Integer call() {
        Path root = EngineSettings.findProjectRoot();
        BoardConfig config;
        try {
            config = BoardConfigLoader.load(RunCommand.cwdOrRoot(root, board), root);
        } catch (ConfigException e) {
            System.err.println("harness: " + e.getMessage());
            return Main.BROKEN_OR_USAGE;
        }
        try (BoardSession session = BoardSessions.open(config, root)) {
            BoardInfo i = session.info();
            System.out.printf("board        %s (%s)%n", config.name(), config.file());
            System.out.printf("os           %s%s%n", i.os(), i.simulated() ? "  (simulated board: not a QNX result)" : "");
            System.out.printf("release      %s (profile %s)%n", i.release(), i.profile());
            System.out.printf("arch         %s%n", i.arch());
            System.out.printf("hostname     %s%n", i.hostname());
            System.out.printf("agent        %s, build %s%n", i.agentVersion(), i.buildHash());
            System.out.printf("clock        %d Hz%n", i.clockHz());
            System.out.printf("unregistered events allowed (procnto -U): %s%n", i.unregisteredEventsAllowed());
            return Main.OK;
        } catch (RuntimeException e) {
            System.err.println("harness: " + config.name() + ": " + e.getMessage());
            return Main.BROKEN_OR_USAGE;
        }
    }
}
