package io.qnxhil.run;

import io.qnxhil.agent.Observation;
import io.qnxhil.model.Expectation;
import io.qnxhil.plan.PlanLoader;
import io.qnxhil.plan.Scenario;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A set_uid step the agent may not carry out (not root) makes the scenario SKIPPED, never FAIL. */
class PrivilegeSkipTest {

    private static Scenario setUid() throws Exception {
        Path plan = Path.of(PrivilegeSkipTest.class.getResource("/plans/agent-ops.yaml").toURI());
        return PlanLoader.load(plan).scenarios().stream().filter(s -> s.id().equals("ops.set_uid")).findFirst()
                .orElseThrow();
    }

    private static ScenarioTrace trace(Scenario s, Map<String, Object> setUidDetail) {
        ScenarioTrace t = new ScenarioTrace();
        for (var step : s.steps()) {
            boolean isSetUid = step.op().equals("set_uid");
            t.observations.put(step.index(), new Observation(isSetUid ? -1 : 0, isSetUid ? "EPERM" : "EOK", Map.of(),
                    null, isSetUid ? setUidDetail : Map.of(), 0, "{}"));
        }
        t.endStatus = "ok";
        return t;
    }

    @Test
    void notPermittedIsSkippedWithTheAgentsReason() throws Exception {
        Scenario s = setUid();
        List<Expectation> any = Collections.nCopies(s.steps().size(),
                Expectation.unspecified(Expectation.ANY, null, "test"));
        ResultAssembler.Outcome skipped = ResultAssembler.assemble(s, any,
                trace(s, Map.of("skip", "needs root: the agent runs as uid 1000")));
        assertEquals(Verdict.SKIPPED, skipped.verdict());
        assertTrue(skipped.reason().contains("needs root: the agent runs as uid 1000"), skipped.reason());
        ResultAssembler.Outcome plain = ResultAssembler.assemble(s, any, trace(s, Map.of()));
        assertNotEquals(Verdict.SKIPPED, plain.verdict(), plain.reason());
    }
}
