package io.qnxhil.probe;

import io.qnxhil.transport.PosixCksum;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure readers of what a board's userland printed for the probe's commands: GNU coreutils,
 * toybox (the RPi4 quick-start image), busybox and the QNX 7.x utilities each print a little
 * differently, and a console adds prompts and kernel messages around the lines that matter.
 */
public final class ProbeParsers {
    /** The sample {@code base64 -d} must decode, and what it must give. */
    public static final String BASE64_SAMPLE = "cW54LWhpbCBwcm9iZQo=";
    public static final String BASE64_TEXT = "qnx-hil probe\n";
    /** Bytes the printf check writes with octal escapes: ASCII, a high byte, NUL-free. */
    public static final byte[] PRINTF_BYTES = {'q', 'h', 'p', (byte) 0x80, (byte) 0xff, '\n'};

    private static final Pattern CKSUM = Pattern.compile("^(\\s*)(\\d{1,10})(\\s+)(\\d{1,19})(?:\\s+(\\S.*))?$");
    private static final Pattern SPEED = Pattern.compile("(?:speed|ispeed|ospeed)\\s+(\\d+)\\s*baud|baud\\s*=?\\s*(\\d+)");

    private ProbeParsers() {
    }

    /** What {@code uname -s; uname -r; uname -m; uname -a} printed, one per line. */
    public record Uname(String system, String release, String machine, String all) {
        /** "7.1" or "8.0" for a QNX release such as 7.1.0 or 8.0.2; null for another OS or release. */
        public String qnxRelease() {
            if (!"QNX".equals(system) || release == null) {
                return null;
            }
            return release.startsWith("7.1") ? "7.1" : release.startsWith("8.0") ? "8.0" : null;
        }

        /** The board config's arch for uname -m ("aarch64le", "x86_64"); null when it is neither. */
        public String arch() {
            return machine == null ? null : switch (machine) {
                case "aarch64le", "aarch64" -> "aarch64le";
                case "x86_64", "x86pc", "amd64" -> "x86_64";
                default -> null;
            };
        }
    }

    public static Uname uname(String out) {
        List<String> l = lines(out);
        return new Uname(at(l, 0), at(l, 1), at(l, 2), at(l, 3));
    }

    /** {@code NAME=value} lines (the shell facts), in order. */
    public static Map<String, String> keyValues(String out) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : lines(out)) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[A-Za-z0-9_]+")) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }

    /** "have NAME PATH" / "none NAME" lines: each utility and where it is, null when absent. */
    public static Map<String, String> utilities(String out) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : lines(out)) {
            String[] w = line.split("\\s+", 3);
            if (w.length >= 2 && w[0].equals("none")) {
                m.put(w[1], null);
            } else if (w.length == 3 && w[0].equals("have")) {
                m.put(w[1], w[2]);
            }
        }
        return m;
    }

    /** How cksum prints: "padded" (QNX 7.x, %10lu %10lu %s), "plain" (POSIX/GNU/toybox/busybox, %u %llu). */
    public record CksumFormat(String format, boolean posixCrc, String line) {
    }

    /**
     * Reads cksum's line for {@code sample} given on stdin. The format is told by the padding of the
     * length field; the checksum must be POSIX cksum's CRC (a BSD {@code sum} style value is not).
     * Null when no line looks like cksum output (no cksum).
     */
    public static CksumFormat cksum(String out, byte[] sample) {
        String expected = Long.toString(new PosixCksum().update(sample).value());
        for (String line : lines(out)) {
            Matcher m = CKSUM.matcher(line);
            if (m.matches()) {
                boolean padded = !m.group(1).isEmpty() || m.group(3).length() > 1;
                boolean crc = m.group(2).equals(expected) && m.group(4).equals(Long.toString(sample.length));
                return new CksumFormat(padded ? "padded" : "plain", crc, line);
            }
        }
        return null;
    }

    /** True when {@code base64 -d} of {@link #BASE64_SAMPLE} printed exactly {@link #BASE64_TEXT}. */
    public static boolean base64Decodes(String out) {
        return out.replace("\r", "").equals(BASE64_TEXT);
    }

    /** True when printf's octal escapes gave {@link #PRINTF_BYTES}: cksum's line for them matches. */
    public static boolean printfOctal(String cksumOut) {
        CksumFormat c = cksum(cksumOut, PRINTF_BYTES);
        return c != null && c.posixCrc();
    }

    /** One candidate work directory as the probe script left it. */
    public record Workdir(String path, boolean existed, boolean mkdir, boolean write, boolean exec, boolean leftover,
                          String nearest) {
        public boolean usable() {
            return mkdir && write && exec;
        }
    }

    /** "QHP-DIR existed mkdir write exec leftover NEAREST PATH" lines; paths may hold spaces only in PATH. */
    public static List<Workdir> workdirs(String out) {
        List<Workdir> w = new ArrayList<>();
        for (String line : lines(out)) {
            String[] f = line.split(" ", 8);
            if (f.length == 8 && f[0].equals("QHP-DIR")) {
                w.add(new Workdir(f[7], bit(f[1]), bit(f[2]), bit(f[3]), bit(f[4]), bit(f[5]), f[6]));
            }
        }
        return w;
    }

    /** The settings of {@code stty -a} the harness cares about; null when stdin was not a terminal. */
    public record Stty(Integer baud, Boolean icanon, Boolean echo, Boolean ixon) {
    }

    public static Stty stty(String out) {
        String text = out.replace("\r", "");
        if (text.isBlank() || text.contains("not a tty") || text.contains("Inappropriate ioctl")
                || text.contains("Not a typewriter")) {
            return null;
        }
        Matcher m = SPEED.matcher(text);
        Integer baud = m.find() ? Integer.valueOf(m.group(1) != null ? m.group(1) : m.group(2)) : null;
        Stty s = new Stty(baud, flag(text, "icanon"), flag(text, "echo"), flag(text, "ixon"));
        return s.icanon() == null && baud == null ? null : s;
    }

    /** {@code getconf MAX_CANON} of the console: the longest line its canonical input takes; null unknown. */
    public static Integer maxCanon(String out) {
        for (String line : lines(out)) {
            if (line.matches("\\d{1,7}")) {
                return Integer.valueOf(line);
            }
        }
        return null;
    }

    /** procnto's arguments as pidin or ps showed them, and whether -U is among them. */
    public record Procnto(String command, boolean unregisteredEvents) {
    }

    /** Null when no line names procnto (not QNX, or neither pidin nor ps could show it). */
    public static Procnto procnto(String out) {
        for (String line : lines(out)) {
            String[] w = line.trim().split("\\s+");
            for (int i = 0; i < w.length; i++) {
                String base = w[i].substring(w[i].lastIndexOf('/') + 1);
                if (base.startsWith("procnto")) {
                    boolean u = false;
                    for (int j = i + 1; j < w.length; j++) {
                        u |= w[j].equals("-U") || w[j].matches("-[A-Za-z]*U[A-Za-z]*") && !w[j].startsWith("--");
                    }
                    return new Procnto(String.join(" ", java.util.Arrays.copyOfRange(w, i, w.length)), u);
                }
            }
        }
        return null;
    }

    /** "qhp-fork STATUS" from the fork check: true when a background child ran and was waited for. */
    public static boolean forks(String out) {
        return lines(out).contains("qhp-fork 0");
    }

    /** The byte sequence a printf-only console transfer writes for {@code bytes}, as printf escapes. */
    public static String escapes(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) {
            b.append(String.format("\\%03o", x & 0xff));
        }
        return b.toString();
    }

    static List<String> lines(String out) {
        List<String> l = new ArrayList<>();
        for (String s : out.replace("\r", "").split("\n")) {
            l.add(s.stripTrailing());
        }
        return l;
    }

    private static String at(List<String> l, int i) {
        return i < l.size() && !l.get(i).isBlank() ? l.get(i).strip() : null;
    }

    private static boolean bit(String s) {
        return "1".equals(s);
    }

    private static Boolean flag(String text, String name) {
        Matcher m = Pattern.compile("(?<![A-Za-z-])(-?)" + name + "(?![A-Za-z])").matcher(text);
        return m.find() ? m.group(1).isEmpty() : null;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
