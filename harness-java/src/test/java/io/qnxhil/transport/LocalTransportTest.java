package io.qnxhil.transport;

import io.qnxhil.agent.AgentConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs small shell scripts in place of the agent binary. */
class LocalTransportTest {
    @TempDir
    Path dir;

    private Path script(String body) throws IOException {
        Path f = dir.resolve("agent.sh");
        Files.writeString(f, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));
        return f;
    }

    /** Frames one record in sh: printf with the length and CRC computed here. */
    private static String record(String json) {
        String framed = io.qnxhil.agent.Frames.frame(json);
        return "printf '%s\\n' '" + framed.strip() + "'\n";
    }

    @Test
    void boardEnvironmentIsAddedToTheInheritedOneAndRecordsArrive() throws IOException {
        String home = System.getenv("HOME");
        Path agent = script("read line\n" + record("{\"type\":\"info\",\"os\":\"qnxsim\"}")
                + "echo \"env=$QHIL_TEST_VAR home=$HOME line=$line\" >&2\n");
        try (AgentConnection c = new AgentConnection(new LocalTransport(agent).start(Map.of("QHIL_TEST_VAR", "42")), "t")) {
            c.send("info");
            AgentConnection.Event ev = c.poll(Duration.ofSeconds(10));
            assertInstanceOf(AgentConnection.Received.class, ev);
            assertEquals("qnxsim", ((AgentConnection.Received) ev).record().text("os"));
            assertInstanceOf(AgentConnection.Ended.class, c.poll(Duration.ofSeconds(10)));
            c.close();
            assertEquals("env=42 home=" + home + " line=info\n", c.stderr().all());
        }
    }

    @Test
    void everyWaitIsBounded() throws IOException {
        Path agent = script("sleep 30\n");
        try (AgentConnection c = new AgentConnection(new LocalTransport(agent).start(Map.of()), "t")) {
            long t0 = System.nanoTime();
            assertEquals(null, c.poll(Duration.ofMillis(200)));
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos());
            assertTrue(c.isAlive());
            c.kill();
            assertFalse(c.isAlive());
        }
    }

    @Test
    void stderrIsDrainedWhileTheAgentWrites() throws IOException {
        Path agent = script("i=0; while [ $i -lt 2000 ]; do echo \"diagnostic line $i of a chatty agent\" >&2; i=$((i+1)); done\n"
                + record("{\"type\":\"bye\"}"));
        try (AgentConnection c = new AgentConnection(new LocalTransport(agent).start(Map.of()), "t")) {
            assertInstanceOf(AgentConnection.Received.class, c.poll(Duration.ofSeconds(20)),
                    "the agent must not block on a full stderr pipe");
            c.close();
            assertTrue(c.stderr().all().contains("diagnostic line 1999"));
        }
    }

    @Test
    void missingBinaryIsReportedWithTheFix() {
        TransportException e = assertThrows(TransportException.class,
                () -> new LocalTransport(dir.resolve("nope")).start(Map.of()));
        assertTrue(e.getMessage().contains("make -C target-agent"), e.getMessage());
    }

    @Test
    void boundedTextKeepsTheTailAndSaysWhatWasDropped() {
        BoundedText t = new BoundedText(10);
        long mark = t.mark();
        t.append("0123456789abcdef".getBytes(), 16);
        assertEquals("[6 earlier characters dropped]\n6789abcdef", t.since(mark));
        long later = t.mark();
        t.append("XY".getBytes(), 2);
        assertEquals("XY", t.since(later));
    }
}
