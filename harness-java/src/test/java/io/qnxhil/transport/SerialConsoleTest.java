package io.qnxhil.transport;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.board.TransportConfig;
import io.qnxhil.testing.BoardFiles;
import io.qnxhil.testing.ProjectPaths;
import io.qnxhil.testing.VirtualConsole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The serial console against a virtual console with kernel noise: login, framed commands, transfers. */
class SerialConsoleTest {
    @TempDir
    Path dir;
    VirtualConsole vc;
    SerialConsole console;

    @BeforeEach
    void open() throws IOException {
        vc = new VirtualConsole(dir.resolve("vc"), 30, 7, 0);
        Path board = BoardFiles.simSerial(dir, vc, dir.resolve("board").toString());
        BoardConfig config = BoardConfigLoader.load(board, ProjectPaths.root());
        console = SerialConsole.open((TransportConfig.Serial) config.transport(), Duration.ofSeconds(15));
    }

    @AfterEach
    void close() {
        if (console != null) {
            console.close();
        }
        vc.close();
    }

    @Test
    void framedCommandsReportOutputAndExitStatusThroughNoise() {
        for (int i = 0; i < 20; i++) {
            // the sleep leaves room for kernel messages (some look like end markers) inside the command's output
            RemoteShell.Result r = console.run("sleep 0.2; printf 'line %d\\n' " + i + "; (exit " + (i % 4) + ")", Duration.ofSeconds(10));
            assertEquals(i % 4, r.exit(), r.out());
            assertTrue(r.out().contains("line " + i), r.out());
        }
    }

    @Test
    void uploadsArriveIntactInBothEncodings() throws IOException {
        byte[] data = Files.readAllBytes(ProjectPaths.root().resolve("target-agent/build/nto800/qnx-hil-agent"));
        Path local = dir.resolve("blob");
        Files.write(local, data);
        for (ConsoleTransfer.Mode mode : ConsoleTransfer.Mode.values()) {
            Path remote = dir.resolve("remote-" + mode);
            ConsoleTransfer t = new ConsoleTransfer(console, cfg());
            ConsoleTransfer.Stats s = t.upload(local, remote.toString(), mode);
            assertArrayEquals(data, Files.readAllBytes(remote), mode + " " + s);
        }
    }

    @Test
    void anInterruptedUploadResumesAfterTheLastGoodChunkAndADamagedPartStartsOver() throws IOException {
        TransportConfig.Serial serial = cfg();
        byte[] data = new byte[serial.chunkBytes() * 3 + 1234];
        new Random(5).nextBytes(data);
        Path local = dir.resolve("resume-blob");
        Files.write(local, data);
        Path remote = dir.resolve("resumed");
        // what an upload cut off after two chunks leaves behind
        Files.write(Path.of(remote + ".part"), java.util.Arrays.copyOf(data, serial.chunkBytes() * 2));
        ConsoleTransfer.Stats s = new ConsoleTransfer(console, serial).upload(local, remote.toString(), ConsoleTransfer.Mode.BASE64);
        assertEquals(serial.chunkBytes() * 2L, s.resumedFrom());
        assertEquals(2, s.chunks());
        assertArrayEquals(data, Files.readAllBytes(remote));

        byte[] damaged = java.util.Arrays.copyOf(data, serial.chunkBytes());
        damaged[100] ^= 1;
        Files.write(Path.of(remote + ".part"), damaged);
        ConsoleTransfer.Stats again = new ConsoleTransfer(console, serial).upload(local, remote.toString(), ConsoleTransfer.Mode.BASE64);
        assertEquals(0, again.resumedFrom(), "a part that does not match the file is not trusted");
        assertArrayEquals(data, Files.readAllBytes(remote));
    }

    private TransportConfig.Serial cfg() throws IOException {
        Path board = BoardFiles.simSerial(dir, vc, dir.resolve("board").toString());
        return (TransportConfig.Serial) BoardConfigLoader.load(board, ProjectPaths.root()).transport();
    }
}
