package io.qnxhil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qnxhil.testing.AgentBinary;
import io.qnxhil.testing.BoardFiles;
import io.qnxhil.testing.OpenSshServer;
import io.qnxhil.testing.Peers;
import io.qnxhil.testing.ProjectPaths;
import io.qnxhil.testing.VirtualConsole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import io.qnxhil.testing.HarnessCli.Outcome;
import static io.qnxhil.testing.HarnessCli.harness;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code harness run} through real peers while they fail: sshd killed and restarted mid-run, wrong
 * credentials, a peer that stops answering, a serial port closed underneath. Infrastructure trouble
 * is BROKEN (never FAIL), the run always finishes, and no run directory holds a password or key.
 */
class BoardAccessFaultTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static OpenSshServer openssh;
    static Path key;
    static Path knownHosts;

    @BeforeAll
    static void peers() throws IOException {
        AgentBinary.requireBuilt(ProjectPaths.root().resolve("target-agent/build/nto800/qnx-hil-agent"));
        key = Peers.keyPair(dir, "id_ed25519", "ed25519");
        openssh = new OpenSshServer(dir.resolve("openssh"), List.of(Peers.publicKey(key)));
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



    /** sim-ssh.yaml for the test sshd, with extra lines (timeouts) replacing the example's. */
    static Path sshBoard(Path sshKey, String name, String timeouts) throws IOException {
        Path b = BoardFiles.simSsh(dir, openssh.port(), sshKey, "    known_hosts: " + knownHosts,
                dir.resolve("board-" + name).toString());
        String text = Files.readString(b).replaceFirst("(?m)^name: .*$", "name: " + name);
        if (timeouts != null) {
            text = text.replaceFirst("(?m)^timeouts: .*$", "timeouts: " + timeouts);
        }
        Files.writeString(b, text);
        return b;
    }

    /** The final result of each scenario on each board (a retried scenario's last attempt), in run order. */
    static List<JsonNode> scenarios(Path runDir) throws IOException {
        java.util.Map<String, JsonNode> last = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(runDir.resolve("journal.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            if (n.has("scenario") && n.has("verdict")) {
                last.put(n.path("board").asText() + " " + n.path("scenario").asText(), n);
            }
        }
        return new ArrayList<>(last.values());
    }

    /** "id VERDICT: reason" lines, for assertion messages. */
    static String brief(List<JsonNode> results) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode r : results) {
            String reason = r.path("reason").asText();
            sb.append('\n').append(r.path("board").asText()).append(' ').append(r.path("scenario").asText()).append(' ')
                    .append(r.path("verdict").asText()).append(": ").append(reason.length() > 300 ? reason.substring(0, 300) : reason);
        }
        return sb.toString();
    }

    static long journalScenarios(Path runDir, String board) {
        try {
            return Files.exists(runDir.resolve("journal.jsonl")) ? scenarios(runDir).stream()
                    .filter(r -> board == null || r.path("board").asText().equals(board)).count() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    static Path plan(String name) {
        try {
            return name.equals("smoke") ? ProjectPaths.plans().resolve("smoke.yaml")
                    : Path.of(BoardAccessFaultTest.class.getResource("/plans/" + name + ".yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code action} once the journal holds {@code after} scenario results. */
    static Thread when(Path runDir, int after, Runnable action) {
        return when(runDir, null, after, action);
    }

    /** Runs {@code action} once the journal holds {@code after} scenario results of {@code board} (null: any). */
    static Thread when(Path runDir, String board, int after, Runnable action) {
        Thread t = new Thread(() -> {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (journalScenarios(runDir, board) < after && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
            action.run();
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    @Timeout(240) // a wait that is not bounded fails here instead of hanging the build
    void sshdKilledMidRunAndRestartedTheRunReconnectsAndCompletes() throws Exception {
        Path board = sshBoard(key, "sim-ssh-reboot", "{step_ms: 5000, scenario_ms: 20000, connect_ms: 5000, command_ms: 20000, reconnect_ms: 30000}");
        Path runDir = dir.resolve("run-reboot");
        Thread reboot = when(runDir, 2, () -> {
            openssh.kill(); // the board goes down with every session and the agent on it
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                return;
            }
            openssh.start(); // and comes back
        });
        Outcome o = harness("run", "--plan", plan("model-rules").toString(), "--board", board.toString(),
                "--run-dir", runDir.toString(), "--no-html");
        reboot.join(10_000);
        List<JsonNode> results = scenarios(runDir);
        assertEquals(9, results.size(), "every scenario has a result\n" + o.out() + o.err());
        long pass = results.stream().filter(r -> r.get("verdict").asText().equals("PASS")).count();
        List<String> broken = results.stream().filter(r -> r.get("verdict").asText().equals("BROKEN"))
                .map(r -> r.get("scenario").asText() + ": " + r.get("reason").asText()).toList();
        assertTrue(results.stream().noneMatch(r -> r.get("verdict").asText().equals("FAIL")), "never FAIL: " + brief(results));
        assertTrue(broken.size() <= 1, "at most the scenario running when sshd died is BROKEN: " + broken);
        assertEquals(9 - broken.size(), pass);
        assertEquals("PASS", results.get(results.size() - 1).get("verdict").asText(), "the run went on after the reboot");
        assertNoSecrets(runDir);
    }

    @Test
    @Timeout(240) // a wait that is not bounded fails here instead of hanging the build
    void wrongCredentialsAreAClearErrorWithExitStatus2() throws Exception {
        Path stranger = Peers.keyPair(dir, "id_stranger", "ed25519");
        Path board = sshBoard(stranger, "sim-ssh-badkey", null);
        Path runDir = dir.resolve("run-badkey");
        Outcome o = harness("run", "--board", board.toString(), "--run-dir", runDir.toString(), "--no-html");
        assertEquals(Main.BROKEN_OR_USAGE, o.exit(), o.out() + o.err());
        List<JsonNode> results = scenarios(runDir);
        assertEquals(4, results.size());
        for (JsonNode r : results) {
            assertEquals("BROKEN", r.get("verdict").asText());
            assertTrue(r.get("reason").asText().contains("authentication failed for user"), r.get("reason").asText());
        }
        long healthChecks = io.qnxhil.run.Journal.read(runDir).stream()
                .filter(r -> "board-health-failed".equals(r.path("type").asText())).count();
        assertEquals(1, healthChecks, "a refusal is never retried (the run's default is one retry)");
        assertNoSecrets(runDir);
    }

    @Test
    @Timeout(240) // a wait that is not bounded fails here instead of hanging the build
    void aPeerThatStopsAnsweringIsBrokenNotFailedAndTheRestOfTheRunGoesOn() throws Exception {
        Path board = sshBoard(key, "sim-ssh-frozen",
                "{step_ms: 2000, scenario_ms: 4000, connect_ms: 2000, command_ms: 5000, reconnect_ms: 2000}");
        Files.writeString(board, Files.readString(board).replace("keepalive_ms: 5000", "keepalive_ms: 500"));
        Path runDir = dir.resolve("run-frozen");
        Thread freeze = when(runDir, "sim-ssh-frozen", 1, () -> openssh.freeze(true));
        Outcome o;
        try {
            o = harness("run", "--board", board.toString(), "--board", ProjectPaths.boardConfigs().resolve("sim.yaml").toString(),
                    "--run-dir", runDir.toString(), "--no-html");
        } finally {
            freeze.join(10_000);
            openssh.freeze(false);
        }
        assertEquals(Main.BROKEN_OR_USAGE, o.exit(), o.out() + o.err());
        List<JsonNode> results = scenarios(runDir);
        assertEquals(8, results.size(), "both boards ran the plan to the end\n" + o.out());
        List<JsonNode> frozen = results.stream().filter(r -> r.get("board").asText().equals("sim-ssh-frozen")).toList();
        List<JsonNode> local = results.stream().filter(r -> r.get("board").asText().equals("sim")).toList();
        assertTrue(local.stream().allMatch(r -> r.get("verdict").asText().equals("PASS")), "the other board is unaffected: " + brief(local));
        assertTrue(frozen.stream().noneMatch(r -> r.get("verdict").asText().equals("FAIL")), "never FAIL: " + brief(frozen));
        assertEquals("PASS", frozen.get(0).get("verdict").asText(), "before the freeze: " + brief(frozen));
        List<JsonNode> broken = frozen.stream().filter(r -> r.get("verdict").asText().equals("BROKEN")).toList();
        assertEquals(3, broken.size(), "the scenarios after the freeze are BROKEN: " + brief(frozen));
        // the transport's own bounds noticed (keepalive, connect timeouts), not the engine's last-resort limit
        assertTrue(broken.stream().skip(1).allMatch(r -> r.get("reason").asText().contains("ssh ")
                && !r.get("reason").asText().contains("abandoned")), "detected by the SSH transport: " + brief(broken));
    }

    @Test
    @Timeout(240) // a wait that is not bounded fails here instead of hanging the build
    void aSerialPortClosedUnderneathIsDetectedAndReported() throws Exception {
        try (VirtualConsole console = new VirtualConsole(dir.resolve("console-vanish"), 5, 11, 0)) {
            Path board = BoardFiles.simSerial(dir, console, dir.resolve("board-serial-vanish").toString());
            Files.writeString(board, Files.readString(board)
                    .replaceFirst("(?m)^timeouts: .*$", "timeouts: {step_ms: 5000, scenario_ms: 20000, connect_ms: 5000, command_ms: 20000, reconnect_ms: 1000}"));
            Path runDir = dir.resolve("run-vanish");
            Thread unplug = when(runDir, 1, console::vanish);
            long t0 = System.nanoTime();
            Outcome o = harness("run", "--board", board.toString(), "--run-dir", runDir.toString(), "--no-html");
            unplug.join(10_000);
            assertEquals(Main.BROKEN_OR_USAGE, o.exit(), o.out() + o.err());
            List<JsonNode> results = scenarios(runDir);
            assertEquals(4, results.size());
            assertEquals("PASS", results.get(0).get("verdict").asText());
            List<JsonNode> broken = results.stream().filter(r -> r.get("verdict").asText().equals("BROKEN")).toList();
            assertTrue(broken.size() >= 2, "after the port vanished: " + brief(results));
            assertTrue(broken.get(0).get("reason").asText().contains("the port closed underneath"),
                    "the first reason says the port went away: " + brief(broken));
            assertTrue(broken.stream().skip(1).allMatch(r -> r.get("reason").asText().contains("no such device")), brief(broken));
            assertTrue(results.stream().noneMatch(r -> r.get("verdict").asText().equals("FAIL")), brief(results));
            assertTrue(System.nanoTime() - t0 < 60_000_000_000L, "detected, not waited out");
            assertNoSecrets(runDir, console.password());
        }
    }

    /** No password, private key or key body anywhere in the run directory. */
    static void assertNoSecrets(Path runDir, String... passwords) throws IOException {
        List<String> forbidden = new ArrayList<>(List.of(passwords));
        forbidden.add("PRIVATE KEY");
        for (Path k : List.of(key)) {
            String body = Files.readString(k).lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
            byte[] raw = Base64.getMimeDecoder().decode(body);
            forbidden.add(body.substring(0, 40));
            forbidden.add(Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(raw, raw.length - 48, raw.length - 18)));
        }
        try (Stream<Path> files = Files.walk(runDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String s : forbidden) {
                    assertFalse(text.contains(s), f + " contains secret material (" + s.substring(0, 6) + "...)");
                }
            }
        }
    }
}
