package io.qnxhil.engine;

import io.qnxhil.testing.AgentBinary;
import io.qnxhil.testing.ProjectPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TestEngine on the JUnit Platform, driven by the platform's own test kit: the tree it
 * discovers (plan → board → scenario), and how each verdict reaches the platform — PASS as
 * success, FAIL as an assertion failure, BROKEN as an infrastructure error, never mixed up.
 */
class QnxHilTestEngineTest {
    private static Path root;

    @TempDir
    Path tmp;

    @BeforeAll
    static void built() {
        root = ProjectPaths.root();
        AgentBinary.requireBuilt(root.resolve("target-agent/build/nto800/qnx-hil-agent"));
    }

    private EngineExecutionResults run(Path board, Path runDir) {
        return EngineTestKit.engine(QnxHilTestEngine.ID)
                .configurationParameter(EngineSettings.PLAN, root.resolve("test-plans/smoke.yaml").toString())
                .configurationParameter(EngineSettings.BOARDS, board.toString())
                .configurationParameter(EngineSettings.PROJECT_ROOT, root.toString())
                .configurationParameter(EngineSettings.RUN_DIR, runDir.toString())
                .selectors(DiscoverySelectors.selectUniqueId(UniqueId.forEngine(QnxHilTestEngine.ID)))
                .execute();
    }

    private Path board(String from, String to) throws IOException {
        String sim = Files.readString(root.resolve("board-configs/sim.yaml"));
        String patched = sim.replaceFirst(from, to);
        assertTrue(!patched.equals(sim), "patched " + from);
        Path b = tmp.resolve("board-" + Math.abs(to.hashCode()) + ".yaml");
        Files.writeString(b, patched);
        return b;
    }

    @Test
    void theSmokePlanIsATreeOfPlanBoardAndFourScenariosThatPass() {
        Path runDir = tmp.resolve("ok");
        EngineExecutionResults r = run(root.resolve("board-configs/sim.yaml"), runDir);
        r.testEvents().assertStatistics(s -> s.started(4).succeeded(4).failed(0).aborted(0));
        // engine, plan, board
        r.containerEvents().assertStatistics(s -> s.started(3).succeeded(3));
        List<UniqueId> ids = r.testEvents().started().stream().map(e -> e.getTestDescriptor().getUniqueId()).toList();
        assertTrue(ids.stream().allMatch(id -> id.toString().contains("[plan:smoke]/[board:sim]/[scenario:register.")), ids.toString());
        assertTrue(Files.isRegularFile(runDir.resolve("journal.jsonl")));
    }

    @Test
    void aProductFaultIsAnAssertionFailureOfThatScenarioOnly() throws IOException {
        EngineExecutionResults r = run(board("(?m)^env:.*$", "env: {QNXSIM_FAULTS: ignore-updateable}"), tmp.resolve("fault"));
        r.testEvents().assertStatistics(s -> s.started(4).succeeded(3).failed(1));
        Event failed = r.testEvents().failed().list().get(0);
        assertEquals("register.updateable-value-is-the-servers", failed.getTestDescriptor().getDisplayName());
        Throwable t = failed.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        assertInstanceOf(AssertionFailedError.class, t);
        assertTrue(t.getMessage().contains("observed"), t.getMessage());
    }

    @Test
    void aBoardWhoseAgentCannotStartIsBrokenNotFailed() throws IOException {
        Path runDir = tmp.resolve("broken");
        EngineExecutionResults r = run(board("qnx-hil-agent", "no-such-agent"), runDir);
        r.testEvents().assertStatistics(s -> s.started(4).succeeded(0).failed(4));
        for (Event e : r.testEvents().failed().list()) {
            Throwable t = e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                    .getThrowable().orElseThrow();
            assertInstanceOf(ScenarioDescriptor.InfrastructureException.class, t, t.toString());
        }
        String journal = Files.readString(runDir.resolve("journal.jsonl"));
        assertEquals(4, journal.lines().filter(l -> l.contains("\"verdict\":\"BROKEN\"")).count(), journal);
        assertTrue(journal.contains("no-such-agent"), "the reason names what is missing");
    }
}
