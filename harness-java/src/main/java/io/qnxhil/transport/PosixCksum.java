package io.qnxhil.transport;

/**
 * The checksum of POSIX {@code cksum}: CRC-32 with polynomial 0x04C11DB7 (MSB first) over the data
 * and then its length, complemented. Every POSIX board has {@code cksum}, so it verifies files and
 * console transfer chunks where nothing else is known to exist.
 */
public final class PosixCksum {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i << 24;
            for (int k = 0; k < 8; k++) {
                c = (c & 0x80000000) != 0 ? (c << 1) ^ 0x04C11DB7 : c << 1;
            }
            TABLE[i] = c;
        }
    }

    private int crc;
    private long length;

    public PosixCksum update(byte[] data, int off, int len) {
        for (int i = off; i < off + len; i++) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ data[i]) & 0xff];
        }
        length += len;
        return this;
    }

    public PosixCksum update(byte[] data) {
        return update(data, 0, data.length);
    }

    /** The value cksum prints first, as an unsigned 32-bit number. */
    public long value() {
        int c = crc;
        for (long n = length; n != 0; n >>>= 8) {
            c = (c << 8) ^ TABLE[((c >>> 24) ^ (int) n) & 0xff];
        }
        return (~c) & 0xffffffffL;
    }

    public long length() {
        return length;
    }

    /** "value length", the first two fields of cksum's output. */
    public String line() {
        return value() + " " + length;
    }

    /**
     * The "value length" cksum printed for {@code file} (or, when null, for its standard input) in
     * a console's output, which may hold prompts and kernel messages too; null when absent. Both
     * layouts boards print are read: {@code %u %llu %s} (GNU, toybox: no name for standard input) and
     * QNX 7.x's space-padded {@code %10lu %10lu %s} (which may name standard input "-").
     */
    public static String find(String output, String file) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(file == null
                ? "(?m)^[ \\t]*(\\d{1,10})[ \\t]+(\\d{1,19})(?:[ \\t]+-)?[ \\t]*$"
                : "(?m)^[ \\t]*(\\d{1,10})[ \\t]+(\\d{1,19})[ \\t]+" + java.util.regex.Pattern.quote(file) + "[ \\t]*$");
        java.util.regex.Matcher m = p.matcher(output.replace("\r", ""));
        return m.find() ? Long.parseLong(m.group(1)) + " " + Long.parseLong(m.group(2)) : null;
    }

    public static String of(byte[] data) {
        return new PosixCksum().update(data).line();
    }
}
