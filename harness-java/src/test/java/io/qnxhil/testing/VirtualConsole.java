package io.qnxhil.testing;

import io.qnxhil.sim.ConsolePeer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A virtual serial console ({@link ConsolePeer}, the harness's own simulated serial peer, running
 * virtual_console.py) for tests that configure the board themselves: a real pty with a login prompt and
 * a shell behind it, kernel-style messages injected at random moments, optionally paced to a baud rate.
 * The port is opened by path ({@link #link()}), like a USB serial adapter's. {@link #strict} makes it as
 * strict as a QNX board's console: io-char's 256-byte canonical lines and 2 KiB input buffer that drops
 * what overflows, boot chatter, bash's prompt and bracketed-paste escapes, and kernel messages at random
 * bytes, inside markers and records too. A missing python3 skips the test (fails it in CI).
 */
public final class VirtualConsole implements AutoCloseable {
    public static final String USER = "qnxuser";
    private final ConsolePeer peer;

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
        Peers.require("python3", "apt-get install python3");
        List<String> argv = new ArrayList<>(List.of("--seed", Long.toString(seed), "--baud", Integer.toString(baud)));
        argv.addAll(options);
        peer = new ConsolePeer(dir, USER, argv);
    }

    public Path link() {
        return peer.link();
    }

    /** The file holding the login password (the board config refers to it; tests never print it). */
    public Path passwordFile() {
        return peer.passwordFile();
    }

    public String password() throws IOException {
        return peer.password();
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
        Peers.signal(sig, List.of(peer.pid()));
    }

    @Override
    public void close() {
        if (peer.alive()) {
            signal("-CONT");
        }
        peer.close();
    }
}
