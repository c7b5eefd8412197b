package io.qnxhil.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Reads framed records ({@code #QHIL1 <len> <crc32> <json>}) from the agent's output. Anything
 * before a marker is noise (console echo, kernel messages) and is skipped. A record never holds a raw
 * line break, so CR and LF inside one are skipped: on a serial console a kernel message that landed
 * inside a record leaves one there once its own line is taken out. A record whose length,
 * CRC or JSON does not check is reported as a {@link ProtocolException} naming its byte offset and
 * first bytes; the reader never guesses, and after the exception it resumes scanning for the next
 * marker.
 */
public final class FrameReader {
    static final byte[] MARKER = "#QHIL1 ".getBytes(StandardCharsets.US_ASCII);
    public static final int MAX_PAYLOAD = 65536;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InputStream in;
    private long position;

    public FrameReader(InputStream in) {
        this.in = new BufferedInputStream(in, 8192);
    }

    /** The next record, or null at the end of the stream. Blocks while the stream has no data. */
    public AgentRecord next() throws IOException {
        long start = scanToMarker();
        if (start < 0) {
            return null;
        }
        long len = header(start, ' ', 7, 10, "length");
        if (len < 1 || len > MAX_PAYLOAD) {
            throw new ProtocolException(start, "record length " + len + " outside 1.." + MAX_PAYLOAD);
        }
        long crc = header(start, ' ', 8, 16, "crc");
        byte[] payload = readPayload(start, (int) len);
        CRC32 c = new CRC32();
        c.update(payload);
        if (c.getValue() != crc) {
            throw new ProtocolException(start, String.format("CRC mismatch (header %08x, payload %08x); starts '%s'",
                    crc, c.getValue(), preview(payload)));
        }
        return parse(start, payload);
    }

    /** Skips to just after the next marker; returns the marker's offset, or -1 at end of stream. */
    private long scanToMarker() throws IOException {
        int matched = 0;
        while (true) {
            int b = read();
            if (b < 0) {
                return -1;
            }
            if (matched > 0 && isLineBreak(b)) {
                continue;
            }
            if (b == MARKER[matched]) {
                matched++;
                if (matched == MARKER.length) {
                    return position - MARKER.length;
                }
            } else {
                matched = b == MARKER[0] ? 1 : 0;
            }
        }
    }

    /** A header field up to {@code end}: decimal (radix 10) or hex (radix 16), at most maxDigits. */
    private long header(long start, char end, int maxDigits, int radix, String what) throws IOException {
        StringBuilder digits = new StringBuilder();
        while (true) {
            int b = read();
            if (b < 0) {
                throw new ProtocolException(start, "truncated record: end of output inside the " + what
                        + " field after '#QHIL1 " + digits + "'");
            }
            if (isLineBreak(b)) {
                continue;
            }
            if (b == end && !digits.isEmpty()) {
                return Long.parseLong(digits.toString(), radix);
            }
            if (Character.digit(b, radix) < 0 || digits.length() >= maxDigits) {
                throw new ProtocolException(start, "bad " + what + " field: '" + digits + printable(b) + "'");
            }
            digits.append((char) b);
        }
    }

    private byte[] readPayload(long start, int len) throws IOException {
        byte[] payload = new byte[len];
        int got = 0;
        while (got < len) {
            int n = in.read(payload, got, len - got);
            if (n > 0) {
                position += n;
                n = dropLineBreaks(payload, got, n);
            }
            if (n < 0) {
                throw new ProtocolException(start, "truncated record: " + got + " of " + len
                        + " payload bytes before end of output; starts '" + preview(payload, got) + "'");
            }
            got += n;
        }
        return payload;
    }

    /** Removes CR and LF from {@code b[off, off+n)} in place; returns how many bytes are left. */
    private static int dropLineBreaks(byte[] b, int off, int n) {
        int w = off;
        for (int i = off; i < off + n; i++) {
            if (!isLineBreak(b[i])) {
                b[w++] = b[i];
            }
        }
        return w - off;
    }

    private static boolean isLineBreak(int b) {
        return b == '\r' || b == '\n';
    }

    private AgentRecord parse(long start, byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        try {
            JsonNode json = JSON.readTree(text);
            if (json == null || !json.isObject() || !json.path("type").isTextual()) {
                throw new ProtocolException(start, "payload is not a JSON object with a 'type': '" + preview(payload) + "'");
            }
            return new AgentRecord(json.get("type").asText(), json, text, start);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(start, "payload is not valid JSON: '" + preview(payload) + "'", e);
        }
    }

    private int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            position++;
        }
        return b;
    }

    private static String preview(byte[] payload) {
        return preview(payload, payload.length);
    }

    private static String preview(byte[] bytes, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(len, 40); i++) {
            sb.append(printable(bytes[i] & 0xff));
        }
        return len > 40 ? sb + "..." : sb.toString();
    }

    private static String printable(int b) {
        return b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b);
    }
}
