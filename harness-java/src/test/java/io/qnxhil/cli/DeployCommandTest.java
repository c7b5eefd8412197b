package io.qnxhil.cli;

import io.qnxhil.testing.HarnessCli;
import io.qnxhil.testing.AgentBinary;
import io.qnxhil.testing.BoardFiles;
import io.qnxhil.testing.OpenSshServer;
import io.qnxhil.testing.Peers;
import io.qnxhil.testing.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code harness deploy} against a real sshd: uploads once, then finds the build present; exit statuses. */
class DeployCommandTest {
    @TempDir
    Path dir;

    @Test
    void deploysOnceThenSkipsTheUpload() throws IOException {
        AgentBinary.requireBuilt(ProjectPaths.root().resolve("target-agent/build/nto800/qnx-hil-agent"));
        Path key = Peers.keyPair(dir, "id_ed25519", "ed25519");
        try (OpenSshServer sshd = new OpenSshServer(dir.resolve("sshd"), List.of(Peers.publicKey(key)))) {
            Path known = dir.resolve("known_hosts");
            Files.writeString(known, sshd.knownHostsLine() + "\n");
            Path board = BoardFiles.simSsh(dir, sshd.port(), key, "    known_hosts: " + known, dir.resolve("wd").toString());
            HarnessCli.Outcome first = HarnessCli.harness("deploy", "--board", board.toString());
            assertEquals(Main.OK, first.exit(), first.out() + first.err());
            assertTrue(first.out().contains("uploaded " + dir.resolve("wd/agents")), first.out());
            assertTrue(first.out().contains("verified: qnxsim 8.0"), first.out());
            HarnessCli.Outcome second = HarnessCli.harness("deploy", "--board", board.toString(),
                    "--board", ProjectPaths.boardConfigs().resolve("sim.yaml").toString());
            assertEquals(Main.OK, second.exit(), second.out() + second.err());
            assertTrue(second.out().contains("already present"), second.out());
            assertTrue(second.out().contains("local board: the agent runs in place"), second.out());
            sshd.kill();
            Path unreachable = dir.resolve("down.yaml");
            Files.writeString(unreachable, Files.readString(board).replaceFirst("(?m)^timeouts: .*$",
                    "timeouts: {connect_ms: 1000, reconnect_ms: 500}"));
            HarnessCli.Outcome down = HarnessCli.harness("deploy", "--board", unreachable.toString());
            assertEquals(Main.BROKEN_OR_USAGE, down.exit());
            assertTrue(down.err().contains("deploy failed") && down.err().contains("unreachable"), down.err());
        }
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "name: x\n");
        HarnessCli.Outcome bad = HarnessCli.harness("deploy", "--board", broken.toString());
        assertEquals(Main.BROKEN_OR_USAGE, bad.exit());
        assertTrue(bad.err().contains(broken + ":1"), bad.err());
    }
}
