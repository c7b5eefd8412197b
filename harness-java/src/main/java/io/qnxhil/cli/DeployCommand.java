package io.qnxhil.cli;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.board.TransportConfig;
import io.qnxhil.deploy.Deployer;
import io.qnxhil.deploy.Deployments;
import io.qnxhil.engine.EngineSettings;
import io.qnxhil.plan.ConfigException;
import io.qnxhil.sim.SimPeer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code harness deploy}: put the agent build for each board's arch and release on the board. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = "Deploy the agent to boards over SSH or a serial console: stored by content hash, upload skipped"
                + " when the board already has it, verified with 'info', older versions removed.")
final class DeployCommand implements Callable<Integer> {
    @Option(names = "--board", paramLabel = "FILE", required = true, description = "board config YAML, repeatable")
    List<Path> boards = new ArrayList<>();

    @Override
    public Integer call() {
        Path root = EngineSettings.findProjectRoot();
        List<BoardConfig> configs = new ArrayList<>();
        try {
            for (Path b : boards) {
                configs.add(BoardConfigLoader.load(RunCommand.cwdOrRoot(root, b), root));
            }
        } catch (ConfigException e) {
            System.err.println("harness: " + e.getMessage());
            return Main.BROKEN_OR_USAGE;
        }
        int status = Main.OK;
        for (BoardConfig c : configs) {
            if (c.transport() instanceof TransportConfig.Local local) {
                System.out.printf("%-16s local board: the agent runs in place (%s)%n", c.name(), local.agent());
                continue;
            }
            try (SimPeer peer = c.peer() == null ? null : SimPeer.start(c)) {
                if (peer != null) {
                    System.out.printf("%-16s simulated peer: %s (stopped when the deploy ends)%n", c.name(), peer.describe());
                }
                Deployer.Outcome o = Deployments.deploy(peer == null ? c : peer.board());
                System.out.printf("%-16s %s %s (%s)%n", c.name(), o.uploaded() ? "uploaded" : "already present,",
                        o.remotePath(), o.uploaded() ? "new build" : "upload skipped");
                System.out.printf("%-16s verified: %s %s %s, agent %s, build %s%s%n", "", o.info().os(), o.info().release(),
                        o.info().arch(), o.info().agentVersion(), o.info().buildHash(),
                        o.info().simulated() ? " (simulated board: not a QNX result)" : "");
                if (!o.removed().isEmpty()) {
                    System.out.printf("%-16s removed %d older version(s): %s%n", "", o.removed().size(), String.join(", ", o.removed()));
                }
                System.out.printf("%-16s took %d ms%n", "", o.took().toMillis());
            } catch (RuntimeException e) {
                System.err.println("harness: " + c.name() + ": deploy failed: " + e.getMessage());
                status = Main.BROKEN_OR_USAGE;
            }
        }
        return status;
    }
}
