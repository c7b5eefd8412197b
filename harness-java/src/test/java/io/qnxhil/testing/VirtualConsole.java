package io.qnxhil.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A virtual serial console (test resource consoles/virtual_console.py): a real pty with a login
 * prompt and a shell behind it, kernel-style messages injected at random moments, optionally paced
 * to a baud rate. The port is opened by path ({@link #link()}), like a USB serial adapter's.
 * {@link #strict} makes it as strict as a QNX board's console: io-char's 256-byte canonical lines and
 * 2 KiB input buffer that drops what overflows, boot chatter, bash's prompt and bracketed-paste
 * escapes, and kernel messages at random bytes, inside markers and records too.
 */
public final class VirtualConsole implements AutoCloseable {
    public static final String USER = "qnxuser";
    private final Process process;
    private final Path link;
    private final Path passwordFile;

    /** @param noisePerSecond mean kernel messages a second (0: none); @param baud pacing (0: none) */
    public VirtualConsole(Path dir, double noisePerSecond, long seed, int baud) throws IOException {
        this(dir, seed, baud, List.of("--noise", Double.toString(noisePerSecond)));
    }

    /**
     * A console as strict as a QNX board's. @param messagesPerLine the chance of a kernel message inside an
     * output line (0.1: one per 10 lines); @param shell the login shell ("bash", "sh": found on PATH)
     */
    public static VirtualConsole strict(Path dir, long seed, double messagesPerLine, int baud, String shell) throws IOException {
        Path sh = Peers.require(shell, "apt-get install " + shell);
        return new VirtualConsole(dir, seed, baud, List.of("--strict", "--noise-lines", Double.toString(messagesPerLine),
                "--shell", sh.toString()));
    }

    private VirtualConsole(Path dir, long seed, int baud, List<String> options) throws IOException {
        Path python = Peers.require("python3", "apt-get install python3");
        Path script;
        try {
            script = Path.of(VirtualConsole.class.getResource("/consoles/virtual_console.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Files.createDirectories(dir);
        link = dir.resolve("ttyV0");
        passwordFile = dir.resolve("console-password");
        Files.writeString(passwordFile, "pw-" + Long.toHexString(System.nanoTime()) + "-console\n");
        List<String> argv = new ArrayList<>(List.of(python.toString(), script.toString(), "--link", link.toString(),
                "--user", USER, "--password-file", passwordFile.toString(),
                "--seed", Long.toString(seed), "--baud", Integer.toString(baud)));
        argv.addAll(options);
        process = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null || !line.startsWith("READY ")) {
            process.destroyForcibly();
            throw new AssertionError("virtual console did not start: " + line);
        }
    }

    public Path link() {
        return link;
    }

    /** The file holding the login password (the board config refers to it; tests never print it). */
    public Path passwordFile() {
        return passwordFile;
    }

    public String password() throws IOException {
        return Files.readString(passwordFile).strip();
    }

    /** The port closes underneath (a USB adapter unplugged). */
    public void vanish() {
        signal("-USR1");
    }

    /** SIGSTOP (true) / SIGCONT (false): the console stops answering. */
    public void freeze(boolean stop) {
        signal(stop ? "-STOP" : "-CONT");
    }

    private void signal(String sig) {
        Peers.signal(sig, List.of(process.pid()));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            signal("-CONT");
            process.destroy();
            try {
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
