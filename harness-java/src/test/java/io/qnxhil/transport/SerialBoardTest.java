package io.qnxhil.transport;

import io.qnxhil.run.Verdict;
import io.qnxhil.testing.AgentBinary;
import io.qnxhil.testing.BoardFiles;
import io.qnxhil.testing.ProjectPaths;
import io.qnxhil.testing.VirtualConsole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The smoke plan on the simulated board behind a virtual serial console (a real pty, a login
 * prompt, a shell, kernel messages at random moments): the same verdicts as locally.
 */
class SerialBoardTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void built() {
        AgentBinary.requireBuilt(ProjectPaths.root().resolve("target-agent/build/nto800/qnx-hil-agent"));
    }

    @AfterAll
    static void clean() {
        BoardFiles.removeRemoteSimNodes();
    }


    @Test
    void smokePlanGivesTheSameVerdictsLocallyAndThroughANoisySerialConsole() throws IOException {
        Map<String, Verdict> local = SshBoardTest.verdicts(ProjectPaths.boardConfigs().resolve("sim.yaml"));
        try (VirtualConsole console = new VirtualConsole(dir.resolve("console"), 20, 42, 0)) {
            Path board = BoardFiles.simSerial(dir, console, dir.resolve("board-serial").toString());
            assertEquals(local, SshBoardTest.verdicts(board));
        }
    }
}
