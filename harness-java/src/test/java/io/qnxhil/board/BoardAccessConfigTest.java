package io.qnxhil.board;

import io.qnxhil.plan.ConfigException;
import io.qnxhil.testing.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.qnxhil.testing.ConfigErrors.assertNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The board-access part of the schema: ssh, serial, power, health, workdir, timeouts, secrets by reference. */
class BoardAccessConfigTest {
    @TempDir
    Path dir;

    private static final String HEAD = """
            name: t
            os: qnx
            release: "8.0"
            arch: aarch64le
            """;
    private static final String SSH = HEAD + """
            transport:
              ssh:
                host: 10.0.0.7
                user: qnxuser
                identity: /keys/id_ed25519
                known_hosts: /keys/known_hosts
            """;

    private Path write(String text) throws IOException {
        Path f = dir.resolve("board.yaml");
        Files.writeString(f, text);
        return f;
    }

    private BoardConfig load(String text) throws IOException {
        return BoardConfigLoader.load(write(text), dir);
    }

    private ConfigException failure(String text) throws IOException {
        Path f = write(text);
        return assertThrows(ConfigException.class, () -> BoardConfigLoader.load(f, dir));
    }

    @Test
    void everyExampleBoardConfigLoads() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(ProjectPaths.boardConfigs())) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 8, "examples: " + files);
        for (Path f : files) {
            BoardConfig c = BoardConfigLoader.load(f, ProjectPaths.root());
            assertEquals(f, c.file());
        }
        Path root = ProjectPaths.root();
        BoardConfig rpi = BoardConfigLoader.load(root.resolve("board-configs/rpi4-ssh.yaml"), root);
        assertEquals(root.resolve("target-agent/build/qnx-aarch64le/qnx-hil-agent"), rpi.access().agentBuild());
        assertInstanceOf(PowerConfig.Command.class, rpi.access().power());
        assertEquals(2, rpi.access().healthRetries());
        var ssh = assertInstanceOf(TransportConfig.Ssh.class, rpi.transport());
        assertEquals(new Secret.FromEnv("QNXHIL_KEY_PASSPHRASE"), ssh.passphrase());
        BoardConfig serial = BoardConfigLoader.load(root.resolve("board-configs/rpi4-serial.yaml"), root);
        var s = assertInstanceOf(TransportConfig.Serial.class, serial.transport());
        assertEquals("A50285BI", s.usbSerial());
        assertNull(s.path());
        assertInstanceOf(PowerConfig.Manual.class, serial.access().power());
        BoardConfig qemu = BoardConfigLoader.load(root.resolve("board-configs/x86_64-qemu.yaml"), root);
        assertInstanceOf(PowerConfig.Qemu.class, qemu.access().power());
        BoardConfig x86 = BoardConfigLoader.load(root.resolve("board-configs/x86_64-ssh.yaml"), root);
        assertEquals(2, ((TransportConfig.Ssh) x86.transport()).identities().size());
        assertEquals(root.resolve("target-agent/build-sdp710/qnx-x86_64/qnx-hil-agent"), x86.access().agentBuild());
        BoardConfig simSsh = BoardConfigLoader.load(root.resolve("board-configs/sim-ssh.yaml"), root);
        assertEquals(root.resolve("target-agent/build/nto800/qnx-hil-agent"), simSsh.access().agentBuild());
    }

    @Test
    void sshDefaultsAndTimeouts() throws IOException {
        BoardConfig c = load(SSH + "timeouts: {connect_ms: 7000, command_ms: 8000, reconnect_ms: 9000}\nworkdir: /data/qh\n");
        var ssh = (TransportConfig.Ssh) c.transport();
        assertEquals(22, ssh.port());
        assertEquals(Duration.ofSeconds(10), ssh.keepalive());
        assertEquals(List.of(Path.of("/keys/id_ed25519")), ssh.identities());
        assertEquals(Duration.ofSeconds(7), c.access().connectTimeout());
        assertEquals(Duration.ofSeconds(8), c.access().commandTimeout());
        assertEquals(Duration.ofSeconds(9), c.access().reconnectTimeout());
        assertEquals("/data/qh", c.access().workdir());
        assertInstanceOf(PowerConfig.None.class, c.access().power());
    }

    @Test
    void aPasswordWrittenIntoTheConfigIsRefusedWithFileLineAndField() throws IOException {
        ConfigException e = failure(SSH + "    password: hunter2\n");
        assertNames(e, dir.resolve("board.yaml"), 11, "transport.ssh.password");
        assertTrue(e.getMessage().contains("{env: VARIABLE} or {file: PATH}"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), "the message never repeats the secret: " + e.getMessage());
        ConfigException both = failure(SSH + "    password: {env: A, file: /x}\n");
        assertEquals("transport.ssh.password", both.field());
        ConfigException badName = failure(SSH + "    password: {env: 'NOT A NAME'}\n");
        assertEquals("transport.ssh.password.env", badName.field());
    }

    @Test
    void anUnknownHostKeyCannotBeConfiguredAway() throws IOException {
        ConfigException e = failure(SSH.replace("    known_hosts: /keys/known_hosts\n", ""));
        assertNames(e, dir.resolve("board.yaml"), 7, "transport.ssh");
        assertTrue(e.getMessage().contains("known_hosts or host_key_fingerprint"), e.getMessage());
        ConfigException fp = failure(SSH + "    host_key_fingerprint: \"SHA256:short\"\n");
        assertNames(fp, dir.resolve("board.yaml"), 11, "transport.ssh.host_key_fingerprint");
        ConfigException port = failure(SSH + "    port: 70000\n");
        assertNames(port, dir.resolve("board.yaml"), 11, "transport.ssh.port");
        ConfigException noCredentials = failure(SSH.replace("    identity: /keys/id_ed25519\n", ""));
        assertTrue(noCredentials.getMessage().contains("identity"), noCredentials.getMessage());
    }

    @Test
    void serialPortIsNamedExactlyOnceWithAStandardRate() throws IOException {
        String serial = HEAD + """
                transport:
                  serial:
                    path: /dev/ttyUSB0
                    baud: 115200
                    login: {user: root, password: {file: /secrets/console}}
                """;
        var s = (TransportConfig.Serial) load(serial).transport();
        assertEquals("8N1", s.framing());
        assertEquals("auto", s.transfer());
        assertEquals(new Secret.FromFile(Path.of("/secrets/console")), s.password());
        ConfigException two = failure(serial.replace("    baud: 115200\n", "    baud: 115200\n    usb_serial: A1\n"));
        assertNames(two, dir.resolve("board.yaml"), 7, "transport.serial");
        assertTrue(two.getMessage().contains("exactly one of path, usb_serial, location"), two.getMessage());
        ConfigException baud = failure(serial.replace("115200", "115201"));
        assertNames(baud, dir.resolve("board.yaml"), 8, "transport.serial.baud");
        ConfigException framing = failure(serial + "    framing: 9X1\n");
        assertEquals("transport.serial.framing", framing.field());
        ConfigException transfer = failure(serial + "    transfer: zmodem\n");
        assertEquals("transport.serial.transfer", transfer.field());
        ConfigException prompt = failure(serial + "    shell_prompt: \"[#\"\n");
        assertEquals("transport.serial.shell_prompt", prompt.field());
    }

    @Test
    void powerAndHealth() throws IOException {
        BoardConfig c = load(SSH + """
                power:
                  command: {on: [pdu, "on", "3"], off: [pdu, "off", "3"], off_time_ms: 100}
                health: {retries: 3, boot_wait_ms: 1000}
                """);
        var p = (PowerConfig.Command) c.access().power();
        assertEquals(List.of("pdu", "on", "3"), p.on());
        assertEquals(List.of(), p.cycle());
        assertEquals(3, c.access().healthRetries());
        ConfigException noDriver = failure(SSH + "health: {retries: 1}\n");
        assertNames(noDriver, dir.resolve("board.yaml"), 11, "health.retries");
        ConfigException two = failure(SSH + "power: {manual: {instructions: x}, qemu: {command: [q]}}\n");
        assertNames(two, dir.resolve("board.yaml"), 11, "power");
        ConfigException emptyCommand = failure(SSH + "power: {command: {on: [], off: [x]}}\n");
        assertEquals("power.command.on", emptyCommand.field());
        ConfigException workdir = failure(SSH + "workdir: relative/dir\n");
        assertNames(workdir, dir.resolve("board.yaml"), 11, "workdir");
    }

    @Test
    void secretsAreReadOnlyWhenNeededAndNeverPrinted() throws IOException {
        Path f = dir.resolve("pw");
        Files.writeString(f, "s3cret-value\n");
        Secret file = new Secret.FromFile(f);
        assertEquals("s3cret-value", file.reveal(Map.of()));
        assertFalse(file.toString().contains("s3cret"), file.toString());
        Secret env = new Secret.FromEnv("QH_TEST_PW");
        assertEquals("v", env.reveal(Map.of("QH_TEST_PW", "v")));
        var missing = assertThrows(Secret.SecretUnavailableException.class, () -> env.reveal(Map.of()));
        assertTrue(missing.getMessage().contains("QH_TEST_PW"), missing.getMessage());
    }
}
