package io.qnxhil.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tests of the simulated peers the harness starts (board configs with {@code peer:}): the programs they
 * need (skipped with the reason, failed in CI), a state folder of the test's own, and the check that
 * no peer is left behind.
 */
public final class SimPeers {
    public static final String STATE_PROPERTY = "qnxhil.peerState";

    private SimPeers() {
    }

    /** sshd, ssh-keygen, python3, toybox and mksh: what the four example peers are made of. */
    public static void requireAll() {
        Peers.require("sshd", "apt-get install openssh-server");
        Peers.require("ssh-keygen", "apt-get install openssh-client");
        Peers.require("python3", "apt-get install python3");
        Peers.require("toybox", "apt-get install toybox");
        Peers.require("mksh", "apt-get install mksh");
    }

    /** Peers keep their state under {@code root} from now on (until {@link #restore()}). */
    public static Path useStateRoot(Path root) {
        System.setProperty(STATE_PROPERTY, root.toString());
        return root;
    }

    public static void restore() {
        System.clearProperty(STATE_PROPERTY);
    }

    /** Nothing of a peer remains: no state folder under {@code root}, no process naming a path under it. */
    public static void assertNoneLeft(Path root) throws IOException {
        List<String> dirs = List.of();
        if (Files.isDirectory(root)) {
            try (Stream<Path> s = Files.list(root)) {
                dirs = s.map(p -> p.getFileName().toString()).toList();
            }
        }
        assertEquals(List.of(), dirs, "state folders left under " + root);
        assertEquals(List.of(), processesUnder(root), "peer processes left running");
    }

    /**
     * Live processes whose command line names a path under {@code root} (sshd's config, the console script), read
     * from /proc: sshd rewrites its own command line, which ProcessHandle.Info then no longer reports.
     */
    public static List<String> processesUnder(Path root) {
        List<String> found = new java.util.ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    if (cmd.contains(root.toString()) && !Files.readString(p.resolve("stat")).matches("(?s)\\d+ \\(.*\\) Z .*")) {
                        found.add(p.getFileName() + " " + cmd.strip());
                    }
                } catch (IOException e) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list /proc: " + e, e);
        }
        return found;
    }
}
