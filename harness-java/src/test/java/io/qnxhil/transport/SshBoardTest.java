package io.qnxhil.transport;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.plan.Plan;
import io.qnxhil.plan.PlanLoader;
import io.qnxhil.run.BoardSession;
import io.qnxhil.run.BoardSessions;
import io.qnxhil.run.ScenarioResult;
import io.qnxhil.run.Verdict;
import io.qnxhil.testing.AgentBinary;
import io.qnxhil.testing.BoardFiles;
import io.qnxhil.testing.EmbeddedSshServer;
import io.qnxhil.testing.OpenSshServer;
import io.qnxhil.testing.Peers;
import io.qnxhil.testing.ProjectPaths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The smoke plan on the simulated board reached locally, through a real OpenSSH sshd and through an
 * embedded Apache SSHD server: the same verdict for every scenario.
 */
class SshBoardTest {
    @TempDir
    static Path dir;
    static Path root = ProjectPaths.root();
    static Path clientKey;
    static OpenSshServer openssh;

    @BeforeAll
    static void peers() throws IOException {
        root = ProjectPaths.root();
        AgentBinary.requireBuilt(root.resolve("target-agent/build/nto800/qnx-hil-agent"));
        clientKey = Peers.keyPair(dir, "client_ed25519", "ed25519");
        Files.writeString(dir.resolve("authorized_keys"), Peers.publicKey(clientKey) + "\n");
        openssh = new OpenSshServer(dir.resolve("openssh"), List.of(Peers.publicKey(clientKey)));
        Files.writeString(dir.resolve("known_hosts"), openssh.knownHostsLine() + "\n");
    }

    @AfterAll
    static void stop() {
        if (openssh != null) {
            openssh.close();
        }
        BoardFiles.removeRemoteSimNodes();
    }


    static Map<String, Verdict> verdicts(Path boardFile) {
        BoardConfig config = BoardConfigLoader.load(boardFile, root);
        Plan plan = PlanLoader.load(ProjectPaths.plans().resolve("smoke.yaml"));
        Map<String, Verdict> out = new LinkedHashMap<>();
        try (BoardSession s = BoardSessions.open(config, root)) {
            for (var sc : plan.scenarios()) {
                ScenarioResult r = s.execute(sc);
                out.put(sc.id(), r.verdict());
                assertEquals(Verdict.PASS, r.verdict(), () -> sc.id() + " on " + config.name() + ": " + r.reason()
                        + "\nrecords: " + r.agentRecords() + "\nlog: " + s.agentLog());
            }
        }
        return out;
    }

    @Test
    void smokePlanGivesTheSameVerdictsLocallyAndThroughOpenSshAndEmbeddedSshd() throws IOException {
        Map<String, Verdict> local = verdicts(ProjectPaths.boardConfigs().resolve("sim.yaml"));
        Path viaOpenSsh = BoardFiles.simSsh(dir, openssh.port(), clientKey, "    known_hosts: " + dir.resolve("known_hosts"),
                dir.resolve("board-openssh").toString());
        assertEquals(local, verdicts(viaOpenSsh));
        try (EmbeddedSshServer embedded = new EmbeddedSshServer(dir, dir.resolve("authorized_keys"), true)) {
            Path viaEmbedded = BoardFiles.simSsh(dir, embedded.port(), clientKey,
                    "    host_key_fingerprint: \"" + embedded.fingerprint() + "\"", dir.resolve("board-embedded").toString());
            assertEquals(local, verdicts(viaEmbedded));
        }
        assertTrue(local.size() >= 4, "the smoke plan has its scenarios: " + local.keySet());
    }
}
