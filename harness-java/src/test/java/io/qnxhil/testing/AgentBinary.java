package io.qnxhil.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Tests that need the agent built against qnxsim: skipped with the reason when it is not, failed in CI. */
public final class AgentBinary {
    private AgentBinary() {
    }

    public static void requireBuilt(Path agent) {
        if (Files.isExecutable(agent)) {
            return;
        }
        String why = "agent binary " + agent + " not built (make -C target-agent)";
        if (ProjectPaths.inCi()) {
            throw new AssertionError(why + ": CI must build it before the Java tests");
        }
        Assumptions.abort(why);
    }
}
