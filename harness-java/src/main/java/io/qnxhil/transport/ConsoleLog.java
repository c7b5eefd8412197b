package io.qnxhil.transport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything a serial console printed, addressed by absolute byte offset, so several readers (the
 * command framer, the agent's record stream) can each follow it from their own position. Old bytes
 * beyond {@link #CAPACITY} are dropped. Thread-safe; readers wait with a deadline, never forever.
 */
final class ConsoleLog {
    static final int CAPACITY = 8 << 20;

    private byte[] data = new byte[64 * 1024];
    private int size;
    private long base;
    private boolean closed;
    private String closedWhy;

    synchronized void append(byte[] b, int len) {
        if (size + len > data.length) {
            if (size + len > CAPACITY) {
                int drop = size + len - CAPACITY / 2;
                drop = Math.min(drop, size);
                System.arraycopy(data, drop, data, 0, size - drop);
                size -= drop;
                base += drop;
            }
            if (size + len > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, size + len));
            }
        }
        System.arraycopy(b, 0, data, size, len);
        size += len;
        notifyAll();
    }

    /** The console is gone (port closed underneath, or closed by us). */
    synchronized void close(String why) {
        if (!closed) {
            closed = true;
            closedWhy = why;
        }
        notifyAll();
    }

    synchronized boolean closed() {
        return closed;
    }

    synchronized String closedWhy() {
        return closedWhy;
    }

    synchronized long end() {
        return base + size;
    }

    /**
     * Copies bytes from {@code pos} on; waits up to {@code waitMs} while none are there.
     * Returns 0 when none came, -1 when the console is closed and everything was read.
     */
    synchronized int read(long pos, byte[] b, int off, int len, long waitMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMs;
        while (pos >= base + size) {
            if (closed) {
                return -1;
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return 0;
            }
            wait(left);
        }
        int from = (int) Math.max(0, pos - base);
        int n = Math.min(len, size - from);
        System.arraycopy(data, from, b, off, n);
        return n;
    }

    synchronized String text(long from, long to) {
        int a = (int) Math.max(0, from - base);
        int z = (int) Math.max(a, Math.min(size, to - base));
        return new String(data, a, z - a, StandardCharsets.ISO_8859_1);
    }

    /**
     * Waits until {@code pattern} matches the {@link ConsoleText#joined joined} text from {@code from} on
     * (console messages and line breaks left out, so a marker split by a kernel message still matches);
     * returns the match with absolute raw offsets (start, end) followed by its groups as numbers, or null
     * on timeout or when the console closed.
     */
    synchronized long[] awaitJoined(Pattern pattern, long from, long deadlineNanos) throws InterruptedException {
        while (true) {
            long start = Math.max(from, base);
            ConsoleText.Joined j = ConsoleText.joined(text(start, base + size));
            Matcher m = pattern.matcher(j.text());
            if (m.find()) {
                long[] out = new long[2 + m.groupCount()];
                out[0] = start + j.rawIndex()[m.start()];
                out[1] = start + j.rawEnd(m.end());
                for (int g = 1; g <= m.groupCount(); g++) {
                    out[1 + g] = m.group(g) == null ? -1 : Long.parseLong(m.group(g));
                }
                return out;
            }
            long left = deadlineNanos - System.nanoTime();
            if (closed || left <= 0) {
                return null;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
