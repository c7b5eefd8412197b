package io.qnxhil.run;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.TransportConfig;
import io.qnxhil.model.ScenarioTextAccess;
import io.qnxhil.plan.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real child process that crashes on every scenario: each one is BROKEN, with the agent's last words. */
class CrashingAgentTest {
    @TempDir
    Path dir;

    @Test
    void crashedAgentIsReportedAndRestartedForEveryScenario() throws IOException {
        Path agent = dir.resolve("agent.sh");
        Files.writeString(agent, "#!/bin/sh\nwhile read line; do case \"$line\" in\n"
                + "info) printf '%s\\n' '" + FakeAgent.info("8.0.0").strip() + "';;\n"
                + "run) echo \"agent $$: fatal: cannot fork actor\" >&2; exit 3;;\n"
                + "esac; done\n");
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwx------"));
        BoardConfig config = new BoardConfig("crashy", "qnxsim", "8.0", "x86_64", false,
                new TransportConfig.Local(agent), Map.of(), Duration.ofSeconds(2), Duration.ofSeconds(5), dir.resolve("b.yaml"));
        Scenario s = ScenarioTextAccess.parse("- server channel_create: {as: chid}\n");
        try (BoardSession session = BoardSessions.open(config, dir)) {
            for (int i = 0; i < 2; i++) {
                ScenarioResult r = session.execute(s);
                assertEquals(Verdict.BROKEN, r.verdict());
                assertTrue(r.reason().contains("the agent stopped") && r.reason().contains("exited with status 3"),
                        r.reason());
                assertTrue(r.agentStderr().contains("fatal: cannot fork actor"), r.agentStderr());
                assertEquals(StepResult.Status.BROKEN, r.steps().get(0).status());
            }
            assertEquals(2, session.agentLog().split("fatal: cannot fork actor", -1).length - 1, session.agentLog());
        }
    }
}
