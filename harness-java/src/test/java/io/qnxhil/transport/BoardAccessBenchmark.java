package io.qnxhil.transport;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.board.TransportConfig;
import io.qnxhil.deploy.Deployer;
import io.qnxhil.plan.Plan;
import io.qnxhil.plan.PlanLoader;
import io.qnxhil.run.BoardSession;
import io.qnxhil.run.BoardSessions;
import io.qnxhil.run.ScenarioResult;
import io.qnxhil.run.Verdict;
import io.qnxhil.testing.AgentBinary;
import io.qnxhil.testing.BoardFiles;
import io.qnxhil.testing.OpenSshServer;
import io.qnxhil.testing.Peers;
import io.qnxhil.testing.ProjectPaths;
import io.qnxhil.testing.VirtualConsole;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Board-access figures, printed (never asserted): cached deploy time, per-scenario overhead over SSH
 * against local in one run, and serial-console transfer throughput and deploy time against the
 * 115200-baud line rate, on a polite console and on one as strict as a QNX board's, in one run.
 * Not part of the normal tests; run with:
 *
 * <pre>taskset -c 1 mvn -pl harness-java test -Dgroups=benchmark -Dqnxhil.excludedGroups= -Dtest=BoardAccessBenchmark</pre>
 *
 * (taskset pins Maven, the JVM, sshd, the virtual console and every agent to one vCPU.)
 */
@Tag("benchmark")
class BoardAccessBenchmark {
    static final int LINE_RATE = 115200 / 10; // bytes a second at 115200 baud, 8N1

    @TempDir
    Path dir;

    @Test
    void cachedDeployAndScenarioOverheadOverSsh() throws IOException {
        Path root = ProjectPaths.root();
        AgentBinary.requireBuilt(root.resolve("target-agent/build/nto800/qnx-hil-agent"));
        System.out.println("# cpus allowed: " + cpus());
        Path key = Peers.keyPair(dir, "id_ed25519", "ed25519");
        try (OpenSshServer sshd = new OpenSshServer(dir.resolve("sshd"), List.of(Peers.publicKey(key)))) {
            Path known = dir.resolve("known_hosts");
            Files.writeString(known, sshd.knownHostsLine() + "\n");
            Path boardFile = BoardFiles.simSsh(dir, sshd.port(), key, "    known_hosts: " + known, dir.resolve("board").toString());
            BoardConfig board = BoardConfigLoader.load(boardFile, root);
            try (SshConnection c = new SshConnection((TransportConfig.Ssh) board.transport(), Duration.ofSeconds(10), Duration.ofSeconds(10))) {
                Deployer.Outcome first = new Deployer(board, c).deploy();
                long[] cached = new long[15];
                for (int i = 0; i < cached.length; i++) {
                    Deployer.Outcome o = new Deployer(board, c).deploy();
                    assertEquals(false, o.uploaded());
                    cached[i] = o.took().toMillis();
                }
                System.out.printf("# deploy over OpenSSH (loopback): first (upload %d bytes) %d ms; cached (hash check + info + stale sweep) median %d ms, min %d, max %d over %d%n",
                        Files.size(board.access().agentBuild()), first.took().toMillis(), median(cached), min(cached), max(cached), cached.length);
            }
            Plan plan = PlanLoader.load(ProjectPaths.plans().resolve("smoke.yaml"));
            BoardConfig local = BoardConfigLoader.load(ProjectPaths.boardConfigs().resolve("sim.yaml"), root);
            List<Long> localMs = new ArrayList<>();
            List<Long> sshMs = new ArrayList<>();
            try (BoardSession l = BoardSessions.open(local, root); BoardSession s = BoardSessions.open(board, root)) {
                for (int round = 0; round < 8; round++) { // interleaved, so both see the same machine load
                    for (var sc : plan.scenarios()) {
                        localMs.add(timed(l, sc));
                        sshMs.add(timed(s, sc));
                    }
                }
            }
            long[] lm = localMs.stream().mapToLong(Long::longValue).toArray();
            long[] sm = sshMs.stream().mapToLong(Long::longValue).toArray();
            long[] diff = new long[lm.length];
            for (int i = 0; i < lm.length; i++) {
                diff[i] = sm[i] - lm[i];
            }
            System.out.printf("# per-scenario time, smoke plan x8 interleaved (%d scenarios each): local median %.1f ms, ssh median %.1f ms;"
                            + " overhead (paired ssh - local) median %.1f ms, ratio %.2f%n",
                    lm.length, median(lm) / 1000.0, median(sm) / 1000.0, median(diff) / 1000.0, (double) median(sm) / median(lm));
        }
    }

    private static long timed(BoardSession s, io.qnxhil.plan.Scenario sc) {
        long t0 = System.nanoTime();
        ScenarioResult r = s.execute(sc);
        long us = (System.nanoTime() - t0) / 1000;
        assertEquals(Verdict.PASS, r.verdict(), r.reason());
        return us;
    }

    @Test
    void serialTransferThroughputAndDeployAtTheLineRate() throws IOException {
        Path root = ProjectPaths.root();
        Path build = root.resolve("target-agent/build/nto800/qnx-hil-agent");
        AgentBinary.requireBuilt(build);
        System.out.println("# cpus allowed: " + cpus());
        byte[] agent = Files.readAllBytes(build);
        byte[] payload = Arrays.copyOf(agent, 64 * 1024); // real content: the start of the agent binary
        Path local = dir.resolve("payload");
        Files.write(local, payload);
        // Each virtual console paces each direction to 11,520 bytes/s (115200 baud, 10 bits a byte), as a UART does.
        // polite: a Linux pty's line discipline, sh; strict: io-char's 256-byte lines and 2 KiB input buffer, bash,
        // and a kernel message in one output line of ten at a random byte.
        for (String kind : List.of("polite", "strict")) {
            Path vcDir = dir.resolve("vc-" + kind);
            try (VirtualConsole vc = kind.equals("strict") ? VirtualConsole.strict(vcDir, 1, 0.1, 115200, "bash")
                    : new VirtualConsole(vcDir, 0, 1, 115200)) {
                Path boardFile = BoardFiles.simSerial(dir, vc, dir.resolve("board-" + kind).toString());
                BoardConfig board = BoardConfigLoader.load(boardFile, root);
                TransportConfig.Serial serial = (TransportConfig.Serial) board.transport();
                try (SerialConsole console = SerialConsole.open(serial, Duration.ofSeconds(20))) {
                    for (ConsoleTransfer.Mode mode : ConsoleTransfer.Mode.values()) {
                        Path remote = dir.resolve("remote-" + kind + "-" + mode);
                        ConsoleTransfer.Stats s = new ConsoleTransfer(console, serial).upload(local, remote.toString(), mode);
                        assertEquals(-1, Files.mismatch(local, remote));
                        double bps = s.bytes() / (s.took().toNanos() / 1e9);
                        System.out.printf("# %s console: upload %-6s %d bytes in %.1f s: %.0f B/s = %.1f%% of the 115200-baud"
                                        + " line rate (%d chunks of %d, %d characters typed = %.2f per byte, %d chunks again)%n",
                                kind, mode, s.bytes(), s.took().toNanos() / 1e9, bps, 100 * bps / LINE_RATE, s.chunks(),
                                serial.chunkBytes(), s.sentBytes(), (double) s.sentBytes() / s.bytes(), s.retries());
                    }
                    Deployer.Outcome d = new Deployer(board, console).deploy();
                    System.out.printf("# %s console: fresh deploy of the agent (%d bytes) %.1f s%n", kind, agent.length,
                            d.took().toNanos() / 1e9);
                }
            }
        }
    }

    private static String cpus() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Cpus_allowed_list"))
                    .map(l -> l.replaceAll(".*:\\s*", "")).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static long min(long[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    private static long max(long[] v) {
        return Arrays.stream(v).max().orElse(0);
    }
}
