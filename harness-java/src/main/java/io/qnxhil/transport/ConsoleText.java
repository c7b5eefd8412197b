package io.qnxhil.transport;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a serial console printed, seen past the kernel's messages. A board's kernel and system
 * logger write lines like {@code [   31.288] io-sock: em0: link state changed to DOWN} to the
 * console at any byte, also in the middle of a line the harness is waiting for: typically the
 * message starts with a line break of its own ({@code QHE3edb\r\n[ 31.288] ...\r\n7:0}), sometimes
 * it follows a line's end. Two views serve the two kinds of reader:
 * <ul>
 * <li>{@link #withoutMessages}: the text with every message line (from its {@code [} to its line
 * end) removed, line breaks otherwise kept. A message that split a line leaves the line broken in
 * two; readers that need exact output ask again ({@link RemoteShell#query}).</li>
 * <li>{@link #joined}: the text without messages and without any CR or LF, each character mapped
 * back to its offset in the raw text. Markers (which never hold a line break) are searched here, so
 * a marker split by a message, or by the line break in front of one, is still found.</li>
 * </ul>
 */
public final class ConsoleText {
    /** A console message: a bracketed uptime, a space, text to the end of its line. */
    static final Pattern MESSAGE = Pattern.compile("\\[ *\\d{1,7}\\.\\d{1,9}\\] [^\\r\\n]*\\r*\\n");

    private ConsoleText() {
    }

    /** {@code raw} with every console message line removed. */
    public static String withoutMessages(String raw) {
        return MESSAGE.matcher(raw).replaceAll("");
    }

    /** How many console message lines {@code raw} holds. */
    public static int messages(String raw) {
        Matcher m = MESSAGE.matcher(raw);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /**
     * The joined view of {@code raw}: no messages, no CR, no LF. {@code rawIndex[i]} is the offset in
     * {@code raw} of character {@code i} of {@code text}; {@code rawIndex[text.length()]} is {@code raw.length()}.
     */
    public record Joined(String text, int[] rawIndex) {
        /** The raw offset just past the joined character range ending at {@code end} (exclusive). */
        public int rawEnd(int end) {
            return end == 0 ? rawIndex[0] : rawIndex[end - 1] + 1;
        }
    }

    public static Joined joined(String raw) {
        StringBuilder text = new StringBuilder(raw.length());
        int[] index = new int[raw.length() + 1];
        Matcher m = MESSAGE.matcher(raw);
        int nextMessage = m.find() ? m.start() : -1;
        int i = 0;
        while (i < raw.length()) {
            if (i == nextMessage) {
                i = m.end();
                nextMessage = m.find(i) ? m.start() : -1;
                continue;
            }
            char c = raw.charAt(i);
            if (c != '\r' && c != '\n') {
                index[text.length()] = i;
                text.append(c);
            }
            i++;
        }
        index[text.length()] = raw.length();
        return new Joined(text.toString(), java.util.Arrays.copyOf(index, text.length() + 1));
    }
}
