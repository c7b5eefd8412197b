package io.qnxhil.probe;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.deploy.Deployments;
import io.qnxhil.testing.BoardFiles;
import io.qnxhil.testing.ProjectPaths;
import io.qnxhil.testing.VirtualConsole;
import io.qnxhil.transport.RemoteShell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probe end to end on the simulated board: this machine's shell, a QNX 7.x-like userland, a serial console. */
class BoardProbeTest {
    @TempDir
    Path dir;

    private BoardConfig sim(String workdir) throws IOException {
        Path b = BoardFiles.patched(dir, "sim.yaml", BoardFiles.map("^env: .*$", "env: {}\nworkdir: " + workdir));
        return BoardConfigLoader.load(b, ProjectPaths.root());
    }

    private static Object value(ProbeReport r, String key) {
        ProbeReport.Fact f = r.fact(key);
        assertNotNull(f, key + " in " + r);
        return f.value();
    }

    private List<Path> tree() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void theLocalBoardAnswersEveryFactAndKeepsNothing() throws IOException {
        BoardConfig board = sim(dir.resolve("wd/deeper/qnx-hil").toString());
        List<Path> before = tree();
        ProbeReport r;
        try (RemoteShell shell = new LocalShell()) {
            r = new BoardProbe(board, shell).probe();
        }
        assertEquals(before, tree(), "the probe removed what it made");
        assertEquals(System.getProperty("os.name"), ((String) value(r, "os.uname")).split(" ")[0]);
        assertEquals("plain", ((Map<?, ?>) value(r, "cksum.format")).get("format"));
        assertEquals(Boolean.TRUE, value(r, "printf.octal"));
        assertEquals(Boolean.TRUE, value(r, "fork"));
        assertNull(value(r, "console.max_canon"), "no console: unknown");
        assertNull(value(r, "sftp"));
        Object workdir = value(r, "workdir " + dir.resolve("wd/deeper/qnx-hil"));
        assertEquals(Boolean.TRUE, ((Map<?, ?>) workdir).get("mkdir"));
        assertEquals(Boolean.TRUE, ((Map<?, ?>) workdir).get("exec"));
        assertTrue(r.configLines().contains("workdir: " + dir.resolve("wd/deeper/qnx-hil")), r.configLines().toString());
        assertTrue(r.table().contains("fact"), r.table());
        assertTrue(r.json().contains("\"workdirs\""), r.json());
    }

    /** Stand-ins with the QNX 7.x formats first on PATH: padded cksum, a base64 without -d, pidin showing -U. */
    @Test
    void aQnx7LikeUserlandIsReadAsSuch() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        script(bin.resolve("cksum"), "set -- $(/usr/bin/cksum); printf '%10s %10s\\n' \"$1\" \"$2\"");
        script(bin.resolve("base64"), "echo 'base64: unknown option -d' >&2; exit 1");
        script(bin.resolve("pidin"), "printf '     pid Arguments\\n       1 procnto-smp-instr -v -U\\n'");
        script(bin.resolve("uname"), "case \"$1\" in -s) echo QNX;; -r) echo 7.1.0;; -m) echo x86_64;;"
                + " *) echo 'QNX localhost 7.1.0 2020/11/02-15:45:31EST x86pc x86_64';; esac");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        BoardConfig board = sim(file.resolve("qnx-hil").toString());
        ProbeReport r;
        try (RemoteShell shell = new LocalShell(Map.of("PATH", bin + ":" + System.getenv("PATH")))) {
            r = new BoardProbe(board, shell).probe();
        }
        Map<?, ?> cksum = (Map<?, ?>) value(r, "cksum.format");
        assertEquals("padded", cksum.get("format"));
        assertEquals(Boolean.TRUE, cksum.get("posix_crc"));
        assertTrue(r.fact("cksum.format").meaning().contains("runs of spaces"));
        assertEquals(Boolean.FALSE, value(r, "base64.decode"));
        assertEquals(Boolean.TRUE, value(r, "printf.octal"), "printf checked through the padded cksum");
        assertEquals(Boolean.TRUE, value(r, "procnto.U"));
        assertTrue(r.fact("procnto.U").meaning().contains("unregistered_events: false"), "sim.yaml says no -U");
        assertTrue(r.fact("os.release").meaning().contains("release: \"8.0\""), "sim.yaml says 8.0, the board 7.1");
        assertTrue(r.configLines().containsAll(List.of("os: qnx", "release: \"7.1\"", "arch: x86_64",
                "procnto: {unregistered_events: true}")), r.configLines().toString());
        Map<?, ?> impossible = (Map<?, ?>) value(r, "workdir " + file.resolve("qnx-hil"));
        assertEquals(Boolean.FALSE, impossible.get("mkdir"));
        assertFalse(r.configLines().contains("workdir: " + file.resolve("qnx-hil")));
        assertEquals("x", Files.readString(file));
    }

    @Test
    void aSerialConsoleTellsItsLineDiscipline() throws IOException {
        try (VirtualConsole console = new VirtualConsole(dir.resolve("console"), 0, 5, 0)) {
            Path b = BoardFiles.simSerial(dir, console, dir.resolve("serial-wd").toString());
            BoardConfig board = BoardConfigLoader.load(b, ProjectPaths.root());
            ProbeReport r;
            try (RemoteShell shell = Deployments.shell(board)) {
                r = new BoardProbe(board, shell).probe();
            }
            Object maxCanon = value(r, "console.max_canon");
            assertTrue(maxCanon instanceof Integer n && n > 0, "a pty has a canonical line limit: " + maxCanon);
            assertNotNull(value(r, "console.stty"), r.table());
            assertEquals(Boolean.TRUE, value(r, "base64.decode"));
            assertTrue(r.configLines().contains("    transfer: base64                # under transport.serial"),
                    r.configLines().toString());
            assertFalse(Files.exists(dir.resolve("serial-wd")), "the probe removed the workdir it made");
        }
    }

    private static void script(Path p, String body) throws IOException {
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
