package io.qnxhil.transport;

import io.qnxhil.board.TransportConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

/**
 * File upload typed into a serial console. The file goes in chunks; the board checks each chunk with
 * POSIX {@code cksum} before appending it to {@code <file>.part}, so a damaged chunk is sent again
 * and an interrupted upload resumes after the last good chunk. Encoding: base64 (3 bytes in 4
 * characters) when the board proves it can decode it, else POSIX {@code printf} escapes, which every
 * POSIX shell has.
 */
public final class ConsoleTransfer {
    /** Characters per line typed to the board: far below every tty's canonical line limit. */
    static final int LINE = 1000;
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
        RemoteShell.Result r = console.run("printf '%s\\n' 'cWhpbC1iNjQtb2s=' | base64 -d 2>/dev/null", Duration.ofSeconds(10));
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
        long t0 = System.nanoTime();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(local);
        } catch (IOException e) {
            throw new TransportException("cannot read " + local + ": " + e.getMessage(), e);
        }
        String part = remote + ".part";
        String chunkFile = remote + ".chunk";
        int chunk = serial.chunkBytes();
        long resume = resumePoint(part, bytes, chunk);
        long sent = 0;
        int chunks = 0;
        int retries = 0;
        for (int off = (int) resume; off < bytes.length; off += chunk) {
            byte[] c = Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + chunk));
            String command = chunkCommand(c, mode, part, chunkFile);
            Duration timeout = timeoutFor(command.length());
            for (int attempt = 1; ; attempt++) {
                sent += command.length();
                RemoteShell.Result r = console.run(command, timeout);
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
        RemoteShell.Result done = console.run("chmod 755 " + RemoteShell.quote(part) + " && mv -f " + RemoteShell.quote(part)
                + " " + RemoteShell.quote(remote), Duration.ofSeconds(30));
        if (!done.ok()) {
            throw new TransportException(console.describe() + ": cannot install " + remote + ": " + console.tail(done.out()));
        }
        last = new Stats(mode, bytes.length, resume, chunks, retries, sent, Duration.ofNanos(System.nanoTime() - t0));
        return last;
    }

    /** Where to go on: the length of {@code part} when it is a whole number of chunks matching the file, else 0. */
    private long resumePoint(String part, byte[] bytes, int chunk) {
        RemoteShell.Result r = console.run("cksum < " + RemoteShell.quote(part) + " 2>/dev/null || true", Duration.ofSeconds(30));
        String found = PosixCksum.find(r.out(), null);
        if (found != null) {
            long len = Long.parseLong(found.substring(found.indexOf(' ') + 1));
            if (len > 0 && len <= bytes.length && len % chunk == 0
                    && new PosixCksum().update(bytes, 0, (int) len).line().equals(found)) {
                return len;
            }
        }
        RemoteShell.Result t = console.run(": > " + RemoteShell.quote(part), Duration.ofSeconds(30));
        if (!t.ok()) {
            throw new TransportException(console.describe() + ": cannot write " + part + ": " + console.tail(t.out()));
        }
        return 0;
    }

    /** A command that writes the chunk to a scratch file, checks its cksum on the board and appends it. Exit 0 = appended. */
    static String chunkCommand(byte[] c, Mode mode, String part, String chunkFile) {
        String cf = RemoteShell.quote(chunkFile);
        StringBuilder sb = new StringBuilder();
        if (mode == Mode.BASE64) {
            String b64 = Base64.getEncoder().encodeToString(c);
            sb.append("base64 -d > ").append(cf).append(" <<'QHEOF'\n");
            for (int i = 0; i < b64.length(); i += LINE) {
                sb.append(b64, i, Math.min(b64.length(), i + LINE)).append('\n');
            }
            sb.append("QHEOF\n");
        } else {
            sb.append("{\n");
            StringBuilder line = new StringBuilder();
            for (byte b : c) {
                // a format starting with '-' would be taken for an option
                line.append(line.isEmpty() && b == '-' ? "\\055" : printfEscape(b & 0xff));
                if (line.length() >= LINE - 4) {
                    sb.append("printf '").append(line).append("'\n");
                    line.setLength(0);
                }
            }
            if (!line.isEmpty()) {
                sb.append("printf '").append(line).append("'\n");
            }
            sb.append("} > ").append(cf).append('\n');
        }
        String expected = PosixCksum.of(c);
        sb.append("set -- $(cksum < ").append(cf).append("); if [ \"$1 $2\" = '").append(expected)
                .append("' ]; then cat ").append(cf).append(" >> ").append(RemoteShell.quote(part))
                .append("; qh=$?; else qh=9; fi; rm -f ").append(cf).append("; [ $qh = 0 ]");
        return sb.toString();
    }

    /** A byte in a printf format inside single quotes: itself when plainly printable, else a 3-digit octal escape. */
    static String printfEscape(int b) {
        if (b >= 0x20 && b < 0x7f && b != '\'' && b != '\\' && b != '%') {
            return String.valueOf((char) b);
        }
        return String.format("\\%03o", b);
    }

    private Duration timeoutFor(int chars) {
        long lineRate = Math.max(1, serial.baud() / 10);
        return Duration.ofMillis(10_000 + 3000L * chars / lineRate);
    }
}
