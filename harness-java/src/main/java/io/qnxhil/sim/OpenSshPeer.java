package io.qnxhil.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's OpenSSH sshd on 127.0.0.1 and a free port, with its own config, host key and authorized_keys
 * in a folder of its own ({@code UsePAM no} as root, which needs /run/sshd; PAM otherwise). Started as
 * non-root it can log in only the user running it, through that user's login shell. sshd runs under a small watchdog shell that ends it when the harness's
 * end of the watchdog's input closes, so it never outlives the harness, even one killed with SIGKILL;
 * a shutdown hook stops it on an orderly exit. Can be killed (with every connection) and restarted on
 * the same port, and frozen (SIGSTOP) to play a board that stops answering.
 */
public final class OpenSshPeer implements AutoCloseable {
    /** sshd's own SFTP server, which a ForceCommand login leaves alone; Debian's path first. */
    private static final List<String> SFTP_SERVERS = List.of("/usr/lib/openssh/sftp-server",
            "/usr/libexec/openssh/sftp-server", "/usr/lib/ssh/sftp-server", "/usr/libexec/sftp-server");
    private final Path dir;
    private final Path sshd;
    private final int port;
    private final Path hostKey;
    private Process watchdog;
    private OutputStream lifeline;
    private final Thread reaper = new Thread(this::kill, "sshd-reaper");

    /**
     * @param loginCommand null: the login's own shell runs what the client asks; else sshd's ForceCommand, which
     *                     finds the client's command in $SSH_ORIGINAL_COMMAND (and SFTP as {@link #sftpServer()})
     */
    public OpenSshPeer(Path dir, List<String> authorizedKeys, String loginCommand) {
        this.sshd = HostTools.require("sshd", "openssh-server", "the simulated board over SSH");
        this.dir = dir;
        this.port = freePort();
        try {
            Files.createDirectories(dir);
            this.hostKey = HostTools.keyPair(dir, "ssh_host_ed25519_key", "ed25519");
            Files.writeString(dir.resolve("authorized_keys"), String.join("\n", authorizedKeys) + "\n");
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                Files.createDirectories(Path.of("/run/sshd")); // privilege separation directory
            }
            List<String> lines = new ArrayList<>(List.of(
                    "Port " + port,
                    "ListenAddress 127.0.0.1",
                    "HostKey " + hostKey,
                    "PidFile " + dir.resolve("sshd.pid"),
                    "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                    // without PAM sshd refuses accounts whose password is locked, as a normal user's often is; an
                    // unprivileged sshd can still ask PAM (its account checks run through a setgid helper)
                    "UsePAM " + (root ? "no" : "yes"),
                    "StrictModes no",
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "PermitRootLogin " + (root ? "prohibit-password" : "no"),
                    "PermitUserRC no",
                    "PrintMotd no",
                    "X11Forwarding no",
                    "AllowTcpForwarding no",
                    "LogLevel ERROR"));
            if (loginCommand == null) {
                lines.add("Subsystem sftp internal-sftp");
            } else {
                lines.add("Subsystem sftp " + sftpServer());
                lines.add("ForceCommand " + loginCommand);
            }
            Files.writeString(dir.resolve("sshd_config"), String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new PeerException("cannot prepare sshd in " + dir + ": " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(reaper);
        start();
    }

    /** The SFTP server program sshd runs for a ForceCommand login (internal-sftp cannot be run by a login script). */
    public static String sftpServer() {
        return SFTP_SERVERS.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                .orElseThrow(() -> new PeerException(HostTools.missing("sftp-server", "openssh-sftp-server",
                        "SFTP on the simulated board")));
    }

    public int port() {
        return port;
    }

    public Path hostKey() {
        return hostKey;
    }

    /** The known_hosts line for this server: [127.0.0.1]:port type key. */
    public String knownHostsLine() {
        String[] pub = HostTools.publicKey(hostKey).split(" ");
        return "[127.0.0.1]:" + port + " " + pub[0] + " " + pub[1];
    }

    /** Starts sshd (again, on the same port) and waits for its banner. */
    public synchronized void start() {
        // the watchdog reads its input until the harness's end closes (an orderly close or the harness's death)
        String script = "\"$0\" -D -e -f \"$1\" & s=$!\nwhile read -r _; do :; done\nkill $s 2>/dev/null\nwait $s\n";
        List<String> argv = List.of("/bin/sh", "-c", script, sshd.toString(), dir.resolve("sshd_config").toString());
        try {
            watchdog = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sshd.log").toFile())).start();
            lifeline = watchdog.getOutputStream();
        } catch (IOException e) {
            throw new PeerException("cannot start sshd: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!watchdog.isAlive()) {
                throw new PeerException("sshd exited at once: " + log().strip());
            }
            if (banner()) {
                return;
            }
            sleep(50);
        }
        kill();
        throw new PeerException("sshd did not answer on 127.0.0.1:" + port + " within 10 s: " + log().strip());
    }

    public synchronized boolean alive() {
        return watchdog != null && watchdog.isAlive();
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
        if (watchdog != null) {
            watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
            watchdog.destroyForcibly();
            try {
                lifeline.close();
            } catch (IOException e) {
                // already closed with the process
            }
            try {
                watchdog.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** sshd and the processes of its connections, for signals. */
    public synchronized List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        if (watchdog != null) {
            watchdog.descendants().forEach(h -> pids.add(h.pid()));
        }
        return pids;
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
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs anyway
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new PeerException("no free port on 127.0.0.1: " + e.getMessage(), e);
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
