package io.qnxhil.transport;

import java.nio.charset.StandardCharsets;

/**
 * A text buffer keeping the last {@code capacity} characters written to it, with a running count
 * so a reader can ask for "everything since mark" (what a scenario's run wrote). Thread-safe.
 */
public final class BoundedText {
    private final int capacity;
    private final StringBuilder text = new StringBuilder();
    private long written;

    public BoundedText(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void append(byte[] bytes, int len) {
        String s = new String(bytes, 0, len, StandardCharsets.UTF_8);
        text.append(s);
        written += s.length();
        if (text.length() > capacity) {
            text.delete(0, text.length() - capacity);
        }
    }

    /** A position to pass to {@link #since(long)} later. */
    public synchronized long mark() {
        return written;
    }

    /** The text written since {@code mark}, with a note when part of it no longer fits the buffer. */
    public synchronized String since(long mark) {
        long wanted = written - mark;
        if (wanted <= text.length()) {
            return text.substring((int) (text.length() - wanted));
        }
        return "[" + (wanted - text.length()) + " earlier characters dropped]\n" + text;
    }

    public synchronized String all() {
        return since(0);
    }
}
