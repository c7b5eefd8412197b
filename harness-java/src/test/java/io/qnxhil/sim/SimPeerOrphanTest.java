package io.qnxhil.sim;

import io.qnxhil.testing.ProjectPaths;
import io.qnxhil.testing.SimPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A harness killed with SIGKILL (no shutdown hook runs) leaves no peer running: sshd's watchdog ends it
 * when its input closes, the console script when its parent goes; the next start sweeps the state left.
 */
class SimPeerOrphanTest {
    @TempDir
    Path dir;

    @Test
    void peersEndWithAHarnessKilledOutright() throws IOException, InterruptedException {
        SimPeers.requireAll();
        Path state = dir.resolve("peers");
        Path root = ProjectPaths.root();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process harness = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dqnxhil.peerState=" + state, PeerHolder.class.getName(), root.toString(),
                root.resolve("board-configs/sim-ssh.yaml").toString(), root.resolve("board-configs/sim-serial.yaml").toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(harness.getInputStream()));
        StringBuilder said = new StringBuilder();
        for (String line = out.readLine(); line != null && !line.equals("STARTED"); line = out.readLine()) {
            said.append(line).append('\n');
        }
        assertEquals(2, SimPeers.processesUnder(state).stream().filter(c -> c.contains("sshd_config")
                || c.contains("virtual_console.py")).map(c -> c.contains("sshd_config") ? "sshd" : "console")
                .distinct().count(), "both peers run: " + said + SimPeers.processesUnder(state));
        harness.destroyForcibly().waitFor();
        List<String> left = SimPeers.processesUnder(state);
        for (int i = 0; i < 200 && !left.isEmpty(); i++) { // the console script looks for its parent every 0.1 s
            Thread.sleep(50);
            left = SimPeers.processesUnder(state);
        }
        assertEquals(List.of(), left, "peer processes outlived the harness");
        SimPeer.sweep(state);
        try (var s = Files.list(state)) {
            assertFalse(s.findAny().isPresent(), "the next start sweeps the dead harness's state");
        }
    }
}
