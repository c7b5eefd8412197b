package io.qnxhil.transport;

import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.board.TransportConfig;
import io.qnxhil.testing.BoardFiles;
import io.qnxhil.testing.ProjectPaths;
import io.qnxhil.testing.VirtualConsole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The serial console against a virtual console as strict as a QNX board's: io-char's 256-byte canonical
 * lines and 2 KiB input buffer that drops, bash with its prompt and bracketed-paste escapes, and a kernel
 * message in one output line of ten, at a random byte.
 */
class StrictConsoleTest {
    @TempDir
    Path dir;
    VirtualConsole vc;
    SerialConsole console;

    private SerialConsole open(long seed, double messagesPerLine, String shell) throws IOException {
        vc = VirtualConsole.strict(dir.resolve("vc"), seed, messagesPerLine, 0, shell);
        console = SerialConsole.open(serial(), Duration.ofSeconds(20));
        return console;
    }

    private TransportConfig.Serial serial() throws IOException {
        Path board = BoardFiles.simSerial(dir, vc, dir.resolve("board").toString());
        return (TransportConfig.Serial) BoardConfigLoader.load(board, ProjectPaths.root()).transport();
    }

    @AfterEach
    void close() {
        if (console != null) {
            console.close();
        }
        if (vc != null) {
            vc.close();
        }
    }

    @Test
    void theStandInDropsWhatALongLineOrAFullInputBufferCannotHold() throws IOException {
        open(1, 0, "sh");
        // a typed line past 255 characters loses its tail: here the pipe into wc
        String id = SerialConsole.newId();
        long from = console.log().end();
        console.write(SerialConsole.framed(id, "echo " + "x".repeat(300) + " | wc -c"));
        SerialConsole.Outcome o = console.finish(new SerialConsole.Pending(id, "long line", from), Duration.ofSeconds(20));
        assertFalse(o.result().out().contains("301"), o.result().out());
        assertTrue(o.result().out().contains("x".repeat(200)), o.result().out());
        TransportException refused = assertThrows(TransportException.class,
                () -> console.run("echo " + "x".repeat(300), Duration.ofSeconds(5)));
        assertTrue(refused.getMessage().contains("canonical input limit"), refused.getMessage());

        // 100 lines typed while the shell sleeps: what overflows the 2 KiB input buffer is lost
        SerialConsole.Pending sleep = console.submit("sleep 2");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            lines.append(String.format("echo qh-line-%03d-%s%n", i, "y".repeat(20)));
        }
        console.write(lines.toString());
        console.finish(sleep, Duration.ofSeconds(20));
        assertEquals(0, console.run("echo synced", Duration.ofSeconds(20)).exit());
        Matcher m = Pattern.compile("qh-line-\\d{3}-y{20}").matcher(console.log().text(sleep.from(), console.log().end()));
        int seen = 0;
        while (m.find()) {
            seen++;
        }
        assertTrue(seen > 10 && seen < 100, seen + " of 100 lines arrived");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "sh"})
    void framedCommandsKeepTheirOutputAndStatusThroughMessagesAtAnyByte(String shell) throws IOException {
        open(7, 0.3, shell);
        for (int i = 0; i < 30; i++) {
            RemoteShell.Result r = console.run("printf 'line %d\\n' " + i + "; printf 'second %d\\n' " + i + "; (exit "
                    + (i % 5) + ")", Duration.ofSeconds(10));
            assertEquals(i % 5, r.exit(), r.out());
            // a message inside the output leaves the line broken in two, never a message in the text
            assertFalse(r.out().contains("io-sock"), r.out());
            assertTrue(r.out().replace("\r\n", "").replace("\n", "").contains("line " + i + "second " + i), r.out());
        }
    }

    @Test
    void aProgramInTheForegroundNeverReadsTheEndMarkerAndItsStatusArrives() throws IOException {
        open(3, 0.1, "bash");
        // reads its input as the agent does: a line at a time until 'quit'
        String program = "sh -c 'while read l; do [ \"$l\" = quit ] && exit 3; echo \"got $l\"; done; exit 5'";
        for (int i = 0; i < 3; i++) {
            SerialTransport.ConsoleAgent agent = SerialTransport.ConsoleAgent.start(console, program, Duration.ofSeconds(10));
            agent.sendLine("hello " + i);
            agent.close();
            String seen = new String(agent.stdout().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertFalse(seen.contains("printf"), "the program read the end marker's line: " + seen);
            assertTrue(seen.contains("got hello " + i), seen);
            assertEquals(3, agent.exitStatus().orElse(-1), seen);
        }
        // the console is still logged in and usable
        assertEquals(0, console.run("true", Duration.ofSeconds(10)).exit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"BASE64", "PRINTF"})
    void uploadsArriveIntactOverTheStrictConsole(String mode) throws IOException {
        open(11, 0.1, "bash");
        byte[] data = Files.readAllBytes(ProjectPaths.root().resolve("target-agent/build/nto800/qnx-hil-agent"));
        data = java.util.Arrays.copyOf(data, Math.min(data.length, 48 * 1024));
        Path local = dir.resolve("blob");
        Files.write(local, data);
        Path remote = dir.resolve("remote");
        ConsoleTransfer.Stats s = new ConsoleTransfer(console, serial()).upload(local, remote.toString(),
                ConsoleTransfer.Mode.valueOf(mode));
        assertArrayEquals(data, Files.readAllBytes(remote), s.toString());
    }
}
