package io.qnxhil.run;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.board.TransportConfig;
import io.qnxhil.plan.Plan;
import io.qnxhil.plan.PlanLoader;
import io.qnxhil.testing.ProjectPaths;
import io.qnxhil.testing.AgentBinary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plans through the real agent on the simulated board, for both profiles. Skipped (with the reason)
 * only when the agent has not been built and CI is not set; in CI a missing agent fails.
 */
class SimBoardSessionTest {

    /** The smoke plan, and one scenario per further model rule, on both simulated profiles. */
    static Stream<Arguments> plansAndBoards() throws URISyntaxException {
        Path rules = Path.of(SimBoardSessionTest.class.getResource("/plans/model-rules.yaml").toURI());
        Path smoke = ProjectPaths.plans().resolve("smoke.yaml");
        return Stream.of(smoke, rules).flatMap(p -> Stream.of("sim.yaml", "sim-nto710.yaml").map(b -> Arguments.of(p, b)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("plansAndBoards")
    void planPassesOnTheSimulatedBoard(Path planFile, String boardFile) {
        Path root = ProjectPaths.root();
        BoardConfig config = BoardConfigLoader.load(ProjectPaths.boardConfigs().resolve(boardFile), root);
        AgentBinary.requireBuilt(((TransportConfig.Local) config.transport()).agent());
        Plan plan = PlanLoader.load(planFile);
        try (BoardSession session = BoardSessions.open(config, root)) {
            assertEquals("qnxsim", session.info().os());
            assertTrue(session.info().release().startsWith(config.release()), session.info().release());
            for (var scenario : plan.scenarios()) {
                ScenarioResult r = session.execute(scenario);
                assertEquals(Verdict.PASS, r.verdict(), () -> scenario.id() + ": " + r.reason()
                        + "\nsteps: " + r.steps().stream().map(StepResult::message).toList()
                        + "\nrecords: " + r.agentRecords() + "\nstderr: " + r.agentStderr());
                assertEquals(scenario.steps().size(), r.steps().size());
            }
        }
    }
}
