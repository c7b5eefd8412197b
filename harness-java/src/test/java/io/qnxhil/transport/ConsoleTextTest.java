package io.qnxhil.transport;

import io.qnxhil.agent.AgentRecord;
import io.qnxhil.agent.FrameReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.qnxhil.agent.Frames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kernel messages that land inside markers, records and command output on a serial console. */
class ConsoleTextTest {
    private static final String MID_LINE = "\r\n[   31.288] io-sock: em0: link state changed to DOWN\r\n";
    private static final String LINE_START = "[ 4012.5] devb-sdmmc: sdmmc_sd_setup: SD card detected\r\n";

    /** {@code text} with {@code message} put in front of byte {@code at}. */
    private static String split(String text, int at, String message) {
        return text.substring(0, at) + message + text.substring(at);
    }

    @Test
    void anEndMarkerSplitAtAnyByteIsFoundWithItsStatus() {
        String id = "3edb01a2c4f5";
        String marker = "out\r\nQHE" + id + ":17.\r\n";
        for (String message : List.of(MID_LINE, LINE_START)) {
            for (int at = 0; at <= marker.length(); at++) {
                String raw = split(marker, at, message);
                ConsoleText.Joined j = ConsoleText.joined(raw);
                var m = SerialConsole.endPattern(id).matcher(j.text());
                assertTrue(m.find(), "split at " + at + ": " + raw);
                assertEquals("17", m.group(1), "split at " + at);
                assertEquals('Q', raw.charAt(j.rawIndex()[m.start()]), "split at " + at);
            }
        }
    }

    @Test
    void aStatusCutShortByTheEndOfWhatArrivedIsNotTaken() {
        // "QHE<id>:1" may still be followed by "3." : without the dot nothing is read
        assertNull(find("QHE3edb01a2c4f5:1"));
        assertEquals("13", find("QHE3edb01a2c4f5:1" + MID_LINE + "3."));
    }

    private static String find(String raw) {
        var m = SerialConsole.endPattern("3edb01a2c4f5").matcher(ConsoleText.joined(raw).text());
        return m.find() ? m.group(1) : null;
    }

    @Test
    void joinedOffsetsPointIntoTheRawText() {
        String raw = "ab\r\n" + LINE_START + "cd";
        ConsoleText.Joined j = ConsoleText.joined(raw);
        assertEquals("abcd", j.text());
        assertEquals(raw.lastIndexOf("cd"), j.rawIndex()[2]);
        assertEquals(raw.length(), j.rawEnd(4));
        assertEquals(raw.indexOf('b') + 1, j.rawEnd(2));
    }

    @Test
    void aRecordSplitAtAnyByteIsReadIntactThroughTheConsoleFilter() throws IOException {
        String record = frame("{\"type\":\"step\",\"index\":3,\"actor\":\"server\",\"op\":\"deliver_event\",\"ret\":-1,\"errno\":\"EACCES\"}");
        String next = frame("{\"type\":\"bye\"}");
        for (String message : List.of(MID_LINE, LINE_START)) {
            for (int at = 0; at <= record.length(); at++) {
                String raw = "\r\n" + split(record.replace("\n", "\r\n"), at, message) + next.replace("\n", "\r\n");
                FrameReader r = new FrameReader(new MessageFilter(
                        new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1))));
                AgentRecord step = r.next();
                assertNotNull(step, "split at " + at);
                assertEquals("EACCES", step.text("errno"), "split at " + at + ": " + raw);
                assertEquals("bye", r.next().type(), "split at " + at);
                assertNull(r.next());
            }
        }
    }

    @Test
    void commandOutputLosesMessageLinesAndCountsThem() {
        String raw = "1234" + MID_LINE + "5678 4096 /x\r\n" + LINE_START + "done\r\n";
        assertEquals("1234\r\n5678 4096 /x\r\ndone\r\n", ConsoleText.withoutMessages(raw));
        assertEquals(2, ConsoleText.messages(raw));
        assertEquals(0, ConsoleText.messages("[not a message] 1.5\r\n[12] no fraction\r\n"));
    }

    @Test
    void cksumIsReadInEveryLayoutBoardsPrint() {
        // GNU and toybox: "%u %llu %s"; toybox names nothing for standard input
        assertEquals("3015617425 6", PosixCksum.find("3015617425 6 /data/a\r\n", "/data/a"));
        assertEquals("3015617425 6", PosixCksum.find("3015617425 6\n", null));
        // QNX 7.x: "%10lu %10lu %s", space-padded
        assertEquals("12345 6", PosixCksum.find("     12345          6 /data/a\n", "/data/a"));
        assertEquals("12345 6", PosixCksum.find("     12345          6 -\n", null));
        assertEquals("4294967295 0", PosixCksum.find("4294967295          0\n", null));
        // another file's line, or the tail of a line, is not taken
        assertNull(PosixCksum.find("12345 6 /data/ab\n", "/data/a"));
        assertNull(PosixCksum.find("12345 6 /data/a and more\n", "/data/a"));
        assertEquals(PosixCksum.of("hello\n".getBytes(StandardCharsets.US_ASCII)), "3015617425 6");
    }
}
