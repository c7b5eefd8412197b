package io.qnxhil.sim;

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
import io.qnxhil.testing.ProjectPaths;
import io.qnxhil.testing.SimPeers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bsp-certification plan (which includes smoke) through every simulated peer the board configs
 * offer, userland by transport, each started by the harness from the config alone: the same verdicts
 * as on the local simulated board of the same release, and nothing of the peer left afterwards.
 */
class SimPeerBoardTest {
    @TempDir
    static Path dir;
    static Path state;
    static Map<String, String> local800;
    static Map<String, String> local710;

    @BeforeAll
    static void localVerdicts() {
        Path root = ProjectPaths.root();
        AgentBinary.requireBuilt(root.resolve("target-agent/build/nto800/qnx-hil-agent"));
        AgentBinary.requireBuilt(root.resolve("target-agent/build/nto710/qnx-hil-agent"));
        SimPeers.requireAll();
        state = SimPeers.useStateRoot(dir.resolve("peers"));
        local800 = verdicts(load(ProjectPaths.boardConfigs().resolve("sim.yaml")));
        local710 = verdicts(load(ProjectPaths.boardConfigs().resolve("sim-nto710.yaml")));
        assertTrue(local800.size() > 50 && local710.size() > 50, "the plan has its scenarios: " + local800.size());
    }

    @AfterAll
    static void clean() {
        SimPeers.restore();
        BoardFiles.removeRemoteSimNodes();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sim-ssh.yaml", "sim-serial.yaml", "sim-ssh-nto710.yaml", "sim-serial-nto710.yaml",
            "sim-ssh.yaml host", "sim-serial.yaml host"})
    void certificationPlanGivesTheLocalVerdictsThroughThePeer(String example) throws IOException {
        String[] parts = example.split(" ");
        Path file = parts.length == 1 ? ProjectPaths.boardConfigs().resolve(parts[0])
                : BoardFiles.patched(dir, parts[0], BoardFiles.map("^  userland: .*$", "  userland: " + parts[1]));
        BoardConfig board = load(file);
        assertTrue(board.peer() != null, example + " names a peer");
        assertEquals("7.1".equals(board.release()) ? local710 : local800, verdicts(board));
        SimPeers.assertNoneLeft(state);
    }

    static BoardConfig load(Path file) {
        return BoardConfigLoader.load(file, ProjectPaths.root());
    }

    /** Verdict and, for anything but PASS, its reason: a difference shows what went wrong. */
    static Map<String, String> verdicts(BoardConfig config) {
        Plan plan = PlanLoader.load(ProjectPaths.plans().resolve("bsp-certification.yaml"));
        Map<String, String> out = new LinkedHashMap<>();
        try (BoardSession s = BoardSessions.open(config, ProjectPaths.root())) {
            for (var sc : plan.scenarios()) {
                ScenarioResult r = s.execute(sc);
                out.put(sc.id(), r.verdict() == Verdict.PASS ? "PASS" : r.verdict() + (r.verdict() == Verdict.BROKEN
                        ? ": " + r.reason() : ""));
            }
        }
        return out;
    }
}
