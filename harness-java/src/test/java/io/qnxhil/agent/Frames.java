package io.qnxhil.agent;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Builds agent records the way PROTOCOL.md frames them. */
public final class Frames {
    private Frames() {
    }

    public static String frame(String json) {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(payload);
        return String.format("#QHIL1 %d %08x %s\n", payload.length, crc.getValue(), json);
    }
}
