package io.qnxhil.agent;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static io.qnxhil.agent.Frames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameReaderTest {
    private static FrameReader reader(String text) {
        return new FrameReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsAGoodRecord() throws IOException {
        FrameReader r = reader(frame("{\"type\":\"bye\"}"));
        AgentRecord rec = r.next();
        assertEquals("bye", rec.type());
        assertEquals("{\"type\":\"bye\"}", rec.payload());
        assertEquals(0, rec.offset());
        assertNull(r.next());
    }

    @Test
    void skipsNoiseBeforeTheMarkerOnTheSameLineAndOnOtherLines() throws IOException {
        String noise = "login: qnxuser\r\n[kernel] #QHIL0 not a marker #QHIL";
        FrameReader r = reader(noise + frame("{\"type\":\"info\",\"os\":\"qnxsim\"}") + "echo\n" + frame("{\"type\":\"bye\"}"));
        AgentRecord info = r.next();
        assertEquals("qnxsim", info.text("os"));
        assertEquals(noise.length(), info.offset());
        assertEquals("bye", r.next().type());
        assertNull(r.next());
    }

    @Test
    void badCrcIsReportedWithOffsetAndFirstBytesThenReadingResumes() throws IOException {
        String bad = frame("{\"type\":\"step\",\"ret\":0}").replace("\"ret\":0", "\"ret\":1");
        FrameReader r = reader("xx" + bad + frame("{\"type\":\"bye\"}"));
        ProtocolException e = assertThrows(ProtocolException.class, r::next);
        assertEquals(2, e.offset());
        assertTrue(e.getMessage().contains("at byte 2"), e.getMessage());
        assertTrue(e.getMessage().contains("CRC mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains("starts '{\"type\":\"step\",\"ret\":1}'"), e.getMessage());
        assertEquals("bye", r.next().type());
    }

    @Test
    void truncatedRecordIsReported() {
        String whole = frame("{\"type\":\"end\",\"status\":\"ok\"}");
        FrameReader r = reader(whole.substring(0, whole.length() - 10));
        ProtocolException e = assertThrows(ProtocolException.class, r::next);
        assertTrue(e.getMessage().contains("truncated record"), e.getMessage());
        FrameReader header = reader("#QHIL1 12");
        assertTrue(assertThrows(ProtocolException.class, header::next).getMessage().contains("truncated"));
    }

    @Test
    void oversizeAndMalformedHeadersAreReported() {
        ProtocolException big = assertThrows(ProtocolException.class, () -> reader("#QHIL1 70000 00000000 {}\n").next());
        assertTrue(big.getMessage().contains("record length 70000 outside 1..65536"), big.getMessage());
        ProtocolException zero = assertThrows(ProtocolException.class, () -> reader("#QHIL1 0 00000000 \n").next());
        assertTrue(zero.getMessage().contains("record length 0"), zero.getMessage());
        ProtocolException letters = assertThrows(ProtocolException.class, () -> reader("#QHIL1 1x 0 {}\n").next());
        assertTrue(letters.getMessage().contains("bad length field: '1x'"), letters.getMessage());
        ProtocolException crc = assertThrows(ProtocolException.class, () -> reader("#QHIL1 2 123456789 {}\n").next());
        assertTrue(crc.getMessage().contains("bad crc field"), crc.getMessage());
    }

    @Test
    void payloadMustBeAJsonObjectWithAType() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> reader(frame("[1,2]")).next());
        assertTrue(e.getMessage().contains("not a JSON object with a 'type'"), e.getMessage());
        ProtocolException json = assertThrows(ProtocolException.class, () -> reader(frame("{\"type\":")).next());
        assertTrue(json.getMessage().contains("not valid JSON"), json.getMessage());
    }
}
