package io.qnxhil.cli;

import io.qnxhil.testing.HarnessCli;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qnxhil.testing.BoardFiles;
import io.qnxhil.testing.EmbeddedSshServer;
import io.qnxhil.testing.OpenSshServer;
import io.qnxhil.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code harness probe} over real SSH servers (OpenSSH with SFTP, Apache SSHD without): output, JSON, exit status. */
class ProbeCommandTest {
    @TempDir
    Path dir;

    @Test
    void probesOverOpenSshAndExitsTwoWhenTheBoardIsGone() throws IOException {
        Path key = Peers.keyPair(dir, "id_ed25519", "ed25519");
        try (OpenSshServer sshd = new OpenSshServer(dir.resolve("sshd"), List.of(Peers.publicKey(key)))) {
            Path known = dir.resolve("known_hosts");
            Files.writeString(known, sshd.knownHostsLine() + "\n");
            Path board = BoardFiles.simSsh(dir, sshd.port(), key, "    known_hosts: " + known, dir.resolve("wd").toString());
            Path json = dir.resolve("out/facts.json");
            HarnessCli.Outcome ok = HarnessCli.harness("probe", "--board", board.toString(),
                    "--out", json.toString());
            assertEquals(Main.OK, ok.exit(), ok.out() + ok.err());
            assertTrue(ok.out().contains("what it means for the harness"), ok.out());
            assertTrue(ok.out().contains("workdir: " + dir.resolve("wd")), ok.out());
            JsonNode facts = new ObjectMapper().readTree(json.toFile()).get("facts");
            assertEquals(true, facts.get("sftp").get("value").asBoolean());
            assertEquals("unknown", facts.get("console.max_canon").get("value").asText());
            assertEquals("unknown", facts.get("clock.hz").get("value").asText(), "nothing deployed: never deployed by probe");
            assertFalse(Files.exists(dir.resolve("wd")), "probe leaves no workdir behind");
            HarnessCli.Outcome asJson = HarnessCli.harness("probe", "--board", board.toString(), "--json");
            assertEquals(Main.OK, asJson.exit(), asJson.err());
            assertEquals("ssh", new ObjectMapper().readTree(asJson.out()).get("link").asText().split(" ")[0]);
            sshd.kill();
            Path down = dir.resolve("down.yaml");
            Files.writeString(down, Files.readString(board).replaceFirst("(?m)^timeouts: .*$",
                    "timeouts: {connect_ms: 1000, reconnect_ms: 500}"));
            HarnessCli.Outcome gone = HarnessCli.harness("probe", "--board", down.toString());
            assertEquals(Main.BROKEN_OR_USAGE, gone.exit());
            assertTrue(gone.err().contains("probe failed") && gone.err().contains("unreachable"), gone.err());
        }
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "name: x\n");
        HarnessCli.Outcome bad = HarnessCli.harness("probe", "--board", broken.toString());
        assertEquals(Main.BROKEN_OR_USAGE, bad.exit());
        assertTrue(bad.err().contains(broken + ":1"), bad.err());
    }

    @Test
    void aServerWithoutSftpIsReportedAsScpOnly() throws IOException {
        Path key = Peers.keyPair(dir, "id_ed25519", "ed25519");
        Files.writeString(dir.resolve("authorized_keys"), Peers.publicKey(key) + "\n");
        try (EmbeddedSshServer server = new EmbeddedSshServer(dir, dir.resolve("authorized_keys"), false)) {
            Path board = BoardFiles.simSsh(dir, server.port(), key,
                    "    host_key_fingerprint: \"" + server.fingerprint() + "\"", dir.resolve("wd").toString());
            HarnessCli.Outcome o = HarnessCli.harness("probe", "--board", board.toString(), "--json");
            assertEquals(Main.OK, o.exit(), o.out() + o.err());
            JsonNode sftp = new ObjectMapper().readTree(o.out()).get("facts").get("sftp");
            assertEquals(false, sftp.get("value").asBoolean());
            assertTrue(sftp.get("meaning").asText().contains("SCP"), sftp.toString());
        }
    }
}
