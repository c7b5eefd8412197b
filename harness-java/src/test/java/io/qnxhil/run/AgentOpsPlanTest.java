package io.qnxhil.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qnxhil.agent.AgentRecord;
import io.qnxhil.agent.Observation;
import io.qnxhil.agent.RecordDecoder;
import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.board.TransportConfig;
import io.qnxhil.plan.OpCatalog;
import io.qnxhil.plan.Plan;
import io.qnxhil.plan.PlanLoader;
import io.qnxhil.plan.Scenario;
import io.qnxhil.plan.Step;
import io.qnxhil.plan.StepExpect;
import io.qnxhil.testing.AgentBinary;
import io.qnxhil.testing.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every operation of the agent protocol runs on the simulated board (both profiles): the plan
 * plans/agent-ops.yaml has at least one scenario per operation, each is executed through the board
 * session (LocalTransport, the real agent on qnxsim), and every step's record is checked against the
 * {@code expect:} the plan states. The reference model's verdict is not used here: the agent's own
 * step records are read, so this checks the agent.
 */
class AgentOpsPlanTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The step records of a run by step index; error records as their message. */
    private static Map<Integer, Object> records(ScenarioResult r) {
        Map<Integer, Object> out = new HashMap<>();
        for (String raw : r.agentRecords()) {
            try {
                JsonNode j = JSON.readTree(raw);
                String type = j.path("type").asText();
                if (type.equals("step")) {
                    AgentRecord rec = new AgentRecord(type, j, raw, 0);
                    out.put(RecordDecoder.index(rec), RecordDecoder.observation(rec));
                } else if (type.equals("error") && j.path("index").asInt(-1) >= 0) {
                    out.put(j.path("index").asInt(), j.path("message").asText());
                }
            } catch (Exception e) {
                // not a record (e.g. a note about a garbled frame): reported through the missing step
            }
        }
        return out;
    }

    private static Plan plan() throws URISyntaxException {
        return PlanLoader.load(Path.of(AgentOpsPlanTest.class.getResource("/plans/agent-ops.yaml").toURI()));
    }

    @Test
    void everyOperationHasAScenario() throws URISyntaxException {
        Set<String> used = plan().scenarios().stream().flatMap(s -> s.steps().stream()).map(Step::op)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(OpCatalog.names());
        missing.removeAll(used);
        assertTrue(missing.isEmpty(), "operations without a scenario in agent-ops.yaml: " + missing);
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"sim.yaml", "sim-nto710.yaml"})
    void everyOperationBehavesOnTheSimulatedBoard(String boardFile) throws URISyntaxException {
        Path root = ProjectPaths.root();
        BoardConfig config = BoardConfigLoader.load(ProjectPaths.boardConfigs().resolve(boardFile), root);
        AgentBinary.requireBuilt(((TransportConfig.Local) config.transport()).agent());
        List<String> problems = new ArrayList<>();
        int checked = 0;
        try (BoardSession session = BoardSessions.open(config, root)) {
            for (Scenario scenario : plan().scenarios()) {
                ScenarioResult r = session.execute(scenario);
                if (r.verdict() == Verdict.SKIPPED) {
                    boolean onlyIn80 = scenario.steps().stream()
                            .anyMatch(s -> !OpCatalog.lookup(s.op()).orElseThrow().availableIn(config.release()));
                    assertTrue(onlyIn80, scenario.id() + " skipped: " + r.reason());
                    continue;
                }
                Map<Integer, Object> seen = records(r);
                boolean shown = false;
                for (Step step : scenario.steps()) {
                    String where = scenario.id() + " step " + step.index() + " (" + step.actor() + " " + step.op() + ")";
                    Object rec = seen.get(step.index());
                    if (!(rec instanceof Observation o)) {
                        problems.add(where + ": not carried out: " + (rec == null ? "no record" : rec)
                                + (shown ? "" : "\n  records: " + r.agentRecords()));
                        shown = true;
                        continue;
                    }
                    if (skippedForPrivilege(o)) {
                        continue;       // set_uid without root: reported as a skip by the agent
                    }
                    checked += check(where, step.expect(), o, problems) ? 1 : 0;
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " step(s) differ from agent-ops.yaml:\n" + String.join("\n", problems));
        }
        assertTrue(checked >= 80, "only " + checked + " stated expectations were checked");
    }

    private static boolean skippedForPrivilege(Observation o) {
        return o.detail() != null && o.detail().containsKey("skip");
    }

    /** Compares one record with the plan's expect; true when there was something to check. */
    private static boolean check(String where, StepExpect e, Observation o, List<String> problems) {
        if (e == null) {
            return false;
        }
        if (e.ret() != null) {
            boolean ok = e.ret().equals("id") ? o.ret() >= 0 : o.ret() == Long.parseLong(e.ret());
            if (!ok) {
                problems.add(where + ": ret " + o.ret() + " (" + o.errno() + "), expected " + e.ret());
            }
        }
        if (e.errno() != null && !e.errno().equals(o.errno())) {
            problems.add(where + ": errno " + o.errno() + ", expected " + e.errno());
        }
        if (e.nothingDelivered() && o.delivered() != null) {
            problems.add(where + ": delivered " + o.delivered() + ", expected nothing");
        }
        if (e.delivered() != null) {
            if (o.delivered() == null) {
                problems.add(where + ": nothing delivered, expected " + e.delivered());
            } else {
                for (Map.Entry<String, Object> want : e.delivered().entrySet()) {
                    Object got = o.delivered().get(want.getKey());
                    if (got == null || !String.valueOf(got).equals(String.valueOf(want.getValue()))) {
                        problems.add(where + ": delivered." + want.getKey() + " = " + got + ", expected "
                                + want.getValue() + " (" + o.delivered() + ")");
                    }
                }
            }
        }
        return true;
    }

    @Test
    void theCheckDetectsAWrongOutcome() {
        List<String> problems = new ArrayList<>();
        Observation seen = new Observation(-1, "EACCES", Map.of(), Map.of("kind", "signal", "value", 13L), Map.of(), 0, "");
        check("x", new StepExpect("0", "EOK", Map.of("value", 57), false), seen, problems);
        assertEquals(3, problems.size(), problems::toString);
        assertNotEquals(List.of(), problems);
    }
}
