package io.qnxhil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qnxhil.testing.AgentBinary;
import io.qnxhil.testing.BoardFiles;
import io.qnxhil.testing.ProjectPaths;
import io.qnxhil.testing.SimPeers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.qnxhil.testing.HarnessCli.Outcome;
import static io.qnxhil.testing.HarnessCli.harness;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulated boards with peers as a user meets them on a fresh clone: {@code harness run} and
 * {@code harness probe} on the example configs, with no set-up, and the peer gone afterwards.
 */
class SimPeerCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Path state;

    @BeforeAll
    static void peers() {
        AgentBinary.requireBuilt(ProjectPaths.root().resolve("target-agent/build/nto800/qnx-hil-agent"));
        SimPeers.requireAll();
        state = SimPeers.useStateRoot(dir.resolve("peers"));
    }

    @AfterAll
    static void clean() {
        SimPeers.restore();
        BoardFiles.removeRemoteSimNodes();
    }



    @Test
    void runOnTheSshExampleExitsZeroAndStopsItsPeer() throws IOException {
        Path runDir = dir.resolve("run-ssh");
        Outcome o = harness("run", "--board", ProjectPaths.boardConfigs().resolve("sim-ssh.yaml").toString(),
                "--run-dir", runDir.toString());
        assertEquals(Main.OK, o.exit(), o.out() + o.err());
        JsonNode summary = JSON.readTree(runDir.resolve("summary.json").toFile());
        assertTrue(summary.toString().contains("sim-ssh"), summary.toString());
        SimPeers.assertNoneLeft(state);
    }

    /** QNX's /tmp is /dev/shmem: the peers' too. The deploy's own message says so and what to set instead. */
    @Test
    void aWorkdirUnderTmpIsRefusedWithTheDeploysAdvice() throws IOException {
        Path board = BoardFiles.patched(dir, "sim-ssh-nto710.yaml",
                BoardFiles.map("^# workdir: .*$", "workdir: /tmp/qnx-hil-peer-" + ProcessHandle.current().pid()));
        Path runDir = dir.resolve("run-tmp");
        Outcome o = harness("run", "--board", board.toString(), "--run-dir", runDir.toString());
        assertEquals(Main.BROKEN_OR_USAGE, o.exit(), o.out() + o.err());
        String journal = Files.readString(runDir.resolve("journal.jsonl"));
        assertTrue(journal.contains("on QNX /tmp is often /dev/shmem, where no directory can be made"), journal);
        assertTrue(journal.contains("~/qnx-hil"), journal);
        assertFalse(Files.exists(Path.of("/tmp/qnx-hil-peer-" + ProcessHandle.current().pid())));
        SimPeers.assertNoneLeft(state);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sim-ssh.yaml", "sim-serial.yaml", "sim-ssh-nto710.yaml", "sim-serial-nto710.yaml"})
    void probeTellsTheUserlandsFacts(String example) throws IOException {
        Outcome o = harness("probe", "--board", ProjectPaths.boardConfigs().resolve(example).toString(), "--json");
        assertEquals(Main.OK, o.exit(), o.out() + o.err());
        JsonNode facts = JSON.readTree(o.out()).path("facts");
        String shell = facts.path("shell").path("value").toString();
        JsonNode utils = facts.path("utilities").path("value");
        String cksumFormat = facts.path("cksum.format").path("value").path("format").asText();
        if (example.contains("nto710")) {
            assertTrue(shell.contains("MIRBSD KSH"), shell);
            assertEquals("padded", cksumFormat, facts.toString());
            assertTrue(utils.path("base64").isNull() && utils.path("sha256sum").isNull(), utils.toString());
            assertEquals("unknown", facts.path("base64.decode").path("value").asText());
        } else {
            assertTrue(shell.contains("bash"), shell);
            assertEquals("plain", cksumFormat, facts.toString());
            // the basic commands are toybox's (its uname names itself), the only PATH the userland's bin
            assertTrue(facts.path("os.uname").path("value").asText().endsWith("Toybox"), facts.path("os.uname").toString());
            assertTrue(utils.path("base64").asText().endsWith("/userland/bin/base64"), utils.toString());
            assertTrue(facts.path("base64.decode").path("value").asBoolean(), facts.toString());
        }
        assertTrue(facts.path("cksum.format").path("value").path("posix_crc").asBoolean(), facts.toString());
        assertTrue(utils.path("cksum").asText().endsWith("/userland/bin/cksum"), utils.toString());
        int seen = 0;
        for (JsonNode w : facts.path("workdirs")) {
            String path = w.path("path").asText();
            if (path.equals("/tmp/qnx-hil")) {
                assertFalse(w.path("mkdir").asBoolean(), "no directories under /tmp: " + w);
                assertTrue(w.path("write").asBoolean(), "files under /tmp: " + w);
                seen++;
            } else if (path.startsWith(state.toString())) {
                assertTrue(path.matches(".*/data/home/[^/]+/qnx-hil"), path);
                assertTrue(w.path("mkdir").asBoolean() && w.path("write").asBoolean() && w.path("exec").asBoolean(),
                        "the home is the board's writable place: " + w);
                seen++;
            }
        }
        assertEquals(2, seen, "/tmp/qnx-hil and ~/qnx-hil probed: " + facts.path("workdirs"));
        if (example.startsWith("sim-serial")) {
            assertEquals(255, facts.path("console.max_canon").path("value").asInt(), "io-char's line limit");
        } else {
            assertTrue(facts.path("sftp").path("value").asBoolean(), "SFTP through the peer's login: " + facts.path("sftp"));
        }
        SimPeers.assertNoneLeft(state);
    }
}
