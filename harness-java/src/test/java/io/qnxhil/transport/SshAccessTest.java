package io.qnxhil.transport;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.board.TransportConfig;
import io.qnxhil.deploy.Deployer;
import io.qnxhil.testing.AgentBinary;
import io.qnxhil.testing.BoardFiles;
import io.qnxhil.testing.EmbeddedSshServer;
import io.qnxhil.testing.OpenSshServer;
import io.qnxhil.testing.Peers;
import io.qnxhil.testing.ProjectPaths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SSH against a real OpenSSH sshd and an embedded Apache SSHD server: host keys, key types, bounded waits, uploads, deploy. */
class SshAccessTest {
    @TempDir
    static Path dir;
    static OpenSshServer openssh;
    static Path ed25519;
    static Path ecdsa;
    static Path rsa;
    static Path knownHosts;

    @BeforeAll
    static void peers() throws IOException {
        ed25519 = Peers.keyPair(dir, "id_ed25519", "ed25519");
        ecdsa = Peers.keyPair(dir, "id_ecdsa", "ecdsa");
        rsa = Peers.keyPair(dir, "id_rsa", "rsa");
        List<String> keys = List.of(Peers.publicKey(ed25519), Peers.publicKey(ecdsa), Peers.publicKey(rsa));
        Files.write(dir.resolve("authorized_keys"), keys);
        openssh = new OpenSshServer(dir.resolve("openssh"), keys);
        knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, openssh.knownHostsLine() + "\n");
    }

    @AfterAll
    static void stop() {
        if (openssh != null) {
            openssh.close();
        }
        BoardFiles.removeRemoteSimNodes();
    }

    static TransportConfig.Ssh ssh(int port, Path key, Path known, String fingerprint) {
        return new TransportConfig.Ssh("127.0.0.1", port, System.getProperty("user.name"), List.of(key), null, null,
                known, fingerprint, Duration.ofSeconds(5));
    }

    static SshConnection connect(TransportConfig.Ssh ssh) {
        return new SshConnection(ssh, Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    @Test
    void ed25519EcdsaAndRsaKeysAuthenticate() {
        for (Path key : List.of(ed25519, ecdsa, rsa)) {
            try (SshConnection c = connect(ssh(openssh.port(), key, knownHosts, null))) {
                RemoteShell.Result r = c.run("echo hello-$((6*7))", Duration.ofSeconds(10));
                assertEquals(0, r.exit(), key + ": " + r.err());
                assertEquals("hello-42\n", r.out(), key.toString());
                assertEquals(3, c.run("exit 3", Duration.ofSeconds(10)).exit());
            }
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprintAndHowToTrustIt() throws IOException {
        Path empty = dir.resolve("empty_known_hosts");
        Files.writeString(empty, "");
        String fp = fingerprint(openssh.hostKey());
        try (SshConnection c = connect(ssh(openssh.port(), ed25519, empty, null))) {
            AccessRefusedException e = assertThrows(AccessRefusedException.class, () -> c.run("true", Duration.ofSeconds(5)));
            String m = e.getMessage();
            assertTrue(m.contains("UNKNOWN HOST KEY for [127.0.0.1]:" + openssh.port()), m);
            assertTrue(m.contains(fp), "fingerprint " + fp + " in: " + m);
            assertTrue(m.contains("ssh-keyscan -p " + openssh.port()) && m.contains("host_key_fingerprint"), m);
        }
    }

    @Test
    void aChangedHostKeyIsRefusedNamingBothKeys() throws IOException {
        Path other = Peers.keyPair(dir, "other_host_key", "ed25519");
        String[] pub = Peers.publicKey(other).split(" ");
        Path changed = dir.resolve("changed_known_hosts");
        Files.writeString(changed, "[127.0.0.1]:" + openssh.port() + " " + pub[0] + " " + pub[1] + "\n");
        try (SshConnection c = connect(ssh(openssh.port(), ed25519, changed, null))) {
            AccessRefusedException e = assertThrows(AccessRefusedException.class, () -> c.run("true", Duration.ofSeconds(5)));
            String m = e.getMessage();
            assertTrue(m.contains("HOST KEY CHANGED"), m);
            assertTrue(m.contains(fingerprint(other)) && m.contains(fingerprint(openssh.hostKey())), m);
            assertTrue(m.contains("ssh-keygen -R"), m);
        }
        try (SshConnection c = connect(ssh(openssh.port(), ed25519, null, fingerprint(other)))) {
            AccessRefusedException e = assertThrows(AccessRefusedException.class, () -> c.run("true", Duration.ofSeconds(5)));
            assertTrue(e.getMessage().contains("HOST KEY MISMATCH"), e.getMessage());
        }
        try (SshConnection c = connect(ssh(openssh.port(), ed25519, null, fingerprint(openssh.hostKey())))) {
            assertEquals(0, c.run("true", Duration.ofSeconds(5)).exit(), "the pinned fingerprint is trusted");
        }
    }

    @Test
    void wrongCredentialsAreRefusedAtOnceNamingUserAndKey() {
        Path stranger = Peers.keyPair(dir, "id_stranger", "ed25519");
        long t0 = System.nanoTime();
        try (SshConnection c = new SshConnection(ssh(openssh.port(), stranger, knownHosts, null), Duration.ofSeconds(10),
                Duration.ofSeconds(30))) {
            AccessRefusedException e = assertThrows(AccessRefusedException.class, () -> c.run("true", Duration.ofSeconds(5)));
            assertTrue(e.getMessage().contains("authentication failed for user '" + System.getProperty("user.name") + "'"), e.getMessage());
            assertTrue(e.getMessage().contains(stranger.toString()), e.getMessage());
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofSeconds(20)) < 0,
                "a refusal is not retried for the whole reconnect window");
    }

    @Test
    void outputIsStreamedWhileTheCommandRuns() throws IOException {
        // The command waits for a file the line consumer creates on seeing its first line: it can only
        // finish if that line arrived while it was still running.
        Path flag = dir.resolve("streamed-flag");
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (SshConnection c = connect(ssh(openssh.port(), ed25519, knownHosts, null))) {
            RemoteShell.Result r = c.run("echo first; n=0; while [ ! -e " + flag + " ] && [ $n -lt 100 ]; do sleep 0.1;"
                    + " n=$((n+1)); done; [ -e " + flag + " ] && echo second", Duration.ofSeconds(30), line -> {
                        lines.add(line);
                        if (line.equals("first")) {
                            try {
                                Files.writeString(flag, "");
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    });
            assertEquals(0, r.exit(), r.out());
            assertEquals(List.of("first", "second"), lines);
        }
    }

    @Test
    void everyWaitIsBounded() {
        try (SshConnection c = connect(ssh(openssh.port(), ed25519, knownHosts, null))) {
            long t0 = System.nanoTime();
            TransportException e = assertThrows(TransportException.class, () -> c.run("sleep 30", Duration.ofMillis(800)));
            assertTrue(e.getMessage().contains("did not finish within 800 ms"), e.getMessage());
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(10).toNanos());
        }
        int closed = Peers.freePort();
        try (SshConnection c = new SshConnection(ssh(closed, ed25519, knownHosts, null), Duration.ofSeconds(2), Duration.ofSeconds(1))) {
            TransportException e = assertThrows(TransportException.class, () -> c.run("true", Duration.ofSeconds(1)));
            assertTrue(e.getMessage().contains("unreachable after"), e.getMessage());
        }
    }

    @Test
    void deployStoresByContentHashSkipsWhatIsThereAndRemovesStaleVersions() throws IOException {
        Path root = ProjectPaths.root();
        AgentBinary.requireBuilt(root.resolve("target-agent/build/nto800/qnx-hil-agent"));
        Path workdir = dir.resolve("deploy-board");
        Path stale = workdir.resolve("agents/" + "ab".repeat(32));
        Files.createDirectories(stale);
        Files.writeString(stale.resolve("qnx-hil-agent"), "old build");
        BoardConfig board = BoardConfigLoader.load(BoardFiles.simSsh(dir, openssh.port(), ed25519,
                "    known_hosts: " + knownHosts, workdir.toString()), root);
        try (SshConnection c = connect((TransportConfig.Ssh) board.transport())) {
            Deployer.Outcome first = new Deployer(board, c).deploy();
            assertTrue(first.uploaded());
            assertEquals("sftp", c.lastUploadMethod());
            assertEquals(List.of("ab".repeat(32)), first.removed());
            assertFalse(Files.exists(stale));
            Path installed = Path.of(first.remotePath());
            assertEquals(Deployer.sha256(Files.readAllBytes(board.access().agentBuild())), first.contentHash());
            assertTrue(installed.startsWith(workdir.resolve("agents/" + first.contentHash())), installed.toString());
            assertEquals("qnxsim", first.info().os());

            Deployer.Outcome second = new Deployer(board, c).deploy();
            assertFalse(second.uploaded(), "present and matching: no upload");
            assertEquals(first.remotePath(), second.remotePath());

            Files.write(installed, new byte[] {1, 2, 3}); // damaged on the board
            Deployer.Outcome third = new Deployer(board, c).deploy();
            assertTrue(third.uploaded(), "a copy that does not match is replaced");
            assertEquals(Files.size(board.access().agentBuild()), Files.size(installed));
        }
    }

    @Test
    void withoutSftpTheUploadFallsBackToScp() throws IOException {
        Path root = ProjectPaths.root();
        AgentBinary.requireBuilt(root.resolve("target-agent/build/nto800/qnx-hil-agent"));
        try (EmbeddedSshServer noSftp = new EmbeddedSshServer(dir, dir.resolve("authorized_keys"), false)) {
            BoardConfig board = BoardConfigLoader.load(BoardFiles.simSsh(dir, noSftp.port(), ecdsa,
                    "    host_key_fingerprint: \"" + noSftp.fingerprint() + "\"", dir.resolve("scp-board").toString()), root);
            try (SshConnection c = connect((TransportConfig.Ssh) board.transport())) {
                Deployer.Outcome o = new Deployer(board, c).deploy();
                assertTrue(o.uploaded());
                assertEquals("scp", c.lastUploadMethod());
                assertEquals(-1, Files.mismatch(board.access().agentBuild(), Path.of(o.remotePath())));
            }
        }
    }

    static String fingerprint(Path key) {
        String out = Peers.run(Duration.ofSeconds(10), "ssh-keygen", "-lf", key + (key.toString().endsWith(".pub") ? "" : ".pub"));
        return out.split(" ")[1];
    }
}
