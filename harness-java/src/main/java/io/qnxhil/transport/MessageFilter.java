package io.qnxhil.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A console's output with the kernel's message lines left out ({@link ConsoleText#MESSAGE}). Works line by
 * line: a message always ends at a line end, so each complete line is cleaned as it arrives; a partial
 * line is passed on only at the end of the stream. A message that split a line leaves the line's two
 * parts around a line break; the frame reader skips line breaks inside a record.
 */
final class MessageFilter extends InputStream {
    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final byte[] buf = new byte[4096];
    private byte[] ready = new byte[0];
    private int readyPos;
    private boolean eof;

    MessageFilter(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (readyPos >= ready.length) {
            if (eof) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, ready.length - readyPos);
        System.arraycopy(ready, readyPos, b, off, n);
        readyPos += n;
        return n;
    }

    /** Reads until at least one complete line (or the end) is there, and cleans what is complete. */
    private void fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            eof = true;
            ready = clean(line.toString(StandardCharsets.ISO_8859_1));
            line.reset();
            readyPos = 0;
            return;
        }
        line.write(buf, 0, n);
        String text = line.toString(StandardCharsets.ISO_8859_1);
        int lastNl = text.lastIndexOf('\n');
        if (lastNl < 0) {
            ready = new byte[0];
            readyPos = 0;
            return;
        }
        ready = clean(text.substring(0, lastNl + 1));
        readyPos = 0;
        line.reset();
        line.write(text.substring(lastNl + 1).getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] clean(String text) {
        return ConsoleText.withoutMessages(text).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
