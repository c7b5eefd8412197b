package io.qnxhil.agent;

import io.qnxhil.plan.Plan;
import io.qnxhil.plan.PlanLoader;
import io.qnxhil.plan.Scenario;
import io.qnxhil.plan.SourceLocation;
import io.qnxhil.plan.Step;
import io.qnxhil.testing.ProjectPaths;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentProgramTest {
    @Test
    void compilesTheFirstSmokeScenario() {
        Plan plan = PlanLoader.load(ProjectPaths.plans().resolve("smoke.yaml"));
        List<String> lines = AgentProgram.compile(plan.scenarios().get(0));
        assertEquals(List.of(
                "scenario register.unpermitted-handle-gives-EACCES",
                "actors server client",
                "step 0 server channel_create as=chid",
                "step 1 client connect_attach as=coid chid=$chid flags=_NTO_COF_REG_EVENTS to=server",
                "step 2 client event as=forbidden signo=SIGUSR2 type=SIGEV_SIGNAL value=34",
                "step 3 client register_event coid=SYSMGR_COID event=forbidden",
                "step 4 client send_events async coid=$coid events=forbidden",
                "step 5 server receive as=rcvid chid=$chid",
                "step 6 server reply rcvid=$rcvid",
                "step 7 server deliver_event event=forbidden rcvid=$rcvid",
                "step 8 client wait_event timeout_ms=200",
                "run"), lines);
    }

    @Test
    void listsAreCommaJoinedAndBooleansSentAsDigits() {
        SourceLocation at = SourceLocation.of(Path.of("x.yaml"));
        Step ev = new Step(0, "c", "event", Map.of("type", "SIGEV_SIGNAL", "updateable", true,
                "code_updateable", false, "as", "e"), false, at);
        Step flags = new Step(1, "c", "connect_flags", Map.of("coid", "$coid",
                "mask", List.of("_NTO_COF_CLOEXEC", "_NTO_COF_NOEVENT"), "bits", List.of(0x800L)), false, at);
        Scenario s = new Scenario("x", "x", null, List.of("c"), List.of(ev, flags), at);
        List<String> lines = AgentProgram.compile(s);
        assertEquals("step 0 c event as=e code_updateable=0 type=SIGEV_SIGNAL updateable=1", lines.get(2));
        assertEquals("step 1 c connect_flags bits=2048 coid=$coid mask=_NTO_COF_CLOEXEC,_NTO_COF_NOEVENT", lines.get(3));
    }

    @Test
    void refusesValuesTheProtocolCannotCarry() {
        SourceLocation at = SourceLocation.of(Path.of("x.yaml"));
        Step step = new Step(0, "c", "event", Map.of("as", "a b"), false, at);
        Scenario s = new Scenario("x", "x", null, List.of("c"), List.of(step), at);
        AgentProgram.ProgramException e = assertThrows(AgentProgram.ProgramException.class, () -> AgentProgram.compile(s));
        assertTrue(e.getMessage().contains("step 0 c event: argument 'as'"), e.getMessage());
    }
}
