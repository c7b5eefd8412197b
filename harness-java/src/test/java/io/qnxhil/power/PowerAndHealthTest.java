package io.qnxhil.power;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.run.BoardSession;
import io.qnxhil.run.BoardSessions;
import io.qnxhil.run.BoardUnavailableException;
import io.qnxhil.testing.AgentBinary;
import io.qnxhil.testing.BoardFiles;
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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Power drivers and the health check against a real sshd: a board that is down comes back when its
 * power command "switches it on" (starts its sshd); one that never comes back is reported BROKEN
 * after the configured power cycles; a person-powered board is not cycled.
 */
class PowerAndHealthTest {
    @TempDir
    static Path dir;
    static OpenSshServer sshd;
    static Path key;
    static Path known;

    @BeforeAll
    static void peer() throws IOException {
        AgentBinary.requireBuilt(ProjectPaths.root().resolve("target-agent/build/nto800/qnx-hil-agent"));
        key = Peers.keyPair(dir, "id_ed25519", "ed25519");
        sshd = new OpenSshServer(dir.resolve("sshd"), List.of(Peers.publicKey(key)));
        known = dir.resolve("known_hosts");
        Files.writeString(known, sshd.knownHostsLine() + "\n");
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
        BoardFiles.removeRemoteSimNodes();
    }

    /** sim-ssh.yaml with a power section and a health check, short timeouts. */
    static BoardConfig board(String name, String power, int retries) throws IOException {
        Path b = BoardFiles.simSsh(dir, sshd.port(), key, "    known_hosts: " + known, dir.resolve("wd-" + name).toString());
        String text = Files.readString(b).replaceFirst("(?m)^timeouts: .*$",
                "timeouts: {step_ms: 5000, scenario_ms: 20000, connect_ms: 2000, command_ms: 10000, reconnect_ms: 1000}")
                + power + "\nhealth: {retries: " + retries + ", boot_wait_ms: 5000}\n";
        Files.writeString(b, text);
        return BoardConfigLoader.load(b, ProjectPaths.root());
    }

    static Path script(String name, String body) throws IOException {
        Path s = dir.resolve(name);
        Files.writeString(s, "#!/bin/sh\n" + body + "\n");
        s.toFile().setExecutable(true);
        return s;
    }

    @Test
    void aBoardThatIsDownIsPowerCycledAndComesBack() throws IOException {
        Path log = dir.resolve("power-log");
        // "on" brings the board back: here, the board's sshd starts again (as after a real power-on)
        Path on = script("on.sh", "echo on >> " + log + "\ntouch " + dir.resolve("power-is-on"));
        Path off = script("off.sh", "echo off >> " + log);
        BoardConfig b = board("comes-back", "power:\n  command: {on: [" + on + "], off: [" + off + "], off_time_ms: 10}", 2);
        sshd.kill();
        Thread boot = new Thread(() -> {
            while (!Files.exists(dir.resolve("power-is-on"))) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
            sshd.start();
        });
        boot.start();
        try (BoardSession s = BoardSessions.open(b, ProjectPaths.root())) {
            assertEquals("qnxsim", s.info().os());
        } finally {
            boot.interrupt();
            if (!Files.exists(dir.resolve("power-is-on"))) {
                sshd.start();
            }
        }
        assertEquals(List.of("off", "on"), Files.readAllLines(log), "one power cycle: off, then on");
    }

    @Test
    void aBoardThatNeverAnswersIsBrokenAfterTheConfiguredCycles() throws IOException {
        Path log = dir.resolve("cycle-log");
        Path cycle = script("cycle.sh", "echo cycle >> " + log);
        Path dead = dir.resolve("dead-board.yaml");
        BoardConfig b = board("never", "power:\n  command: {on: [/bin/true], off: [/bin/true], cycle: [" + cycle + "]}", 2);
        Files.writeString(dead, Files.readString(b.file()).replace("port: " + sshd.port(), "port: " + Peers.freePort()));
        BoardConfig deadBoard = BoardConfigLoader.load(dead, ProjectPaths.root());
        BoardUnavailableException e = assertThrows(BoardUnavailableException.class,
                () -> BoardSessions.open(deadBoard, ProjectPaths.root()).close());
        assertEquals(List.of("cycle", "cycle"), Files.readAllLines(log));
        assertTrue(e.getMessage().contains("BROKEN: unreachable after 2 power cycle(s)"), e.getMessage());
        assertTrue(e.getMessage().contains("after power cycle 2"), e.getMessage());
    }

    @Test
    void aRefusalIsNotPowerCycledAndAManualBoardIsNotCycledUnattended() throws IOException {
        Path log = dir.resolve("refusal-log");
        Path cycle = script("cycle2.sh", "echo cycle >> " + log);
        Path stranger = Peers.keyPair(dir, "id_stranger", "ed25519");
        BoardConfig b = board("refused", "power:\n  command: {on: [/bin/true], off: [/bin/true], cycle: [" + cycle + "]}", 3);
        Path f = dir.resolve("refused.yaml");
        Files.writeString(f, Files.readString(b.file()).replace("identity: " + key, "identity: " + stranger));
        BoardConfig refused = BoardConfigLoader.load(f, ProjectPaths.root());
        BoardUnavailableException e = assertThrows(BoardUnavailableException.class,
                () -> BoardSessions.open(refused, ProjectPaths.root()).close());
        assertTrue(e.getMessage().contains("authentication failed"), e.getMessage());
        assertFalse(Files.exists(log), "wrong credentials are not fixed by a power cycle");

        BoardConfig manual = board("manual", "power:\n  manual: {instructions: \"press the reset button of shelf 4\"}", 1);
        Path m = dir.resolve("manual.yaml");
        Files.writeString(m, Files.readString(manual.file()).replace("port: " + sshd.port(), "port: " + Peers.freePort()));
        BoardConfig manualDead = BoardConfigLoader.load(m, ProjectPaths.root());
        BoardUnavailableException me = assertThrows(BoardUnavailableException.class,
                () -> BoardSessions.open(manualDead, ProjectPaths.root()).close());
        assertTrue(me.getMessage().contains("cannot power-cycle unattended (manual: press the reset button of shelf 4)"), me.getMessage());
    }

    @Test
    void qemuPowerRunsTheBoardProcessAndEndsIt() throws IOException {
        // QEMU itself is not installed here: the driver's process handling is exercised with a stand-in that
        // behaves like a booted QEMU (runs until told to stop, prints to its console).
        Path fake = script("fake-qemu.sh", "echo 'SeaBIOS (version 1.16)'\necho booted\nexec sleep 300");
        QemuPower q = new QemuPower("qemu-test", new io.qnxhil.board.PowerConfig.Qemu(List.of(fake.toString()),
                java.time.Duration.ofSeconds(2)));
        q.on();
        assertTrue(q.running());
        q.cycle();
        assertTrue(q.running(), "cycle: off, then on again");
        q.off();
        assertFalse(q.running());
        Path broken = script("broken-qemu.sh", "echo 'qemu: could not open disk image' >&2\nexit 1");
        QemuPower b = new QemuPower("qemu-bad", new io.qnxhil.board.PowerConfig.Qemu(List.of(broken.toString()),
                java.time.Duration.ofSeconds(2)));
        PowerException e = assertThrows(PowerException.class, b::on);
        assertTrue(e.getMessage().contains("could not open disk image"), e.getMessage());
    }
}
