package io.qnxhil.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.TransportConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@link BoardProbe} found: one row per fact (its value, or "unknown", and what it means for the
 * harness), the board-config lines the facts imply, and the same as JSON.
 */
public final class ProbeReport {
    /** One fact: {@code value} is a string, number, boolean, list or map; null when unknown. */
    public record Fact(String key, Object value, String shown, String meaning) {
    }

    private final BoardConfig board;
    private final String link;
    private final List<Fact> facts = new ArrayList<>();
    private final List<String> config = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private List<Map<String, Object>> candidates = List.of();

    ProbeReport(BoardConfig board, String link) {
        this.board = board;
        this.link = link;
    }

    public List<Fact> facts() {
        return List.copyOf(facts);
    }

    /** Board-config lines the facts imply (comments start with #). */
    public List<String> configLines() {
        return List.copyOf(config);
    }

    public Fact fact(String key) {
        return facts.stream().filter(f -> f.key().equals(key)).findFirst().orElse(null);
    }

    private void add(String key, Object value, String shown, String meaning) {
        facts.add(new Fact(key, value, value == null ? "unknown" : shown, meaning));
    }

    void uname(ProbeParsers.Uname u) {
        add("os.uname", u.all(), u.all(), "the board's identity as uname -a prints it");
        String rel = u.qnxRelease();
        String meaning = !"QNX".equals(u.system()) ? u.system() + ", not QNX: a simulated or stand-in board"
                : rel == null ? "a QNX release the harness has no profile for (7.1, 8.0)"
                : rel.equals(board.release()) ? "matches release: \"" + rel + "\" of the config"
                : "the config says release: \"" + board.release() + "\": the model would judge the wrong release";
        add("os.release", u.release(), u.system() + " " + u.release(), meaning);
        String arch = u.arch();
        add("os.machine", u.machine(), u.machine(), arch == null ? "not an arch the agent is built for"
                : arch.equals(board.arch()) ? "matches arch: " + arch : "the config says arch: " + board.arch()
                + ": the wrong agent build would be deployed");
        if (rel != null) {
            config.add("os: qnx");
            config.add("release: \"" + rel + "\"");
        }
        if (arch != null) {
            config.add("arch: " + arch);
        }
    }

    void shell(Map<String, String> env) {
        String zero = env.get("ZERO");
        String version = !blank(env.get("BASH")) ? "bash " + env.get("BASH") : !blank(env.get("KSH")) ? "ksh " + env.get("KSH") : "";
        add("shell", zero == null ? null : Map.of("name", zero, "SHELL", String.valueOf(env.get("SHELL")), "version", version),
                zero + " (SHELL=" + env.get("SHELL") + (version.isEmpty() ? "" : ", " + version) + ")",
                "commands run through this shell; the harness writes POSIX sh only");
        add("user", env.get("USER"), env.get("USER") + " (HOME=" + env.get("HOME") + ")", "the harness's files belong to this user");
    }

    void utilities(Map<String, String> utils) {
        List<String> have = new ArrayList<>();
        List<String> none = new ArrayList<>();
        utils.forEach((k, v) -> (v == null ? none : have).add(k));
        add("utilities", new LinkedHashMap<>(utils), "have " + String.join(" ", have)
                        + (none.isEmpty() ? "" : "; missing " + String.join(" ", none)),
                utils.get("cksum") == null ? "no cksum: uploads and cached deploys cannot be verified"
                        : "cksum verifies uploads; base64 only speeds up console transfers");
    }

    void cksum(ProbeParsers.CksumFormat empty, ProbeParsers.CksumFormat sample) {
        ProbeParsers.CksumFormat c = empty != null ? empty : sample;
        String format = c == null ? null : c.format();
        boolean crc = empty != null && empty.posixCrc() && sample != null && sample.posixCrc();
        add("cksum.format", format == null ? null : Map.of("format", format, "posix_crc", crc, "line", c.line()),
                ("padded".equals(format) ? "padded, QNX 7.x '%10lu %10lu %s'" : "plain '%u %llu' (POSIX, GNU, toybox, busybox)")
                        + (crc ? ", POSIX CRC" : ", NOT the POSIX CRC") + ": '" + (c == null ? "" : c.line()) + "'",
                !crc ? "checksums from this cksum cannot be compared with the harness's"
                        : "padded".equals(format) ? "the harness must read cksum fields separated by runs of spaces"
                        : "the harness reads it as it is");
    }

    void base64(Boolean decodes) {
        add("base64.decode", decodes, Boolean.TRUE.equals(decodes) ? "decodes the sample" : "fails on the sample",
                Boolean.TRUE.equals(decodes) ? "console transfers may use base64 (1.36 characters per byte)"
                        : "console transfers use printf octal escapes (about 3.3 characters per byte)");
    }

    void printf(Boolean octal) {
        add("printf.octal", octal, Boolean.TRUE.equals(octal) ? "octal escapes give the exact bytes (checked by cksum)"
                : "octal escapes do NOT give the exact bytes", Boolean.TRUE.equals(octal)
                ? "the printf transfer works on this board" : "no console transfer without base64 on this board");
        boolean serial = board.transport() instanceof TransportConfig.Serial;
        Fact b64 = fact("base64.decode");
        if (serial && b64 != null) {
            config.add("    transfer: " + (Boolean.TRUE.equals(b64.value()) ? "base64" : "printf")
                    + "                # under transport.serial");
        }
    }

    void workdirs(List<ProbeParsers.Workdir> dirs) {
        List<Map<String, Object>> json = new ArrayList<>();
        ProbeParsers.Workdir pick = null;
        for (ProbeParsers.Workdir w : dirs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", w.path());
            m.put("existed", w.existed());
            m.put("mkdir", w.mkdir());
            m.put("write", w.write());
            m.put("exec", w.exec());
            m.put("left_behind", w.leftover());
            json.add(m);
            String shown = (w.existed() ? "exists" : "absent") + ", mkdir " + yes(w.mkdir()) + ", write " + yes(w.write())
                    + ", exec " + yes(w.exec()) + (w.leftover() ? ", SCRATCH LEFT BEHIND" : "");
            String meaning = w.usable() ? "usable as workdir"
                    : !w.mkdir() && w.write() ? "files but no directories under " + w.nearest()
                    + " (a /dev/shmem-like /tmp?): agents/<hash>/ cannot be made"
                    : !w.write() ? "not writable by this user" : "files there cannot be executed (noexec?)";
            facts.add(new Fact("workdir " + w.path(), m, shown, meaning));
            if (w.leftover()) {
                notes.add("scratch files of the probe are left under " + w.path() + " (.qnx-hil-probe-*): remove them");
            }
            if (w.usable() && (pick == null || w.path().equals(board.access().workdir()))) {
                pick = w;
            }
        }
        if (dirs.isEmpty()) {
            add("workdirs", null, "", "no candidate directory could be checked");
        }
        if (pick != null) {
            config.add("workdir: " + pick.path());
        } else if (!dirs.isEmpty()) {
            config.add("# no candidate workdir allows mkdir, writing and executing: name one that does in workdir:");
        }
        candidates = json;
    }

    void console(ProbeParsers.Stty stty, Integer maxCanon, String raw) {
        add("console.stty", stty == null ? null : Map.of("baud", String.valueOf(stty.baud()), "icanon",
                        String.valueOf(stty.icanon()), "echo", String.valueOf(stty.echo()), "ixon", String.valueOf(stty.ixon())),
                stty == null ? "" : "speed " + stty.baud() + ", " + on("icanon", stty.icanon()) + ", " + on("echo", stty.echo())
                        + ", " + on("ixon", stty.ixon()),
                stty == null ? "stty -a printed nothing the probe reads: '" + firstLine(raw) + "'"
                        : Boolean.FALSE.equals(stty.ixon()) ? "no XON/XOFF flow control: the harness must pace what it types"
                        : "settings of the console's line discipline");
        add("console.max_canon", maxCanon, maxCanon + " bytes", maxCanon == null
                ? "unknown: keep typed lines short (io-char's default is 256)"
                : "a typed command line longer than this is cut: the harness keeps lines shorter");
    }

    void notAConsole(boolean ssh) {
        add("console.max_canon", null, "", ssh ? "not a console (SSH exec channels have no terminal)" : "not a console");
    }

    void procnto(ProbeParsers.Procnto p) {
        add("procnto.U", p == null ? null : p.unregisteredEvents(), (p == null ? "" : (p.unregisteredEvents() ? "-U" : "no -U")
                        + " (" + p.command() + ")"),
                p == null ? "procnto's arguments were not visible (pidin/ps): set procnto.unregistered_events by hand"
                        : p.unregisteredEvents() == board.unregisteredEvents() ? "matches procnto.unregistered_events of the config"
                        : "the config says unregistered_events: " + board.unregisteredEvents() + ": the model would expect the wrong refusals");
        if (p != null) {
            config.add("procnto: {unregistered_events: " + p.unregisteredEvents() + "}");
        }
    }

    void sftp(String whyNot) {
        if (!(board.transport() instanceof TransportConfig.Ssh)) {
            add("sftp", null, "", "not an SSH board");
            return;
        }
        add("sftp", whyNot == null, whyNot == null ? "available" : "not available (" + whyNot + ")",
                whyNot == null ? "uploads go by SFTP" : "uploads fall back to SCP");
    }

    void fork(boolean forks) {
        add("fork", forks, forks ? "a shell can fork and wait as this user" : "FAILED",
                forks ? "the agent's actors can be started" : "the agent cannot start actor processes as this user");
    }

    void clock(BoardProbe.Clock c) {
        if (c == null) {
            add("clock.hz", null, "", "no agent deployed yet (the probe never deploys): run harness deploy, then probe or info");
            return;
        }
        if (c.info() == null) {
            add("clock.hz", null, "", "the agent at " + c.agent() + " did not answer info");
            return;
        }
        add("clock.hz", c.info().clockHz(), c.info().clockHz() + " Hz (agent " + c.info().agentVersion() + ")",
                "ClockCycles() rate the latency figures are converted with");
    }

    /** The aligned table: fact | value | what it means for the harness, then the config lines. */
    public String table() {
        int k = Math.max(4, facts.stream().mapToInt(f -> f.key().length()).max().orElse(4));
        int v = Math.min(72, Math.max(5, facts.stream().mapToInt(f -> f.shown().length()).max().orElse(5)));
        StringBuilder b = new StringBuilder();
        b.append("board ").append(board.name()).append(" (").append(board.file()).append(") over ").append(link).append('\n');
        String fmt = "%-" + k + "s | %-" + v + "s | %s%n";
        b.append(String.format(fmt, "fact", "value", "what it means for the harness"));
        b.append("-".repeat(k)).append("-+-").append("-".repeat(v)).append("-+-").append("-".repeat(30)).append('\n');
        for (Fact f : facts) {
            b.append(String.format(fmt, f.key(), clip(f.shown(), v), f.meaning()));
        }
        b.append("\nboard config lines these facts imply:\n");
        config.forEach(c -> b.append("  ").append(c).append('\n'));
        notes.forEach(n -> b.append("note: ").append(n).append('\n'));
        return b.toString();
    }

    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("board", board.name());
        root.put("config", board.file() == null ? null : board.file().toString());
        root.put("link", link);
        Map<String, Object> f = new LinkedHashMap<>();
        for (Fact x : facts) {
            if (!x.key().startsWith("workdir ")) {
                f.put(x.key(), Map.of("value", x.value() == null ? "unknown" : x.value(), "meaning", x.meaning()));
            }
        }
        f.put("workdirs", candidates);
        root.put("facts", f);
        root.put("config_lines", config);
        root.put("notes", notes);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 3) + "...";
    }

    private static String yes(boolean b) {
        return b ? "yes" : "NO";
    }

    private static String on(String name, Boolean b) {
        return b == null ? name + " ?" : (b ? "" : "-") + name;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String firstLine(String s) {
        return s.strip().lines().findFirst().orElse("");
    }

    @Override
    public String toString() {
        return facts.stream().map(Fact::key).collect(Collectors.joining(", "));
    }
}
