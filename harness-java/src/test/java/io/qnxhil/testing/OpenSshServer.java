package io.qnxhil.testing;

import io.qnxhil.sim.OpenSshPeer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's OpenSSH sshd on 127.0.0.1 and a free port ({@link OpenSshPeer}, the harness's own simulated
 * SSH peer) for tests that configure the board themselves: the login's own shell, this user. Can be
 * killed (with every connection) and restarted on the same port, and frozen (SIGSTOP) to play a board
 * that stops answering. A missing sshd skips the test (fails it in CI).
 */
public final class OpenSshServer implements AutoCloseable {
    private final OpenSshPeer peer;
    private boolean frozen;

    public OpenSshServer(Path dir, List<String> authorizedKeys) throws IOException {
        Peers.require("sshd", "apt-get install openssh-server");
        this.peer = new OpenSshPeer(dir, authorizedKeys, null);
    }

    public int port() {
        return peer.port();
    }

    public Path hostKey() {
        return peer.hostKey();
    }

    /** The known_hosts line for this server: [127.0.0.1]:port type key. */
    public String knownHostsLine() {
        return peer.knownHostsLine();
    }

    public void start() {
        peer.start();
    }

    /** Kills sshd and every connection it serves (a board going down). */
    public void kill() {
        peer.kill();
    }

    /** SIGSTOP (true) or SIGCONT (false) to sshd and its connections: a peer that stops answering. */
    public synchronized void freeze(boolean stop) {
        frozen = stop;
        Peers.signal(stop ? "-STOP" : "-CONT", peer.pids());
    }

    public String log() {
        return peer.log();
    }

    @Override
    public void close() {
        if (frozen && peer.alive()) {
            freeze(false);
        }
        peer.close();
    }
}
