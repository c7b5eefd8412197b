package io.qnxhil.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The programs of this machine a simulated peer is made of (sshd, python3, toybox, mksh, ...). */
public final class HostTools {
    private static final List<String> DIRS = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin",
            "/usr/local/bin");

    private HostTools() {
    }

    /** The program in the system's directories, then on PATH; empty when absent. */
    public static Optional<Path> find(String program) {
        List<String> dirs = new ArrayList<>(DIRS);
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The program, or a {@link PeerException} naming the Debian package that provides it. */
    public static Path require(String program, String debianPackage, String neededFor) {
        return find(program).orElseThrow(() -> new PeerException(missing(program, debianPackage, neededFor)));
    }

    /** "sshd not found (needed for ...): install the Debian package openssh-server (apt-get install openssh-server)". */
    public static String missing(String program, String debianPackage, String neededFor) {
        return program + " not found (needed for " + neededFor + "): install the Debian package " + debianPackage
                + " (apt-get install " + debianPackage + ")";
    }

    /** Runs a short command to its end; a failure is a {@link PeerException} with its output. */
    static String run(Duration timeout, List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new PeerException(String.join(" ", argv) + " did not finish within " + timeout.toSeconds() + " s");
            }
            if (p.exitValue() != 0) {
                throw new PeerException(String.join(" ", argv) + " failed (" + p.exitValue() + "): " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new PeerException(String.join(" ", argv) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted: " + String.join(" ", argv), e);
        }
    }

    /** A new OpenSSH key pair without a passphrase, {@code dir/name} and {@code dir/name.pub}, made by ssh-keygen. */
    public static Path keyPair(Path dir, String name, String type) {
        Path keygen = require("ssh-keygen", "openssh-client", "the simulated board's SSH keys");
        Path key = dir.resolve(name);
        List<String> argv = new ArrayList<>(List.of(keygen.toString(), "-q", "-t", type, "-N", "", "-C", name, "-f",
                key.toString()));
        if (type.equals("rsa")) {
            argv.addAll(List.of("-b", "3072"));
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new PeerException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        run(Duration.ofSeconds(30), argv);
        return key;
    }

    /** The public key line of {@code key} (its .pub file). */
    public static String publicKey(Path key) {
        try {
            return Files.readString(Path.of(key + ".pub")).strip();
        } catch (IOException e) {
            throw new PeerException("cannot read " + key + ".pub: " + e.getMessage(), e);
        }
    }

    /** Single-quoted for a POSIX shell. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
