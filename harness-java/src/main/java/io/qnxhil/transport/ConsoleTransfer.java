package io.qnxhil.transport;

import io.qnxhil.board.TransportConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.List;

/**
 * File upload typed into a serial console. The file goes in chunks; the board checks each chunk with
 * POSIX {@code cksum} before appending it to {@code <file>.part}, so a damaged chunk is sent again
 * and an interrupted upload resumes after the last good chunk. Encoding: base64 (3 bytes in 4
 * characters) when the board proves it can decode it, else POSIX {@code printf} escapes, which every
 * POSIX shell has.
 *
 * <p>What is typed respects a QNX serial driver's line discipline (io-char): every line stays under
 * the canonical limit ({@code -C}, 256 bytes), and a chunk goes as small commands of which at most
 * {@link #WINDOW} typed bytes are unacknowledged at any time, below the input buffer ({@code -I},
 * 2048 bytes) that drops what overflows it, since a board's console has no flow control by default.
 */
public final class ConsoleTransfer {
    /** Characters of data per typed line: under the canonical limit with the command around them. */
    static final int LINE = 200;
    /** Typed bytes not yet acknowledged by the board: under io-char's 2 KiB input buffer, with room to spare. */
    static final int WINDOW = 1800;
    /** Data characters per small command: two of them, with their acknowledgements, fit in the window. */
    static final int BATCH = 860;
    private static final int TRIES = 3;

    public enum Mode { PRINTF, BASE64 }

    /** What an upload did. */
    public record Stats(Mode mode, long bytes, long resumedFrom, int chunks, int retries, long sentBytes, Duration took) {
    }

    private final SerialConsole console;
    private final TransportConfig.Serial serial;
    private Stats last;

    ConsoleTransfer(SerialConsole console, TransportConfig.Serial serial) {
        this.console = console;
        this.serial = serial;
    }

    public Stats last() {
        return last;
    }

    /** base64 counts as present only when it decodes a sample correctly on the board. */
    public Mode mode() {
        if (serial.transfer().equals("printf")) {
            return Mode.PRINTF;
        }
        RemoteShell.Result r = console.query("printf '%s\\n' 'cWhpbC1iNjQtb2s=' | base64 -d 2>/dev/null", Duration.ofSeconds(10));
        boolean ok = r.ok() && r.out().contains("qhil-b64-ok");
        if (!ok && serial.transfer().equals("base64")) {
            throw new TransportException(console.describe() + ": transfer: base64 is configured but the board has no"
                    + " working base64 -d");
        }
        return ok ? Mode.BASE64 : Mode.PRINTF;
    }

    public void upload(Path local, String remote) {
        upload(local, remote, mode());
    }

    public Stats upload(Path local, String remote, Mode mode) {
        synchronized (console) {
            return send(local, remote, mode);
        }
    }

    private Stats send(Path local, String remote, Mode mode) {
        long t0 = System.nanoTime();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(local);
        } catch (IOException e) {
            throw new TransportException("cannot read " + local + ": " + e.getMessage(), e);
        }
        String part = remote + ".part";
        int chunk = serial.chunkBytes();
        // the paths once, in shell variables: every later line stays short
        RemoteShell.Result names = console.run("qp=" + RemoteShell.quote(part) + "\nqc=\"${qp%.part}.chunk\"",
                Duration.ofSeconds(30));
        if (!names.ok()) {
            throw new TransportException(console.describe() + ": the shell refused a variable assignment: " + console.tail(names.out()));
        }
        long resume = resumePoint(part, bytes, chunk);
        long sent = 0;
        int chunks = 0;
        int retries = 0;
        for (int off = (int) resume; off < bytes.length; off += chunk) {
            byte[] c = Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + chunk));
            Chunk commands = chunkCommands(c, mode);
            for (int attempt = 1; ; attempt++) {
                RemoteShell.Result r = sendChunk(commands);
                sent += commands.typed();
                if (r.ok()) {
                    break;
                }
                if (attempt == TRIES) {
                    throw new TransportException(console.describe() + ": chunk at byte " + off + " of " + local.getFileName()
                            + " failed its checksum " + TRIES + " times (" + mode + "); the board says: " + console.tail(r.out()));
                }
                retries++;
            }
            chunks++;
        }
        RemoteShell.Result done = console.run("chmod 755 \"$qp\" && mv -f \"$qp\" " + RemoteShell.quote(remote), Duration.ofSeconds(30));
        if (!done.ok()) {
            throw new TransportException(console.describe() + ": cannot install " + remote + ": " + console.tail(done.out()));
        }
        last = new Stats(mode, bytes.length, resume, chunks, retries, sent, Duration.ofNanos(System.nanoTime() - t0));
        return last;
    }

    /**
     * Types a chunk: empties the scratch file, types the data commands each followed by a short
     * acknowledgement ({@code echo QA<id>.<n>:}) while at most {@link #WINDOW} typed bytes are
     * unacknowledged, then runs the check. A missing acknowledgement interrupts the shell (^C ends an
     * unfinished here-document) and fails the chunk, which is then sent again.
     */
    private RemoteShell.Result sendChunk(Chunk chunk) {
        RemoteShell.Result reset = console.run(": > \"$qc\"", Duration.ofSeconds(30));
        if (!reset.ok()) {
            return reset;
        }
        String id = SerialConsole.newId();
        Duration each = timeoutFor(WINDOW);
        Deque<long[]> open = new ArrayDeque<>(); // {n, typed bytes, log offset when typed}
        int unacknowledged = 0;
        for (int n = 0; n <= chunk.data().size(); n++) {
            String text = n < chunk.data().size() ? chunk.data().get(n) + "\necho QA" + id + "." + n + ":\n" : "";
            while (!open.isEmpty() && (text.isEmpty() || unacknowledged + text.length() > WINDOW)) {
                long[] oldest = open.removeFirst();
                unacknowledged -= (int) oldest[1];
                if (!acknowledged(id, oldest, each)) {
                    console.write("\u0003");
                    return new RemoteShell.Result(9, "no acknowledgement of data command " + oldest[0] + " within "
                            + each.toMillis() + " ms", "");
                }
            }
            if (!text.isEmpty()) {
                console.checkLines(text);
                long from = console.log().end();
                console.write(text);
                open.addLast(new long[] {n, text.length(), from});
                unacknowledged += text.length();
            }
        }
        return console.run(chunk.check(), Duration.ofSeconds(30));
    }

    private boolean acknowledged(String id, long[] command, Duration wait) {
        try {
            return console.log().awaitJoined(java.util.regex.Pattern.compile("QA" + id + "\\." + command[0] + ":"),
                    command[2], System.nanoTime() + wait.toNanos()) != null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted");
        }
    }

    /** Where to go on: the length of {@code part} when it is a whole number of chunks matching the file, else 0. */
    private long resumePoint(String part, byte[] bytes, int chunk) {
        RemoteShell.Result r = console.query("cksum < \"$qp\" 2>/dev/null || true", Duration.ofSeconds(30));
        String found = PosixCksum.find(r.out(), null);
        if (found != null) {
            long len = Long.parseLong(found.substring(found.indexOf(' ') + 1));
            if (len > 0 && len <= bytes.length && len % chunk == 0
                    && new PosixCksum().update(bytes, 0, (int) len).line().equals(found)) {
                return len;
            }
        }
        RemoteShell.Result t = console.run(": > \"$qp\"", Duration.ofSeconds(30));
        if (!t.ok()) {
            throw new TransportException(console.describe() + ": cannot write " + part + ": " + console.tail(t.out()));
        }
        return 0;
    }

    /** One chunk as typed: data commands that append to {@code $qc}, and the check that appends it to {@code $qp}. */
    record Chunk(List<String> data, String check) {
        int typed() {
            return data.stream().mapToInt(String::length).sum() + check.length();
        }
    }

    /**
     * The commands that send one chunk: data commands of about {@link #BATCH} characters appending to the
     * scratch file {@code $qc}, and the check of its cksum on the board, whose exit status 0 means appended
     * to {@code $qp}. Every line is at most {@link #LINE} data characters plus the command around them.
     */
    static Chunk chunkCommands(byte[] c, Mode mode) {
        List<String> out = new ArrayList<>();
        List<String> lines = mode == Mode.BASE64 ? base64Lines(c) : printfLines(c);
        StringBuilder batch = new StringBuilder();
        for (String line : lines) {
            if (batch.length() + line.length() > BATCH && !batch.isEmpty()) {
                out.add(batchCommand(batch, mode));
                batch.setLength(0);
            }
            batch.append(line).append('\n');
        }
        if (!batch.isEmpty()) {
            out.add(batchCommand(batch, mode));
        }
        return new Chunk(out, "set -- $(cksum < \"$qc\"); if [ \"$1 $2\" = '" + PosixCksum.of(c) + "' ]; then cat \"$qc\""
                + " >> \"$qp\"; qh=$?; else qh=9; fi; rm -f \"$qc\"; [ $qh = 0 ]");
    }

    private static String batchCommand(StringBuilder lines, Mode mode) {
        return mode == Mode.BASE64
                ? "base64 -d >> \"$qc\" <<'E'\n" + lines + "E"
                : "{\n" + lines + "} >> \"$qc\"";
    }

    /** base64 lines of whole 3-byte groups, so each small command decodes on its own. */
    private static List<String> base64Lines(byte[] c) {
        List<String> lines = new ArrayList<>();
        int per = LINE / 4 * 3;
        for (int i = 0; i < c.length; i += per) {
            lines.add(Base64.getEncoder().encodeToString(Arrays.copyOfRange(c, i, Math.min(c.length, i + per))));
        }
        return lines;
    }

    private static List<String> printfLines(byte[] c) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < c.length; i++) {
            int b = c[i] & 0xff;
            // a format starting with '-' would be taken for an option
            if (line.isEmpty() && b == '-') {
                line.append("\\055");
            } else {
                boolean digitNext = i + 1 < c.length && c[i + 1] >= '0' && c[i + 1] <= '7';
                line.append(printfEscape(b, digitNext));
            }
            if (line.length() >= LINE - 4) {
                lines.add("printf '" + line + "'");
                line.setLength(0);
            }
        }
        if (!line.isEmpty()) {
            lines.add("printf '" + line + "'");
        }
        return lines;
    }

    /**
     * A byte in a printf format inside single quotes: itself when plainly printable, else an octal escape
     * of one to three digits (POSIX printf), all three when an octal digit follows.
     */
    static String printfEscape(int b, boolean octalDigitNext) {
        if (b >= 0x20 && b < 0x7f && b != '\'' && b != '\\' && b != '%') {
            return String.valueOf((char) b);
        }
        return octalDigitNext ? String.format("\\%03o", b) : "\\" + Integer.toOctalString(b);
    }

    private Duration timeoutFor(int chars) {
        long lineRate = Math.max(1, serial.baud() / 10);
        return Duration.ofMillis(10_000 + 3000L * chars / lineRate);
    }
}
