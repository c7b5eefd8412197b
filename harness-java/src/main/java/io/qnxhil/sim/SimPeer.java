package io.qnxhil.sim;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.PeerConfig;
import io.qnxhil.board.Secret;
import io.qnxhil.board.TransportConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The simulated peer of a qnxsim board whose config says {@code peer:}, running while the board is in
 * use: an OpenSSH sshd on 127.0.0.1 or a virtual serial console, with the configured userland behind
 * its login. Everything it needs (keys, known_hosts, sshd's config, the console's password, the user's
 * home) lives in a state directory of its own, made per board and per use, and removed by
 * {@link #close()}. {@link #board()} is the board as the peer is reached: the config with the peer's
 * real port, key, known_hosts, console path and login.
 * <p>
 * Never left running: sshd sits behind a watchdog that ends it when the harness goes, the console
 * script ends itself when its parent goes, and a shutdown hook closes both on an orderly exit. State
 * directories left by a harness that was killed are removed by the next peer's start.
 */
public final class SimPeer implements AutoCloseable {
    /** The login a serial peer's console accepts (the Raspberry Pi 4 quick-start image's). */
    public static final String CONSOLE_USER = "qnxuser";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final BoardConfig config;
    private final Path state;
    private final Userland userland;
    private OpenSshPeer sshd;
    private ConsolePeer console;
    private BoardConfig reached;
    private final Thread hook = new Thread(this::stop, "sim-peer-stop");

    private SimPeer(BoardConfig config, Path state, Userland userland) {
        this.config = config;
        this.state = state;
        this.userland = userland;
    }

    /** Where peers keep their state: -Dqnxhil.peerState, else $XDG_CACHE_HOME or ~/.cache, then qnx-hil/peers. */
    public static Path stateRoot() {
        String prop = System.getProperty("qnxhil.peerState");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && xdg.startsWith("/") ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("qnx-hil/peers");
    }

    /** Starts the peer {@code config.peer()} describes; {@link PeerException} says what is missing or failed. */
    public static SimPeer start(BoardConfig config) {
        PeerConfig peer = config.peer();
        if (peer == null) {
            throw new IllegalArgumentException(config.name() + " names no peer");
        }
        Path root = stateRoot();
        sweep(root);
        Path state = root.resolve(config.name() + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet());
        boolean ssh = config.transport() instanceof TransportConfig.Ssh;
        SimPeer p = null;
        try {
            Files.createDirectories(state);
            String user = ssh ? System.getProperty("user.name") : CONSOLE_USER;
            p = new SimPeer(config, state, Userland.prepare(peer, state, user));
            Runtime.getRuntime().addShutdownHook(p.hook);
            p.reached = ssh ? p.startSsh(user) : p.startConsole(user);
            return p;
        } catch (IOException | RuntimeException e) {
            if (p != null) {
                p.close();
            } else {
                delete(state);
            }
            String why = e instanceof IOException ? "cannot make " + state + ": " + e.getMessage() : e.getMessage();
            throw e instanceof PeerException pe && p == null ? pe : new PeerException("simulated "
                    + (ssh ? "SSH" : "serial") + " peer (" + peer.userland() + "): " + why, e);
        }
    }

    private BoardConfig startSsh(String user) throws IOException {
        TransportConfig.Ssh placeholder = (TransportConfig.Ssh) config.transport();
        Path key = HostTools.keyPair(state.resolve("client"), "id_ed25519", "ed25519");
        Path login = state.resolve("login.sh");
        Files.writeString(login, loginScript());
        sshd = new OpenSshPeer(state.resolve("sshd"), List.of(HostTools.publicKey(key)), "/bin/sh " + login);
        Path knownHosts = state.resolve("known_hosts");
        Files.writeString(knownHosts, sshd.knownHostsLine() + "\n");
        return config.reachedThrough(new TransportConfig.Ssh("127.0.0.1", sshd.port(), user, List.of(key), null, null,
                knownHosts, null, placeholder.keepalive()));
    }

    /**
     * sshd's ForceCommand: what the client asked ($SSH_ORIGINAL_COMMAND), run by the userland's shell in the
     * user's home with the userland's environment only; SFTP by sshd's own server, under the same environment.
     */
    private String loginScript() {
        StringBuilder env = new StringBuilder("/usr/bin/env -i");
        for (Map.Entry<String, String> e : userland.env().entrySet()) {
            env.append(' ').append(HostTools.quote(e.getKey() + "=" + e.getValue()));
        }
        String sftp = OpenSshPeer.sftpServer();
        String shell = HostTools.quote(userland.shell().toString());
        return "#!/bin/sh\n"
                + "# the simulated board's login (" + userland.name() + "), run by sshd for every connection\n"
                + "cd " + HostTools.quote(userland.home().toString()) + " || exit 1\n"
                + "case \"${SSH_ORIGINAL_COMMAND-}\" in\n"
                + HostTools.quote(sftp) + ") exec " + env + " " + HostTools.quote(sftp) + " ;;\n"
                + "'') exec " + env + " " + shell + " -i ;;\n"
                + "*) exec " + env + " " + shell + " -c \"$SSH_ORIGINAL_COMMAND\" ;;\n"
                + "esac\n";
    }

    private BoardConfig startConsole(String user) {
        TransportConfig.Serial placeholder = (TransportConfig.Serial) config.transport();
        PeerConfig.Console c = config.peer().console();
        List<String> options = new ArrayList<>(List.of("--shell", userland.shell().toString(), "--home",
                userland.home().toString(), "--no-profile", "--seed", Long.toString(System.nanoTime())));
        if (c.strict()) {
            options.add("--strict");
        }
        if (c.noiseLines() > 0) {
            options.addAll(List.of("--noise-lines", Double.toString(c.noiseLines())));
        }
        if (c.baud() > 0) {
            options.addAll(List.of("--baud", Integer.toString(c.baud())));
        }
        userland.env().forEach((k, v) -> options.addAll(List.of("--env", k + "=" + v)));
        console = new ConsolePeer(state.resolve("console"), user, options);
        return config.reachedThrough(new TransportConfig.Serial(console.link().toString(), null, null, placeholder.baud(),
                placeholder.framing(), user, new Secret.FromFile(console.passwordFile()), placeholder.loginPrompt(),
                placeholder.passwordPrompt(), placeholder.shellPrompt(), placeholder.transfer(), placeholder.chunkBytes()));
    }

    /** The board as this peer is reached (its real port, key, known_hosts, console path and login). */
    public BoardConfig board() {
        return reached;
    }

    /** The peer's state directory (keys, known_hosts, the user's home under data/home/). */
    public Path stateDir() {
        return state;
    }

    /** The user's home on the simulated board. */
    public Path home() {
        return userland.home();
    }

    public synchronized boolean alive() {
        return sshd != null ? sshd.alive() : console != null && console.alive();
    }

    /** Restarts sshd when it died (same port, keys and home); a console that ended cannot come back. */
    public synchronized void ensureRunning() {
        if (sshd != null && !sshd.alive()) {
            sshd.start();
        } else if (console != null && !console.alive()) {
            throw new PeerException("the simulated serial console of " + config.name() + " ended");
        }
    }

    /** "OpenSSH sshd on 127.0.0.1:PORT, userland qsti-8.0" for messages. */
    public String describe() {
        return (sshd != null ? "OpenSSH sshd on 127.0.0.1:" + sshd.port() : "virtual console " + (console == null ? "?"
                : console.link())) + ", userland " + userland.name();
    }

    private synchronized void stop() {
        if (sshd != null) {
            sshd.close();
        }
        if (console != null) {
            console.close();
        }
        delete(state);
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs anyway
        }
    }

    /** Removes state directories whose harness (the pid in the name) is gone. */
    static void sweep(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.toList()) {
                String[] parts = d.getFileName().toString().split("-");
                if (parts.length < 3) {
                    continue;
                }
                Optional<ProcessHandle> owner;
                try {
                    owner = ProcessHandle.of(Long.parseLong(parts[parts.length - 2]));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (owner.isEmpty() || !owner.get().isAlive()) {
                    delete(d);
                }
            }
        } catch (IOException e) {
            // nothing to sweep
        }
    }

    /** Deletes a tree without following its links (the userland's bin is links to this machine's programs). */
    static void delete(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a file the peer's user made unreadable: left for the next sweep
        }
    }
}
