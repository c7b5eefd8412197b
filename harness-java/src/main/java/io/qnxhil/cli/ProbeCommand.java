package io.qnxhil.cli;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.board.TransportConfig;
import io.qnxhil.deploy.Deployments;
import io.qnxhil.engine.EngineSettings;
import io.qnxhil.plan.ConfigException;
import io.qnxhil.probe.BoardProbe;
import io.qnxhil.probe.LocalShell;
import io.qnxhil.probe.ProbeReport;
import io.qnxhil.sim.SimPeer;
import io.qnxhil.transport.RemoteShell;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code harness probe}: what a board's userland offers the harness, read-only, before the first run. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Ask a board, read-only, what the harness needs to know: OS release, shell, utilities and their"
                + " output formats, usable work directories, console line limit, procnto -U, SFTP, fork, agent clock."
                + " Prints a table and the board-config lines the facts imply; never deploys.")
final class ProbeCommand implements Callable<Integer> {
    @Option(names = "--board", paramLabel = "FILE", description = "board config YAML (default: board-configs/sim.yaml)")
    Path board = Path.of("board-configs/sim.yaml");

    @Option(names = "--json", description = "print the facts as JSON instead of the table")
    boolean json;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the facts as JSON to FILE")
    Path out;

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
        ProbeReport report;
        try (SimPeer peer = config.peer() == null ? null : SimPeer.start(config)) {
            BoardConfig board = peer == null ? config : peer.board();
            try (RemoteShell shell = board.transport() instanceof TransportConfig.Local ? new LocalShell()
                    : Deployments.shell(board)) {
                report = new BoardProbe(board, shell).probe();
            }
        } catch (RuntimeException e) {
            System.err.println("harness: " + config.name() + ": probe failed: " + e.getMessage());
            return Main.BROKEN_OR_USAGE;
        }
        if (out != null) {
            try {
                Path parent = out.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(out, report.json());
            } catch (IOException e) {
                System.err.println("harness: cannot write " + out + ": " + e.getMessage());
                return Main.BROKEN_OR_USAGE;
            }
        }
        System.out.print(json ? report.json() : report.table());
        return Main.OK;
    }
}
