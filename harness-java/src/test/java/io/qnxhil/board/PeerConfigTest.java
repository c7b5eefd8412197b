package io.qnxhil.board;

import io.qnxhil.plan.ConfigException;
import io.qnxhil.testing.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.qnxhil.testing.ConfigErrors.assertNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code peer:} in a board config: the simulated board's own peer, and what it leaves to the peer. */
class PeerConfigTest {
    @TempDir
    Path dir;

    private static final String HEAD = """
            name: p
            os: qnxsim
            release: "8.0"
            arch: x86_64
            """;

    private Path write(String text) throws IOException {
        Path f = dir.resolve("board.yaml");
        Files.writeString(f, text);
        return f;
    }

    private ConfigException failure(String text) throws IOException {
        Path f = write(text);
        return assertThrows(ConfigException.class, () -> BoardConfigLoader.load(f, dir));
    }

    @Test
    void theExamplesNameTheirUserlandsAndLeaveAddressesToThePeer() {
        Path root = ProjectPaths.root();
        BoardConfig ssh = BoardConfigLoader.load(root.resolve("board-configs/sim-ssh.yaml"), root);
        assertEquals("qsti-8.0", ssh.peer().userland());
        assertEquals(BoardAccess.DEFAULT_WORKDIR, ssh.access().workdir());
        assertEquals(root.resolve("target-agent/build/peer/libqnxsim-shmem-tmp.so"), ssh.peer().shmemShim());
        assertInstanceOf(TransportConfig.Ssh.class, ssh.transport());
        BoardConfig serial = BoardConfigLoader.load(root.resolve("board-configs/sim-serial-nto710.yaml"), root);
        assertEquals("qnx-7.1", serial.peer().userland());
        assertEquals(new PeerConfig.Console(true, 0.1, 0), serial.peer().console());
        assertEquals("7.1", serial.release());
        assertNull(BoardConfigLoader.load(root.resolve("board-configs/sim.yaml"), root).peer());
    }

    @Test
    void aStartedPeerGivesTheBoardItsTransportAndNoPeerToStart() throws IOException {
        BoardConfig c = BoardConfigLoader.load(write(HEAD + "peer: {userland: host}\ntransport: {ssh: {}}\n"), dir);
        var real = new TransportConfig.Ssh("127.0.0.1", 2200, "u", java.util.List.of(dir.resolve("k")), null, null,
                dir.resolve("kh"), null, java.time.Duration.ofSeconds(1));
        BoardConfig reached = c.reachedThrough(real);
        assertEquals(real, reached.transport());
        assertNull(reached.peer());
        assertEquals(c.name(), reached.name());
        assertEquals(c.access(), reached.access());
    }

    @Test
    void aPeerStandsInOnlyForTheSimulatedBoard() throws IOException {
        String text = HEAD.replace("os: qnxsim", "os: qnx") + "peer: {userland: qsti-8.0}\ntransport: {ssh: {}}\n";
        assertNames(failure(text), dir.resolve("board.yaml"), 5, "peer");
    }

    @Test
    void anUnknownUserlandIsNamedWithTheKnownOnes() throws IOException {
        ConfigException e = failure(HEAD + "peer: {userland: qnx-6.6}\ntransport: {ssh: {}}\n");
        assertNames(e, dir.resolve("board.yaml"), 5, "peer.userland");
        assertTrue(e.getMessage().contains("qsti-8.0, qnx-7.1, host"), e.getMessage());
    }

    @Test
    void whatThePeerProvidesCannotBeConfigured() throws IOException {
        ConfigException port = failure(HEAD + "peer: {userland: qsti-8.0}\ntransport:\n  ssh:\n    port: 2222\n");
        assertNames(port, dir.resolve("board.yaml"), 8, "transport.ssh.port");
        assertTrue(port.getMessage().contains("set by the simulated peer"), port.getMessage());
        ConfigException path = failure(HEAD + "peer: {userland: qsti-8.0}\ntransport:\n  serial: {path: /dev/ttyUSB0}\n");
        assertNames(path, dir.resolve("board.yaml"), 7, "transport.serial.path");
        ConfigException local = failure(HEAD + "peer: {userland: host}\ntransport: {local: {agent: a}}\n");
        assertNames(local, dir.resolve("board.yaml"), 5, "peer");
        ConfigException power = failure(HEAD + "peer: {userland: host}\ntransport: {ssh: {}}\npower: {manual: {instructions: x}}\n");
        assertNames(power, dir.resolve("board.yaml"), 7, "power");
    }

    @Test
    void consoleOptionsAreForSerialPeersAndChecked() throws IOException {
        assertNames(failure(HEAD + "peer: {userland: host, console: {strict: true}}\ntransport: {ssh: {}}\n"),
                dir.resolve("board.yaml"), 5, "peer.console");
        assertNames(failure(HEAD + "peer:\n  userland: host\n  console: {noise_lines: 2}\ntransport: {serial: {}}\n"),
                dir.resolve("board.yaml"), 7, "peer.console.noise_lines");
        BoardConfig ok = BoardConfigLoader.load(write(HEAD + "peer:\n  userland: host\n  console: {strict: false, baud: 115200}\n"
                + "transport: {serial: {transfer: printf}}\n"), dir);
        assertEquals(new PeerConfig.Console(false, 0, 115200), ok.peer().console());
        assertEquals("printf", ((TransportConfig.Serial) ok.transport()).transfer());
    }
}
