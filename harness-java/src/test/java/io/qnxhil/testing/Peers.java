package io.qnxhil.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Helpers for tests against real peers: required tools (failed in CI, skipped elsewhere), free ports, keys. */
public final class Peers {
    private Peers() {
    }

    /** The program, or the test is skipped with the reason (outside CI) / fails loudly (in CI). */
    public static Path require(String program, String installHint) {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/bin")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String why = program + " not found (" + installHint + ")";
        if (ProjectPaths.inCi()) {
            throw new AssertionError(why + ": CI must install it (.ci/run)");
        }
        Assumptions.abort(why);
        return null;
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a short command, failing the test when it fails. */
    public static String run(Duration timeout, String... argv) {
        Finished f = execute(timeout, argv);
        if (f.exit() != 0) {
            throw new AssertionError(String.join(" ", argv) + " failed (" + f.exit() + "): " + f.out());
        }
        return f.out();
    }

    /**
     * Sends a signal to processes that may end meanwhile (a peer's connection processes come and go):
     * a pid that is already gone is not an error, any other failure of {@code kill} is.
     */
    public static void signal(String sig, List<Long> pids) {
        List<String> argv = new ArrayList<>(List.of("kill", sig));
        pids.forEach(p -> argv.add(Long.toString(p)));
        Finished f = execute(Duration.ofSeconds(5), argv.toArray(String[]::new));
        boolean onlyGone = f.out().lines().allMatch(l -> l.isBlank() || l.contains("No such process"));
        if (f.exit() != 0 && !onlyGone) {
            throw new AssertionError(String.join(" ", argv) + " failed (" + f.exit() + "): " + f.out());
        }
    }

    private record Finished(int exit, String out) {
    }

    private static Finished execute(Duration timeout, String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", argv) + " did not finish");
            }
            return new Finished(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError(String.join(" ", argv) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A new OpenSSH key pair without passphrase: {@code dir/name} and {@code dir/name.pub}. */
    public static Path keyPair(Path dir, String name, String type) {
        Path keygen = require("ssh-keygen", "apt-get install openssh-client");
        Path key = dir.resolve(name);
        List<String> argv = new ArrayList<>(List.of(keygen.toString(), "-q", "-t", type, "-N", "", "-C", name, "-f", key.toString()));
        if (type.equals("rsa")) {
            argv.addAll(List.of("-b", "3072"));
        }
        run(Duration.ofSeconds(30), argv.toArray(String[]::new));
        return key;
    }

    public static String publicKey(Path key) {
        try {
            return Files.readString(Path.of(key + ".pub")).strip();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
