package io.qnxhil.agent;

import io.qnxhil.testing.AgentBinary;
import io.qnxhil.testing.ProjectPaths;
import io.qnxhil.transport.LocalTransport;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The controller's heartbeats keep the real agent (simulated board) alive past its deadline, and
 * once they stop the agent leaves by itself with status 4: a hung controller leaves nothing running.
 */
class AgentHeartbeatTest {

    private static Path agent() {
        Path p = ProjectPaths.root().resolve("target-agent/build/nto800/qnx-hil-agent");
        AgentBinary.requireBuilt(p);
        return p;
    }

    @Test
    void heartbeatsKeepTheAgentAndTheirAbsenceEndsIt() throws InterruptedException {
        try (AgentConnection c = new AgentConnection(new LocalTransport(agent()).start(Map.of()), "hb")) {
            c.startHeartbeat(Duration.ofMillis(600));
            Thread.sleep(2000);         // more than three deadlines
            assertTrue(c.isAlive(), "the agent left although heartbeats were sent: " + c.stderr().since(0));
            c.stopHeartbeat();
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (c.isAlive() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertTrue(!c.isAlive(), "the agent is still running 5 s after the heartbeats stopped");
            assertEquals("exited with status 4", c.state());
        }
    }
}
