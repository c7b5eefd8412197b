package io.qnxhil.run;

import io.qnxhil.agent.Observation;
import io.qnxhil.model.Expectation;
import io.qnxhil.plan.DocRef;
import io.qnxhil.plan.SourceLocation;
import io.qnxhil.plan.Step;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceComparatorTest {
    private static final DocRef DOC = new DocRef("MsgRegisterEvent.txt", "A sentence.");
    private static final SourceLocation AT = SourceLocation.of(Path.of("p.yaml"));
    private static final Step DELIVER = new Step(7, "server", "deliver_event", Map.of(), false, AT);
    private static final Step WAIT = new Step(8, "client", "wait_event", Map.of(), false, AT);

    private static Observation obs(long ret, String errno, Map<String, Object> delivered) {
        return new Observation(ret, errno, Map.of(), delivered, Map.of(), 0, "{}");
    }

    private static StepResult.Status status(Step step, Expectation e, Observation o) {
        return TraceComparator.compare(step, e, o).status();
    }

    @Test
    void retForms() {
        assertTrue(TraceComparator.retMatches(Expectation.ID, 0));
        assertTrue(TraceComparator.retMatches(Expectation.ID, 0x40000001L));
        assertFalse(TraceComparator.retMatches(Expectation.ID, -1));
        assertTrue(TraceComparator.retMatches(Expectation.ANY, -1));
        assertTrue(TraceComparator.retMatches(Expectation.SUCCESS, 5));
        assertFalse(TraceComparator.retMatches(Expectation.SUCCESS, -1));
        assertTrue(TraceComparator.retMatches("-1", -1));
        assertFalse(TraceComparator.retMatches("0", 1));
    }

    @Test
    void documentedMismatchNamesStepValuesAndCitation() {
        Expectation e = Expectation.documented("-1", "EACCES", null, DOC, "deliver.handle-not-permitted");
        StepResult r = TraceComparator.compare(DELIVER, e, obs(0, "EOK", null));
        assertEquals(StepResult.Status.MISMATCH, r.status());
        assertEquals("step 7 server deliver_event: expected -1 EACCES, observed 0 EOK (MsgRegisterEvent.txt: \"A sentence.\")",
                r.message());
        assertEquals(StepResult.Status.MISMATCH, status(DELIVER, e, obs(-1, "EINVAL", null)));
        assertEquals(StepResult.Status.MATCH, status(DELIVER, e, obs(-1, "EACCES", null)));
    }

    @Test
    void anRFormCallThatSetErrnoIsADifference() {
        Expectation e = Expectation.documented("0", "EOK", null, DOC, "register_event-r.returns-eok");
        Observation quiet = new Observation(0, "EOK", Map.of(), null, Map.of("r_variant", true, "returned", 0), 0, "{}");
        Observation noisy = new Observation(0, "EOK", Map.of(), null,
                Map.of("r_variant", true, "returned", 0, "errno_set", "EINVAL"), 0, "{}");
        assertEquals(StepResult.Status.MATCH, status(DELIVER, e, quiet));
        StepResult r = TraceComparator.compare(DELIVER, e, noisy);
        assertEquals(StepResult.Status.MISMATCH, r.status());
        assertTrue(TraceComparator.differences(DELIVER, e, noisy).contains("the _r form set errno to EINVAL"));
    }

    @Test
    void errnoNotPredictedIsNotCompared() {
        Expectation e = Expectation.documented("-1", null, null, DOC, "deliver.unregistered-refused-by-default");
        assertEquals(StepResult.Status.MATCH, status(DELIVER, e, obs(-1, "EPERM", null)));
        assertEquals(StepResult.Status.MISMATCH, status(DELIVER, e, obs(0, "EOK", null)));
    }

    @Test
    void deliveredComparesOnlyTheGivenKeysAndSignalsByName() {
        Expectation e = Expectation.documented("1", "EOK", Map.of("kind", "signal", "signo", "SIGUSR1", "value", 13L), DOC, "r");
        Map<String, Object> got = new HashMap<>(Map.of("kind", "signal", "signo", "SIGUSR1", "value", 13, "code", "SI_QUEUE"));
        assertEquals(StepResult.Status.MATCH, status(WAIT, e, obs(1, "EOK", got)));
        got.put("signo", 16);
        assertEquals(StepResult.Status.MATCH, status(WAIT, e, obs(1, "EOK", got)), "16 is SIGUSR1 on QNX");
        got.put("value", 57);
        StepResult r = TraceComparator.compare(WAIT, e, obs(1, "EOK", got));
        assertEquals(StepResult.Status.MISMATCH, r.status());
        assertTrue(r.message().contains("value=57"), r.message());
        assertEquals(StepResult.Status.MISMATCH, status(WAIT, e, obs(0, "EOK", null)));
        assertEquals("SIGRTMIN", TraceComparator.signalName("SIGRTMIN+0"));
        assertEquals("SIGRTMIN+3", TraceComparator.signalName(44));
    }

    @Test
    void nothingExpectedButSomethingArrivedIsAMismatch() {
        Expectation e = Expectation.documented("0", "EOK", null, DOC, "wait.nothing-pending");
        assertEquals(StepResult.Status.MATCH, status(WAIT, e, obs(0, "EOK", null)));
        assertEquals(StepResult.Status.MISMATCH, status(WAIT, e, obs(0, "EOK", Map.of("kind", "signal"))));
        assertEquals(StepResult.Status.MATCH, status(DELIVER, e, obs(0, "EOK", Map.of("kind", "signal"))),
                "delivered is compared for wait steps only");
    }

    @Test
    void unspecifiedIsRecordedNeverFailed() {
        Expectation e = Expectation.unspecified("-1", null, "the errno is not documented");
        StepResult r = TraceComparator.compare(DELIVER, e, obs(0, "EOK", null));
        assertEquals(StepResult.Status.UNSPECIFIED, r.status());
        assertTrue(r.message().contains("not specified by the docs (the errno is not documented)"), r.message());
    }

    @Test
    void failedPreconditionIsBroken() {
        Expectation e = Expectation.precondition(Expectation.ID, "setup.channel-create");
        StepResult r = TraceComparator.compare(DELIVER, e, obs(-1, "EAGAIN", null));
        assertEquals(StepResult.Status.BROKEN, r.status());
        assertTrue(r.message().startsWith("set-up failed"), r.message());
        assertEquals(StepResult.Status.MATCH, status(DELIVER, e, obs(3, "EOK", null)));
    }
}
