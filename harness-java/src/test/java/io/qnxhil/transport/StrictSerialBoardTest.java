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
import io.qnxhil.testing.ProjectPaths;
import io.qnxhil.testing.VirtualConsole;
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
 * The bsp-certification plan (which includes smoke) through a serial console as strict as a QNX board's,
 * with a fresh deploy over it each time and a kernel message in one output line of ten at a random byte:
 * the same verdicts as on the local simulated board, for three seeds.
 */
class StrictSerialBoardTest {
    @TempDir
    static Path dir;
    static Map<String, String> local;

    @BeforeAll
    static void localVerdicts() {
        AgentBinary.requireBuilt(ProjectPaths.root().resolve("target-agent/build/nto800/qnx-hil-agent"));
        local = verdicts(ProjectPaths.boardConfigs().resolve("sim.yaml"));
        assertTrue(local.size() > 50, "the plan has its scenarios: " + local.size());
    }

    @AfterAll
    static void clean() {
        BoardFiles.removeRemoteSimNodes();
    }

    @ParameterizedTest
    @ValueSource(longs = {101, 202, 303})
    void certificationPlanGivesTheSameVerdictsThroughAStrictNoisyConsole(long seed) throws IOException {
        try (VirtualConsole console = VirtualConsole.strict(dir.resolve("console-" + seed), seed, 0.1, 0, "bash")) {
            Path board = BoardFiles.simSerial(dir, console, dir.resolve("board-" + seed).toString());
            assertEquals(local, verdicts(board));
        }
    }

    /** Verdict and, for anything but PASS, its reason: a difference shows what went wrong. */
    static Map<String, String> verdicts(Path boardFile) {
        Path root = ProjectPaths.root();
        BoardConfig config = BoardConfigLoader.load(boardFile, root);
        Plan plan = PlanLoader.load(ProjectPaths.plans().resolve("bsp-certification.yaml"));
        Map<String, String> out = new LinkedHashMap<>();
        try (BoardSession s = BoardSessions.open(config, root)) {
            for (var sc : plan.scenarios()) {
                ScenarioResult r = s.execute(sc);
                out.put(sc.id(), r.verdict() == Verdict.PASS ? "PASS" : r.verdict() + (r.verdict() == Verdict.BROKEN
                        ? ": " + r.reason() : ""));
            }
        }
        return out;
    }
}
