package io.qnxhil.run;

import io.qnxhil.agent.Frames;
import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.TransportConfig;
import io.qnxhil.plan.PlanLoader;
import io.qnxhil.plan.Scenario;
import io.qnxhil.testing.ProjectPaths;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session's handling of the agent, with an in-process fake agent behind the Transport interface. */
class AgentBoardSessionTest {
    private static final Scenario UNPERMITTED = PlanLoader.load(ProjectPaths.plans().resolve("smoke.yaml"))
            .scenarios().get(0);

    private static BoardConfig config() {
        return new BoardConfig("fake", "qnxsim", "8.0", "x86_64", false, new TransportConfig.Local(Path.of("/none")),
                Map.of("QNXSIM_FAULTS", "none"), Duration.ofMillis(300), Duration.ofMillis(1500), Path.of("fake.yaml"));
    }

    private static String step(int i, String actor, String op, long ret, String errno) {
        return Frames.frame("{\"type\":\"step\",\"index\":" + i + ",\"actor\":\"" + actor + "\",\"op\":\"" + op
                + "\",\"ret\":" + ret + ",\"errno\":\"" + errno + "\",\"elapsed_ns\":100}");
    }

    /** What a correct board reports for the unpermitted-handle scenario, with deliver_event's result given. */
    private static List<String> records(long deliverRet, String deliverErrno) {
        List<String> r = new ArrayList<>();
        r.add(Frames.frame("{\"type\":\"begin\",\"scenario\":\"x\",\"actors\":{\"server\":100,\"client\":101}}"));
        r.add(step(0, "server", "channel_create", 1, "EOK"));
        r.add(step(1, "client", "connect_attach", 0x40000001L, "EOK"));
        r.add(step(2, "client", "event", 0, "EOK"));
        r.add(step(3, "client", "register_event", 0, "EOK"));
        r.add(step(5, "server", "receive", 17, "EOK"));
        r.add(step(4, "client", "send_events", 0, "EOK"));
        r.add(step(6, "server", "reply", 0, "EOK"));
        r.add(step(7, "server", "deliver_event", deliverRet, deliverErrno));
        r.add(step(8, "client", "wait_event", 0, "EOK"));
        r.add(Frames.frame("{\"type\":\"end\",\"scenario\":\"x\",\"status\":\"ok\",\"leftover\":0}"));
        return r;
    }

    @Test
    void correctBoardPassesAndTheProgramAndEnvironmentReachTheAgent() {
        List<List<String>> programs = new ArrayList<>();
        FakeAgent fake = new FakeAgent("8.0.0", p -> {
            programs.add(p);
            return records(-1, "EACCES");
        });
        try (BoardSession s = AgentBoardSession.open(config(), fake)) {
            assertEquals("8.0.0", s.info().release());
            ScenarioResult r = s.execute(UNPERMITTED);
            assertEquals(Verdict.PASS, r.verdict(), r.reason());
            assertEquals(Map.of("server", 100L, "client", 101L), r.actorPids());
            assertEquals(11, r.agentRecords().size());
            assertTrue(r.steps().stream().allMatch(st -> st.status() == StepResult.Status.MATCH), r.steps().toString());
        }
        assertEquals("scenario register.unpermitted-handle-gives-EACCES", programs.get(0).get(0));
        assertEquals("300", fake.starts.get(0).get("QHIL_STEP_TIMEOUT_MS"));
        assertEquals("0", fake.starts.get(0).get("QNXSIM_PROCNTO_U"));
        assertEquals("none", fake.starts.get(0).get("QNXSIM_FAULTS"));
    }

    @Test
    void documentedMismatchFailsWithTheCitation() {
        try (BoardSession s = AgentBoardSession.open(config(), new FakeAgent("8.0.0", p -> records(0, "EOK")))) {
            ScenarioResult r = s.execute(UNPERMITTED);
            assertEquals(Verdict.FAIL, r.verdict());
            assertEquals("step 7 server deliver_event: expected -1 EACCES, observed 0 EOK (MsgRegisterEvent.txt: "
                    + "\"If the handle exists and the server is allowed to deliver it, the kernel delivers the "
                    + "registered event.\")", r.reason());
            assertEquals(StepResult.Status.MISMATCH, r.steps().get(7).status());
        }
    }

    @Test
    void agentErrorIsBrokenAndLaterStepsDoNotRun() {
        FakeAgent fake = new FakeAgent("8.0.0", p -> {
            List<String> r = new ArrayList<>(records(-1, "EACCES").subList(0, 6));
            r.add(Frames.frame("{\"type\":\"error\",\"index\":6,\"message\":\"actor server died\"}"));
            r.add(Frames.frame("{\"type\":\"end\",\"scenario\":\"x\",\"status\":\"broken\",\"leftover\":1}"));
            return r;
        });
        try (BoardSession s = AgentBoardSession.open(config(), fake)) {
            ScenarioResult r = s.execute(UNPERMITTED);
            assertEquals(Verdict.BROKEN, r.verdict());
            assertEquals("step 6 server reply: agent error: actor server died", r.reason());
            assertEquals(StepResult.Status.BROKEN, r.steps().get(6).status());
            assertEquals(StepResult.Status.NOT_RUN, r.steps().get(7).status());
            assertEquals(StepResult.Status.NOT_RUN, r.steps().get(8).status());
        }
    }

    @Test
    void deadAgentIsBrokenKeepsItsStderrAndIsReplacedForTheNextScenario() {
        int[] runs = {0};
        FakeAgent fake = new FakeAgent("8.0.0", p -> runs[0]++ == 0
                ? List.of(records(-1, "EACCES").get(0), FakeAgent.DIE) : records(-1, "EACCES"));
        try (BoardSession s = AgentBoardSession.open(config(), fake)) {
            ScenarioResult dead = s.execute(UNPERMITTED);
            assertEquals(Verdict.BROKEN, dead.verdict());
            assertTrue(dead.reason().contains("the agent stopped"), dead.reason());
            assertTrue(dead.agentStderr().contains("segmentation fault"), dead.agentStderr());
            ScenarioResult next = s.execute(UNPERMITTED);
            assertEquals(Verdict.PASS, next.verdict(), next.reason());
            assertEquals(2, fake.starts.size());
            assertTrue(s.agentLog().contains("fake agent 1: segmentation fault"), s.agentLog());
        }
    }

    @Test
    void silentAgentTimesOutAndIsReplaced() {
        int[] runs = {0};
        FakeAgent fake = new FakeAgent("8.0.0", p -> runs[0]++ == 0 ? List.of(FakeAgent.HANG) : records(-1, "EACCES"));
        try (BoardSession s = AgentBoardSession.open(config(), fake)) {
            ScenarioResult r = s.execute(UNPERMITTED);
            assertEquals(Verdict.BROKEN, r.verdict());
            assertTrue(r.reason().contains("no 'end' record within the scenario timeout of 1500 ms"), r.reason());
            assertEquals(Verdict.PASS, s.execute(UNPERMITTED).verdict());
            assertEquals(2, fake.starts.size());
        }
    }

    @Test
    void garbledRecordIsBroken() {
        FakeAgent fake = new FakeAgent("8.0.0", p -> List.of(records(-1, "EACCES").get(0),
                "#QHIL1 18 00000000 {\"type\":\"step\"}xxx\n"));
        try (BoardSession s = AgentBoardSession.open(config(), fake)) {
            ScenarioResult r = s.execute(UNPERMITTED);
            assertEquals(Verdict.BROKEN, r.verdict());
            assertTrue(r.reason().contains("garbled record"), r.reason());
        }
    }

    @Test
    void releaseMismatchMakesTheBoardUnavailable() {
        BoardUnavailableException e = assertThrows(BoardUnavailableException.class,
                () -> AgentBoardSession.open(config(), new FakeAgent("7.1.0", p -> List.of())));
        assertTrue(e.getMessage().contains("fake: the agent reports QNX release '7.1.0'"), e.getMessage());
        assertTrue(e.getMessage().contains("says release 8.0"), e.getMessage());
    }

    @Test
    void scenarioUsingANameTheReleaseLacksIsSkipped() {
        Scenario insecure = io.qnxhil.model.ScenarioTextAccess.parse("""
                - server channel_create: {as: chid}
                - client connect_attach: {to: server, chid: $chid, flags: [_NTO_COF_INSECURE], as: coid}
                """);
        try (BoardSession s = AgentBoardSession.open(config(), new FakeAgent("8.0.0", p -> List.of()))) {
            ScenarioResult r = s.execute(insecure);
            assertEquals(Verdict.SKIPPED, r.verdict());
            assertEquals("step 1 client connect_attach: QNX 8.0 has no _NTO_COF_INSECURE", r.reason());
        }
    }
}
