package io.qnxhil.deploy;

import io.qnxhil.agent.AgentRecord;
import io.qnxhil.agent.FrameReader;
import io.qnxhil.agent.ProtocolException;
import io.qnxhil.agent.RecordDecoder;
import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardInfo;
import io.qnxhil.transport.PosixCksum;
import io.qnxhil.transport.RemoteShell;
import io.qnxhil.transport.SimNode;
import io.qnxhil.transport.TransportException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Puts the agent build for the board's arch and release on the board, stored by content hash
 * ({@code <workdir>/agents/<sha256>/qnx-hil-agent}). A copy already there whose POSIX cksum matches
 * is kept (no upload). The installed agent must answer {@code info} with the board's identity and
 * the build's own hash; other versions are then removed.
 */
public final class Deployer {
    public static final String AGENT_NAME = "qnx-hil-agent";
    private static final Pattern HASH_DIR = Pattern.compile("[0-9a-f]{64}");

    private final BoardConfig board;
    private final RemoteShell shell;

    public Deployer(BoardConfig board, RemoteShell shell) {
        this.board = board;
        this.shell = shell;
    }

    /** What a deploy did. */
    public record Outcome(String remotePath, String workdir, String contentHash, boolean uploaded, List<String> removed,
                          BoardInfo info, Duration took) {
    }

    public Outcome deploy() {
        long t0 = System.nanoTime();
        Path build = board.access().agentBuild();
        if (build == null || !Files.isRegularFile(build)) {
            throw new TransportException(board.name() + ": no agent build for " + board.os() + " " + board.arch() + " release "
                    + board.release() + " at " + build + hint());
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(build);
        } catch (IOException e) {
            throw new TransportException(board.name() + ": cannot read " + build + ": " + e.getMessage(), e);
        }
        String hash = sha256(bytes);
        Duration t = board.access().commandTimeout();
        String workdir = workdir(t);
        String agents = workdir + "/agents";
        String dir = agents + "/" + hash;
        String path = dir + "/" + AGENT_NAME;
        boolean uploaded = false;
        if (!matches(path, PosixCksum.of(bytes), t)) {
            RemoteShell.Result mk = shell.run("mkdir -p " + RemoteShell.quote(dir), t);
            if (!mk.ok()) {
                throw new TransportException(board.name() + ": cannot create " + dir + " on " + shell.describe() + ": "
                        + (mk.err() + mk.out()).strip() + "; on QNX /tmp is often /dev/shmem, where no directory can be"
                        + " made: set workdir: in " + board.file() + " to a directory the login may write, such as"
                        + " ~/qnx-hil (on the Raspberry Pi 4 quick-start image /data/home/qnxuser/qnx-hil)");
            }
            shell.upload(build, path);
            if (!matches(path, PosixCksum.of(bytes), t)) {
                throw new TransportException(board.name() + ": " + path + " on " + shell.describe()
                        + " does not match " + build + " after the upload (cksum differs)");
            }
            uploaded = true;
        }
        BoardInfo info = verify(path, bytes, t);
        List<String> removed = removeStale(agents, hash, t);
        return new Outcome(path, workdir, hash, uploaded, removed, info, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** The board's workdir as an absolute path: {@code ~/x} is under the login's home, asked of the board. */
    private String workdir(Duration t) {
        String w = board.access().workdir();
        if (!w.startsWith("~/")) {
            return w;
        }
        RemoteShell.Result r = shell.query("printf 'QHHOME:%s:\\n' \"$HOME\"", t);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("QHHOME:(/[^:\\r\\n]*):").matcher(r.out());
        if (!r.ok() || !m.find()) {
            throw new TransportException(board.name() + ": workdir " + w + " is under the login's home, but the login on "
                    + shell.describe() + " has no absolute $HOME (" + tail(r.out()) + "); set workdir: in " + board.file()
                    + " to an absolute path");
        }
        String home = m.group(1).replaceAll("/+$", "");
        return home + w.substring(1);
    }

    private String hint() {
        return board.simulated() ? ": build it with 'make -C target-agent'"
                : ": build it with the QNX SDP " + board.release() + " (source its qnxsdp-env.sh): make -C target-agent "
                + ("8.0".equals(board.release()) ? "" : "BUILD=build-sdp710 ") + "qnx-" + board.arch()
                + ", or name the binary with agent_build: in " + board.file();
    }

    private boolean matches(String path, String expected, Duration t) {
        RemoteShell.Result r = shell.query("cksum " + RemoteShell.quote(path) + " 2>/dev/null || true", t);
        return expected.equals(PosixCksum.find(r.out(), path));
    }

    /** Runs the installed agent's {@code info}: it must start, report this board's identity and this build's hash. */
    private BoardInfo verify(String path, byte[] bytes, Duration t) {
        String env = board.simulated() ? "QNXSIM_NODE=" + SimNode.next("deploy") + " " : "";
        RemoteShell.Result r = shell.query("printf 'info\\nquit\\n' | env " + env + RemoteShell.quote(path), t);
        AgentRecord info = null;
        FrameReader frames = new FrameReader(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
        try {
            for (AgentRecord rec = frames.next(); rec != null; rec = next(frames)) {
                if (rec.type().equals("info")) {
                    info = rec;
                    break;
                }
            }
        } catch (IOException e) {
            throw new TransportException(board.name() + ": reading the agent's info: " + e.getMessage(), e);
        }
        if (info == null) {
            throw new TransportException(board.name() + ": the deployed agent " + path + " did not answer 'info' (exit "
                    + r.exit() + "): " + tail(r.err() + r.out()));
        }
        BoardInfo i = RecordDecoder.info(info);
        if (!board.arch().equals(i.arch())) {
            throw new TransportException(board.name() + ": the deployed agent reports arch " + i.arch() + " but "
                    + board.file() + " says " + board.arch());
        }
        if (i.buildHash() == null || !new String(bytes, StandardCharsets.ISO_8859_1).contains(i.buildHash())) {
            throw new TransportException(board.name() + ": the agent at " + path + " reports build " + i.buildHash()
                    + ", which is not the build being deployed");
        }
        String sources = sourcesHash(board.access().agentBuild());
        if (sources != null && i.buildHash().length() == 64 && !sources.equals(i.buildHash())) {
            throw new TransportException(board.name() + ": " + board.access().agentBuild() + " was built from other sources"
                    + " (build " + i.buildHash() + ", target-agent/src now " + sources + ")" + hint());
        }
        return i;
    }

    /**
     * The build hash the agent's sources have now (agent.mk: SHA-256 of src/*.c then src/*.h, each in
     * name order), found from the build's location in target-agent/; null when the sources are not there.
     */
    static String sourcesHash(Path build) {
        for (Path d = build.toAbsolutePath().getParent(); d != null; d = d.getParent()) {
            Path src = d.resolve("src");
            if (Files.isRegularFile(d.resolve("agent.mk")) && Files.isRegularFile(src.resolve("main.c"))) {
                try (var files = Files.list(src)) {
                    List<Path> all = files.filter(Files::isRegularFile).toList();
                    MessageDigest md = MessageDigest.getInstance("SHA-256");
                    for (String ext : List.of(".c", ".h")) {
                        for (Path f : all.stream().filter(f -> f.getFileName().toString().endsWith(ext))
                                .sorted(java.util.Comparator.comparing(f -> f.getFileName().toString())).toList()) {
                            md.update(Files.readAllBytes(f));
                        }
                    }
                    return HexFormat.of().formatHex(md.digest());
                } catch (IOException | NoSuchAlgorithmException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static AgentRecord next(FrameReader frames) throws IOException {
        while (true) {
            try {
                return frames.next();
            } catch (ProtocolException e) {
                // noise that looked like a record: keep scanning
            }
        }
    }

    private List<String> removeStale(String agents, String keep, Duration t) {
        RemoteShell.Result r = shell.query("ls " + RemoteShell.quote(agents), t);
        List<String> removed = new ArrayList<>();
        for (String name : r.out().split("\\s+")) {
            if (HASH_DIR.matcher(name).matches() && !name.equals(keep)) {
                RemoteShell.Result rm = shell.run("rm -rf " + RemoteShell.quote(agents + "/" + name), t);
                if (rm.ok()) {
                    removed.add(name);
                }
            }
        }
        return removed;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tail(String s) {
        String t = s.strip();
        return t.isEmpty() ? "(no output)" : t.length() > 300 ? "..." + t.substring(t.length() - 300) : t;
    }
}
