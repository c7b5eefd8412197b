package io.qnxhil.explore;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.board.TransportConfig;
import io.qnxhil.plan.PlanLoader;
import io.qnxhil.plan.Scenario;
import io.qnxhil.run.BoardSession;
import io.qnxhil.run.BoardSessions;
import io.qnxhil.run.Verdict;
import io.qnxhil.testing.AgentBinary;
import io.qnxhil.testing.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The explorer on the simulated board with a fixed seed: it finds nothing on a correct board, and
 * with qnxsim's ignore-updateable fault switched on it finds the fault and shrinks it to a few steps,
 * saved as a regression scenario that fails on the faulty board and passes on the correct one.
 */
class ExplorerSimTest {
    private static final long SEED = 1;

    @TempDir
    Path tmp;

    private BoardConfig board(String faults) throws IOException {
        Path root = ProjectPaths.root();
        String yaml = Files.readString(ProjectPaths.boardConfigs().resolve("sim.yaml"));
        if (faults != null) {
            yaml = yaml.replace("name: sim\n", "name: sim-faulty\n").replaceFirst("(?m)^env: \\{\\}.*$",
                    "env: {QNXSIM_FAULTS: " + faults + "}");
        }
        Path file = tmp.resolve((faults == null ? "sim" : "sim-faulty") + ".yaml");
        Files.writeString(file, yaml);
        BoardConfig config = BoardConfigLoader.load(file, root);
        AgentBinary.requireBuilt(((TransportConfig.Local) config.transport()).agent());
        return config;
    }

    @Test
    void findsNothingOnACorrectBoard() throws IOException {
        BoardConfig config = board(null);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (BoardSession s = BoardSessions.open(config, ProjectPaths.root())) {
            Explorer.Report r = new Explorer(s, SEED, tmp.resolve("found"), new PrintStream(log, true,
                    StandardCharsets.UTF_8)).explore(Duration.ofMinutes(2), 40);
            assertEquals(40, r.programs());
            assertEquals(0, r.broken(), log.toString(StandardCharsets.UTF_8));
            assertEquals(0, r.findings().size(), log.toString(StandardCharsets.UTF_8));
        }
        assertTrue(Files.notExists(tmp.resolve("found")));
    }

    @Test
    void findsAndShrinksIgnoredUpdateableValues() throws IOException {
        BoardConfig faulty = board("ignore-updateable");
        Explorer.Finding f;
        try (BoardSession s = BoardSessions.open(faulty, ProjectPaths.root())) {
            Explorer.Report r = new Explorer(s, SEED, tmp.resolve("found"), System.out)
                    .explore(Duration.ofMinutes(3), 8);
            assertTrue(r.findings().size() >= 1, "the fault is found within 8 programs of seed " + SEED);
            r.findings().forEach(x -> assertTrue(x.rule().contains("updateable"), x.rule()));
            f = r.findings().get(0);
        }
        assertTrue(f.rule().contains("updateable"), f.rule());
        assertTrue(f.shrunk().steps().size() <= 10, "shrunk to:\n" + f.shrunk());
        assertTrue(f.shrunk().steps().size() < f.original().steps().size());
        assertTrue(f.shrunk().steps().stream().anyMatch(st -> st.contains("updateable: true")), f.shrunk().toString());
        Scenario saved = PlanLoader.load(f.saved()).scenarios().get(0);
        assertEquals("MsgRegisterEvent.txt", saved.doc().page());
        try (BoardSession s = BoardSessions.open(faulty, ProjectPaths.root())) {
            assertEquals(Verdict.FAIL, s.execute(saved).verdict(), "the saved regression fails on the faulty board");
        }
        try (BoardSession s = BoardSessions.open(board(null), ProjectPaths.root())) {
            var r = s.execute(saved);
            assertEquals(Verdict.PASS, r.verdict(), r.reason());
        }
    }
}
