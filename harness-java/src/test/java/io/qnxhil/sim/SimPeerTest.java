package io.qnxhil.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parts of a simulated peer that need no peer: missing programs, stale state, removal without following links. */
class SimPeerTest {
    @TempDir
    Path dir;

    @Test
    void aMissingProgramIsNamedWithItsDebianPackage() {
        PeerException e = assertThrows(PeerException.class,
                () -> HostTools.require("qnx-hil-no-such-program", "openssh-server", "the simulated board over SSH"));
        assertTrue(e.getMessage().contains("qnx-hil-no-such-program not found"), e.getMessage());
        assertTrue(e.getMessage().contains("install the Debian package openssh-server (apt-get install openssh-server)"),
                e.getMessage());
    }

    @Test
    void stateLeftByAHarnessThatDiedIsSweptAndALiveOnesIsKept() throws IOException {
        long dead = deadPid();
        Path stale = Files.createDirectories(dir.resolve("sim-ssh-" + dead + "-1/data/home/u"));
        Path live = Files.createDirectories(dir.resolve("sim-ssh-" + ProcessHandle.current().pid() + "-7"));
        SimPeer.sweep(dir);
        assertFalse(Files.exists(stale.getParent().getParent().getParent()));
        assertTrue(Files.exists(live));
    }

    @Test
    void removingStateNeverFollowsTheUserlandsLinks() throws IOException {
        Path outside = Files.writeString(dir.resolve("program"), "keep me");
        Path state = Files.createDirectories(dir.resolve("state/userland/bin"));
        Files.createSymbolicLink(state.resolve("cat"), outside);
        Files.createSymbolicLink(dir.resolve("state/linked-dir"), dir);
        SimPeer.delete(dir.resolve("state"));
        assertFalse(Files.exists(dir.resolve("state")));
        assertTrue(Files.isRegularFile(outside));
    }

    private static long deadPid() throws IOException {
        try {
            Process p = new ProcessBuilder("true").start();
            p.waitFor();
            return p.pid();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
