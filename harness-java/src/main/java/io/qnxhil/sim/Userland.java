package io.qnxhil.sim;

import io.qnxhil.board.PeerConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The userland behind a simulated peer's login: a shell, a bin directory that is the whole PATH, a home
 * that plays {@code /data/home/<user>}, and for the QNX-like userlands a {@code /tmp} where no directory can
 * be made (the preloaded shim). Stand-ins made of this machine's programs, not QNX's:
 * <ul>
 * <li>{@code qsti-8.0}: bash, and the basic commands as toybox applets, like the Raspberry Pi 4 quick-start
 * image; {@code sh}/{@code ksh} are mksh, {@code stty} this machine's (a QNX utility, not an applet);</li>
 * <li>{@code qnx-7.1}: a ksh (mksh) with QNX 7.x formats where the harness meets them: {@code cksum} prints
 * {@code %10lu %10lu %s}, and there is no {@code base64}, {@code sha256sum} or {@code uudecode};</li>
 * <li>{@code host}: this machine's shell and PATH, with the home all the same.</li>
 * </ul>
 */
final class Userland {
    /** The applets the harness, its probe and a person looking around use, where toybox has them. */
    static final List<String> TOYBOX_APPLETS = List.of("base64", "basename", "cat", "chmod", "cksum", "cmp", "cp", "cut",
            "date", "dirname", "echo", "env", "false", "find", "getconf", "grep", "head", "hostname", "id", "kill", "ln",
            "ls", "md5sum", "mkdir", "mktemp", "mv", "od", "printf", "ps", "pwd", "readlink", "rm", "rmdir", "sed",
            "sha256sum", "sleep", "sort", "tail", "tee", "test", "touch", "tr", "true", "tty", "uname", "uudecode", "wc",
            "which", "whoami", "xargs");
    /** QNX 7.x's own utilities, played by this machine's; cksum is a wrapper, base64 and sha256sum are absent. */
    static final List<String> QNX7_UTILITIES = List.of("basename", "cat", "chmod", "cmp", "cp", "cut", "date", "dirname",
            "echo", "env", "false", "find", "getconf", "grep", "head", "hostname", "id", "kill", "ln", "ls", "mkdir", "mv",
            "od", "printf", "ps", "pwd", "rm", "rmdir", "sed", "sleep", "sort", "stty", "tail", "tee", "test", "touch",
            "tr", "true", "tty", "uname", "wc", "xargs");

    private final String name;
    private final Path shell;
    private final Path home;
    private final Map<String, String> env;

    private Userland(String name, Path shell, Path home, Map<String, String> env) {
        this.name = name;
        this.shell = shell;
        this.home = home;
        this.env = Map.copyOf(env);
    }

    /** Makes the userland's bin directory and the user's home under {@code state}. */
    static Userland prepare(PeerConfig peer, Path state, String user) {
        Path home = state.resolve("data/home").resolve(user);
        Path bin = state.resolve("userland/bin");
        try {
            Files.createDirectories(home);
            Files.createDirectories(bin);
        } catch (IOException e) {
            throw new PeerException("cannot make the simulated userland in " + state + ": " + e.getMessage(), e);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("USER", user);
        env.put("LOGNAME", user);
        env.put("LANG", "C");
        Path shell;
        switch (peer.userland()) {
            case "qsti-8.0" -> shell = qsti(bin);
            case "qnx-7.1" -> shell = qnx71(bin);
            default -> {
                shell = HostTools.find("bash").orElse(Path.of("/bin/sh"));
                env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
            }
        }
        if (peer.qnxLike()) {
            if (!Files.isRegularFile(peer.shmemShim())) {
                throw new PeerException(peer.shmemShim() + " is missing (the " + peer.userland() + " userland's /tmp,"
                        + " where no directory can be made): build it with 'make -C target-agent'");
            }
            env.put("PATH", bin.toString());
            env.put("LD_PRELOAD", peer.shmemShim().toString());
            env.put("QNXSIM_SHMEM_DIRS", "/tmp");
            // the simulated /data may itself sit under this machine's /tmp (a state folder in a temporary directory)
            env.put("QNXSIM_SHMEM_KEEP", state.resolve("data").toString());
        }
        env.put("SHELL", shell.toString());
        return new Userland(peer.userland(), shell, home, env);
    }

    private static Path qsti(Path bin) {
        Path toybox = HostTools.require("toybox", "toybox", "the qsti-8.0 userland's commands");
        Set<String> applets = Set.of(HostTools.run(Duration.ofSeconds(10), List.of(toybox.toString())).split("\\s+"));
        for (String applet : TOYBOX_APPLETS) {
            if (applets.contains(applet)) {
                link(bin.resolve(applet), toybox);
            }
        }
        Path bash = HostTools.require("bash", "bash", "the qsti-8.0 userland's login shell");
        link(bin.resolve("bash"), bash);
        Optional<Path> ksh = HostTools.find("mksh");
        link(bin.resolve("sh"), ksh.orElse(Path.of("/bin/sh")));
        ksh.ifPresent(k -> link(bin.resolve("ksh"), k));
        HostTools.find("stty").ifPresent(s -> link(bin.resolve("stty"), s));
        return bin.resolve("bash");
    }

    private static Path qnx71(Path bin) {
        Path ksh = HostTools.require("mksh", "mksh", "the qnx-7.1 userland's shell (a ksh)");
        link(bin.resolve("ksh"), ksh);
        link(bin.resolve("sh"), ksh);
        for (String util : QNX7_UTILITIES) {
            HostTools.find(util).ifPresent(p -> link(bin.resolve(util), p));
        }
        Path cksum = HostTools.require("cksum", "coreutils", "the qnx-7.1 userland's cksum");
        script(bin.resolve("cksum"), "#!" + ksh + "\n"
                + "# QNX 7.x cksum: \"%10lu %10lu %s\", space-padded; standard input is not named\n"
                + "line() { printf '%10s %10s' \"$1\" \"$2\"; [ $# -gt 2 ] && printf ' %s' \"$3\"; printf '\\n'; }\n"
                + "if [ $# -eq 0 ]; then r=$(" + cksum + ") || exit 1; line $r; exit 0; fi\n"
                + "st=0\n"
                + "for f do\n"
                + "  if r=$(" + cksum + " < \"$f\"); then line $r \"$f\"; else st=1; fi\n"
                + "done\n"
                + "exit $st\n");
        return bin.resolve("ksh");
    }

    private static void link(Path at, Path target) {
        try {
            Files.deleteIfExists(at);
            Files.createSymbolicLink(at, target);
        } catch (IOException e) {
            throw new PeerException("cannot link " + at + " to " + target + ": " + e.getMessage(), e);
        }
    }

    private static void script(Path at, String text) {
        try {
            Files.writeString(at, text);
            Files.setPosixFilePermissions(at, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new PeerException("cannot write " + at + ": " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    /** The login shell. */
    Path shell() {
        return shell;
    }

    /** The user's home: it plays /data/home/user. */
    Path home() {
        return home;
    }

    /** The whole environment of the login: HOME, USER, LOGNAME, LANG, SHELL, PATH and, QNX-like, the preload. */
    Map<String, String> env() {
        return env;
    }
}
