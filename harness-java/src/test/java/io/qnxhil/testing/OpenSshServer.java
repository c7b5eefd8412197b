package io.qnxhil.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's OpenSSH sshd on 127.0.0.1 and a free port, with its own config, host key and
 * authorized_keys in a temporary folder ({@code UsePAM no}; as root it needs /run/sshd). The
 * simulated board "reached over SSH". Can be killed (with every connection) and restarted on the
 * same port, and frozen (SIGSTOP) to play a board that stops answering.
 */
public final class OpenSshServer implements AutoCloseable {
    private final Path dir;
    private final Path sshd;
    private final int port;
    private final Path hostKey;
    private Process process;
    /** sshd is not a child that dies with the JVM: stop it when the JVM ends, even after a failed test. */
    private final Thread reaper = new Thread(this::kill, "sshd-reaper");

    public OpenSshServer(Path dir, List<String> authorizedKeys) throws IOException {
        this.sshd = Peers.require("sshd", "apt-get install openssh-server");
        this.dir = dir;
        this.port = Peers.freePort();
        Files.createDirectories(dir);
        this.hostKey = Peers.keyPair(dir, "ssh_host_ed25519_key", "ed25519");
        Files.writeString(dir.resolve("authorized_keys"), String.join("\n", authorizedKeys) + "\n");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            Files.createDirectories(Path.of("/run/sshd")); // privilege separation directory
        }
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "UsePAM no",
                "StrictModes no",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin " + (root ? "prohibit-password" : "no"),
                "Subsystem sftp internal-sftp",
                "LogLevel ERROR",
                "") );
        Runtime.getRuntime().addShutdownHook(reaper);
        start();
    }

    public int port() {
        return port;
    }

    public Path hostKey() {
        return hostKey;
    }

    /** The known_hosts line for this server: [127.0.0.1]:port type key. */
    public String knownHostsLine() {
        String[] pub = Peers.publicKey(hostKey).split(" ");
        return "[127.0.0.1]:" + port + " " + pub[0] + " " + pub[1];
    }

    public synchronized void start() {
        List<String> argv = new ArrayList<>(List.of(sshd.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString()));
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("sshd.log").toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("cannot start sshd: " + e, e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("sshd exited: " + log());
            }
            if (banner()) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError("sshd did not answer on port " + port + ": " + log());
    }

    private boolean banner() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            s.setSoTimeout(1000);
            InputStream in = s.getInputStream();
            byte[] b = new byte[4];
            return in.readNBytes(b, 0, 4) == 4 && new String(b).equals("SSH-");
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills sshd and every connection it serves (a board going down). */
    public synchronized void kill() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SIGSTOP (true) or SIGCONT (false) to sshd and its connections: a peer that stops answering. */
    public synchronized void freeze(boolean stop) {
        List<Long> pids = new ArrayList<>();
        pids.add(process.pid());
        process.descendants().forEach(h -> pids.add(h.pid()));
        Peers.signal(stop ? "-STOP" : "-CONT", pids);
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("sshd.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            freeze(false);
        }
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs anyway
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
