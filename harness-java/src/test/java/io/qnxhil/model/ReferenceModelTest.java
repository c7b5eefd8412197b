package io.qnxhil.model;

import io.qnxhil.plan.Scenario;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.qnxhil.model.ScenarioText.HANDSHAKE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per documented rule of the reference model. */
class ReferenceModelTest {
    /** Client registers {@code ev} with {@code coid}, sends it; server receives and replies. */
    private static String registered(String event, String coid) {
        return HANDSHAKE + "- client event: " + event + "\n"
                + "- client register_event: {event: ev, coid: " + coid + "}\n"
                + """
                - client send_events: {coid: $coid, events: [ev], async: true}
                - server receive: {chid: $chid, as: rcvid}
                - server reply: {rcvid: $rcvid}
                """;
    }

    private static final String SIGUSR1_13 = "{type: SIGEV_SIGNAL, signo: SIGUSR1, value: 13, as: ev}";

    private static List<Expectation> predict(String steps) {
        return predict("8.0", false, ScenarioText.parse(steps));
    }

    private static List<Expectation> predict(String release, boolean minusU, Scenario s) {
        List<Expectation> out = ReferenceModel.of(release, minusU).predict(s);
        assertEquals(s.steps().size(), out.size());
        out.forEach(e -> assertTrue(e != null));
        return out;
    }

    private static Expectation last(List<Expectation> e) {
        return e.get(e.size() - 1);
    }

    private static void documented(Expectation e, String ret, String errno) {
        assertTrue(e.documented(), e.rule());
        assertEquals(ret, e.ret(), e.rule());
        assertEquals(errno, e.errno(), e.rule());
    }

    @Test
    void setUpStepsArePreconditionsWithKernelChosenIds() {
        List<Expectation> e = predict(registered(SIGUSR1_13, "$coid"));
        assertEquals(Expectation.ID, e.get(0).ret());
        assertTrue(e.get(0).precondition());
        assertEquals(Expectation.ID, e.get(1).ret());
        documented(e.get(3), "0", "EOK");
        assertEquals(Citations.REGISTER_CONVERTS, e.get(3).citation());
        assertEquals("0", e.get(4).ret(), "MsgSend returns the reply status");
        assertEquals(Expectation.ID, e.get(5).ret());
    }

    @Test
    void permittedServerDeliversTheRegisteredEvent() {
        List<Expectation> e = predict(registered(SIGUSR1_13, "$coid")
                + "- server deliver_event: {rcvid: $rcvid, event: ev}\n- client wait_event: {}\n");
        documented(e.get(7), Expectation.SUCCESS, "EOK");
        documented(last(e), "1", "EOK");
        assertEquals(Map.of("kind", "signal", "signo", "SIGUSR1", "value", 13L), last(e).delivered());
    }

    @Test
    void handleRegisteredWithSysmgrCoidIsRefusedWithEacces() {
        List<Expectation> e = predict(registered(SIGUSR1_13, "SYSMGR_COID")
                + "- server deliver_event: {rcvid: $rcvid, event: ev}\n- client wait_event: {}\n");
        documented(e.get(7), "-1", "EACCES");
        assertEquals(Citations.HANDLE_DELIVERED, e.get(7).citation());
        documented(last(e), "0", "EOK");
        assertNull(last(e).delivered());
        assertEquals(Citations.HANDLE_DELIVERED, last(e).citation(), "nothing arrives: cites why");
    }

    @Test
    void handleRegisteredForAnotherServerIsRefused() {
        String steps = """
                - server channel_create: {as: chid}
                - other channel_create: {as: ochid}
                - client connect_attach: {to: server, chid: $chid, as: coid}
                - client connect_attach: {to: other, chid: $ochid, as: ocoid}
                - client event: {type: SIGEV_SIGNAL, signo: SIGUSR1, value: 1, as: ev}
                - client register_event: {event: ev, coid: $ocoid}
                - client send_events: {coid: $coid, events: [ev], async: true}
                - server receive: {chid: $chid, as: rcvid}
                - server deliver_event: {rcvid: $rcvid, event: ev}
                """;
        List<Expectation> e = predict("8.0", false, ScenarioText.parse("[server, other, client]", steps));
        documented(last(e), "-1", "EACCES");
        assertEquals("deliver.handle-not-permitted", last(e).rule());
    }

    @Test
    void handleRegisteredForAnyServerIsDelivered() {
        List<Expectation> e = predict(registered(SIGUSR1_13, "-1")
                + "- server deliver_event: {rcvid: $rcvid, event: ev}\n- client wait_event: {}\n");
        documented(e.get(7), Expectation.SUCCESS, "EOK");
        assertEquals(13L, last(e).delivered().get("value"));
    }

    @Test
    void unregisteredEventOnRegEventsConnectionIsRefusedWithEacces() {
        List<Expectation> e = predict(registered(SIGUSR1_13, "$coid")
                + "- server event: {type: SIGEV_SIGNAL, signo: SIGUSR1, as: plain}\n"
                + "- server deliver_event: {rcvid: $rcvid, event: plain}\n- client wait_event: {}\n");
        documented(e.get(8), "-1", "EACCES");
        assertEquals(Citations.REG_EVENTS_ONLY, e.get(8).citation());
        documented(last(e), "0", "EOK");
    }

    private static final String PLAIN = """
            - server channel_create: {as: chid}
            - client connect_attach: {to: server, chid: $chid, as: coid}
            - client event: {type: SIGEV_SIGNAL, signo: SIGUSR2, value: 7, as: ev}
            - client send_events: {coid: $coid, events: [ev], async: true}
            - server receive: {chid: $chid, as: rcvid}
            - server reply: {rcvid: $rcvid}
            - server deliver_event: {rcvid: $rcvid, event: ev}
            - client wait_event: {}
            """;

    @Test
    void unregisteredEventIsRefusedByDefaultButTheErrnoIsNotDocumented() {
        for (String release : List.of("7.1", "8.0")) {
            List<Expectation> e = predict(release, false, ScenarioText.parse(PLAIN));
            documented(e.get(6), "-1", null);
            assertEquals(Citations.ONLY_REGISTERED, e.get(6).citation());
            documented(last(e), "0", "EOK");
        }
    }

    @Test
    void withProcntoMinusUAnUnregisteredEventIsDeliveredAsTheServerHasIt() {
        List<Expectation> e = predict("7.1", true, ScenarioText.parse(PLAIN.replace(
                "event: ev}\n- client wait", "event: ev, value: 99}\n- client wait")));
        documented(e.get(6), Expectation.SUCCESS, "EOK");
        assertEquals(Map.of("kind", "signal", "signo", "SIGUSR2", "value", 99L), last(e).delivered());
    }

    @Test
    void nonUpdateableRegisteredEventArrivesWithTheClientsValue() {
        List<Expectation> e = predict(registered(SIGUSR1_13, "$coid")
                + "- server deliver_event: {rcvid: $rcvid, event: ev, value: 57}\n- client wait_event: {}\n");
        documented(e.get(7), Expectation.SUCCESS, "EOK");
        assertEquals(Citations.ORIGINAL_VALUE, e.get(7).citation());
        assertEquals(13L, last(e).delivered().get("value"));
    }

    @Test
    void updateableRegisteredEventArrivesWithTheServersValue() {
        List<Expectation> e = predict(registered(
                "{type: SIGEV_SIGNAL, signo: SIGUSR2, value: 34, updateable: true, as: ev}", "$coid")
                + "- server deliver_event: {rcvid: $rcvid, event: ev, value: 57}\n- client wait_event: {}\n");
        assertEquals(Citations.VALUE_UPDATEABLE, last(e).citation());
        assertEquals(Map.of("kind", "signal", "signo", "SIGUSR2", "value", 57L), last(e).delivered());
    }

    @Test
    void updateableEventTheServerDidNotWriteHasNoPredictedValue() {
        List<Expectation> e = predict(registered(
                "{type: SIGEV_SIGNAL, signo: SIGUSR2, value: 34, updateable: true, as: ev}", "$coid")
                + "- server deliver_event: {rcvid: $rcvid, event: ev}\n- client wait_event: {}\n");
        assertEquals(Map.of("kind", "signal", "signo", "SIGUSR2"), last(e).delivered());
    }

    @Test
    void signalCodeIsUpdateableOnlyWithCodeUpdateable() {
        String updateable = "{type: SIGEV_SIGNAL_CODE, signo: SIGUSR1, value: 1, code: -70, code_updateable: true, as: ev}";
        String fixed = "{type: SIGEV_SIGNAL_CODE, signo: SIGUSR1, value: 1, code: -70, as: ev}";
        String deliver = "- server deliver_event: {rcvid: $rcvid, event: ev, code: -80}\n- client wait_event: {}\n";
        List<Expectation> a = predict(registered(updateable, "$coid") + deliver);
        assertEquals(-80L, last(a).delivered().get("code"));
        assertEquals(Citations.CODE_UPDATEABLE, last(a).citation());
        List<Expectation> b = predict(registered(fixed, "$coid") + deliver);
        assertEquals(-70L, last(b).delivered().get("code"));
    }

    @Test
    void signalCodeOutOfRangeIsEinval() {
        List<Expectation> e = predict("8.0", true, ScenarioText.parse(PLAIN.replace(
                "{type: SIGEV_SIGNAL, signo: SIGUSR2, value: 7, as: ev}",
                "{type: SIGEV_SIGNAL_CODE, signo: SIGUSR2, value: 7, code: 5, as: ev}")));
        documented(e.get(6), "-1", "EINVAL");
        assertEquals(Citations.CODE_RANGE, e.get(6).citation());
    }

    @Test
    void registeredPulseArrivesOnTheClientsChannel() {
        String steps = HANDSHAKE + """
                - client channel_create: {as: cchid}
                - client connect_attach: {chid: $cchid, as: self}
                - client event: {type: SIGEV_PULSE, coid: $self, priority: SIGEV_PULSE_PRIO_INHERIT, code: 5, value: 13, as: ev}
                - client register_event: {event: ev, coid: $coid}
                - client send_events: {coid: $coid, events: [ev], async: true}
                - server receive: {chid: $chid, as: rcvid}
                - server reply: {rcvid: $rcvid}
                - server deliver_event: {rcvid: $rcvid, event: ev}
                - client wait_event: {chid: $cchid}
                - client wait_event: {chid: $cchid, timeout_ms: 100}
                """;
        List<Expectation> e = predict(steps);
        Expectation got = e.get(e.size() - 2);
        documented(got, "1", "EOK");
        assertEquals(Map.of("kind", "pulse", "code", 5L, "value", 13L), got.delivered());
        documented(last(e), "0", "EOK");
    }

    private static final String ATTACH = """
            - server channel_create: {as: chid}
            - client connect_attach: {to: server, chid: $chid, as: coid}
            """;

    @Test
    void connectFlagsReturnsThePreviousListedFlags() {
        String steps = ATTACH + """
                - client connect_flags: {coid: $coid, mask: [_NTO_COF_NOEVENT], bits: [_NTO_COF_NOEVENT]}
                - client connect_flags: {coid: $coid, mask: [_NTO_COF_CLOEXEC], bits: [_NTO_COF_CLOEXEC]}
                - client connect_flags: {coid: $coid}
                """;
        List<Expectation> e = predict("7.1", false, ScenarioText.parse(steps));
        documented(e.get(2), "0", "EOK");
        assertEquals(Citations.FLAGS_PREVIOUS, e.get(2).citation());
        documented(e.get(3), "2048", "EOK");
        documented(e.get(4), "2049", "EOK");
    }

    @Test
    void whetherUnlistedFlagsAreReportedIsOpen() {
        List<Expectation> e = predict("7.1", false, ScenarioText.parse(HANDSHAKE
                + "- client connect_flags: {coid: $coid, mask: [_NTO_COF_CLOEXEC], bits: [_NTO_COF_CLOEXEC]}\n"));
        assertFalse(last(e).documented());
        assertTrue(last(e).rule().contains("0x2000"), last(e).rule());
    }

    @Test
    void connectFlagsOnQnx80DocumentsOnlyCloexec() {
        String steps = ATTACH + """
                - client connect_flags: {coid: $coid, mask: [_NTO_COF_CLOEXEC], bits: [_NTO_COF_CLOEXEC]}
                - client connect_flags: {coid: $coid, mask: [_NTO_COF_NOEVENT], bits: [_NTO_COF_NOEVENT]}
                """;
        List<Expectation> e = predict(steps);
        documented(e.get(2), "0", "EOK");
        assertFalse(e.get(3).documented());
    }

    @Test
    void connectFlagsOnADetachedCoidIsEbadf() {
        List<Expectation> e = predict(HANDSHAKE + "- client connect_detach: {coid: $coid}\n"
                + "- client connect_flags: {coid: $coid, mask: [_NTO_COF_CLOEXEC], bits: 0}\n");
        documented(last(e), "-1", "EBADF");
        assertEquals(Citations.FLAGS_BAD_COID, last(e).citation());
    }

    @Test
    void noeventOnTheConnectionRefusesEveryEvent() {
        List<Expectation> e = predict("7.1", false, ScenarioText.parse(registered(SIGUSR1_13, "$coid")
                + "- client connect_flags: {coid: $coid, mask: [_NTO_COF_NOEVENT], bits: [_NTO_COF_NOEVENT]}\n"
                + "- server deliver_event: {rcvid: $rcvid, event: ev}\n"));
        documented(last(e), "-1", "EACCES");
        assertEquals(Citations.NOEVENT, last(e).citation());
    }

    @Test
    void deliveryAfterTheClientDetachedIsEbadf() {
        List<Expectation> e = predict(registered(SIGUSR1_13, "-1") + "- client connect_detach: {coid: $coid}\n"
                + "- server deliver_event: {rcvid: $rcvid, event: ev}\n");
        documented(last(e), "-1", "EBADF");
        assertEquals(Citations.DETACHED, last(e).citation());
    }

    @Test
    void registeringAHandleAgainIsEinval() {
        List<Expectation> e = predict(HANDSHAKE + "- client event: " + SIGUSR1_13 + "\n"
                + "- client register_event: {event: ev, coid: $coid}\n- client register_event: {event: ev, coid: $coid}\n");
        documented(last(e), "-1", "EINVAL");
        assertEquals(Citations.REGISTER_TWICE, last(e).citation());
    }

    @Test
    void unregisteredHandleCanNoLongerBeDeliveredButTheErrnoIsOpen() {
        List<Expectation> e = predict(registered(SIGUSR1_13, "$coid") + "- client unregister_event: {event: ev}\n"
                + "- server deliver_event: {rcvid: $rcvid, event: ev}\n");
        documented(e.get(7), "0", "EOK");
        assertFalse(last(e).documented());
        assertEquals("-1", last(e).ret());
    }

    @Test
    void waitWithNothingSentReturnsZero() {
        List<Expectation> e = predict("- client wait_event: {timeout_ms: 10}\n");
        documented(e.get(0), "0", "EOK");
        assertNull(e.get(0).delivered());
    }

    @Test
    void severalPendingSignalsPredictOnlyWhatTheyShare() {
        String steps = HANDSHAKE + """
                - client event: {type: SIGEV_SIGNAL, signo: SIGUSR1, value: 13, as: a}
                - client event: {type: SIGEV_SIGNAL, signo: SIGUSR2, value: 57, as: b}
                - client register_event: {event: a, coid: $coid}
                - client register_event: {event: b, coid: $coid}
                - client send_events: {coid: $coid, events: [a, b], async: true}
                - server receive: {chid: $chid, as: rcvid}
                - server reply: {rcvid: $rcvid}
                - server deliver_event: {rcvid: $rcvid, event: a}
                - server deliver_event: {rcvid: $rcvid, event: b}
                - client wait_event: {}
                - client wait_event: {}
                - client wait_event: {timeout_ms: 10}
                """;
        List<Expectation> e = predict(steps);
        int n = e.size();
        assertEquals(Map.of("kind", "signal"), e.get(n - 3).delivered());
        assertEquals(Map.of("kind", "signal"), e.get(n - 2).delivered());
        documented(e.get(n - 3), "1", "EOK");
        documented(e.get(n - 1), "0", "EOK");
    }

    @Test
    void asyncSendCompletesWhenTheServerRepliesOrStaysOpen() {
        List<Expectation> replied = predict(registered(SIGUSR1_13, "$coid").replace("{rcvid: $rcvid}", "{rcvid: $rcvid, status: 3}"));
        assertEquals("3", replied.get(4).ret());
        List<Expectation> never = predict(HANDSHAKE + "- client event: " + SIGUSR1_13 + "\n"
                + "- client send_events: {coid: $coid, events: [ev], async: true}\n");
        assertFalse(never.get(3).documented());
    }

    @Test
    void rcvidZeroDeliversToTheCallingProcess() {
        List<Expectation> e = predict("[server]", """
                - server event: {type: SIGEV_SIGNAL, signo: SIGUSR1, value: 5, as: ev}
                - server register_event: {event: ev, coid: -1}
                - server deliver_event: {rcvid: 0, event: ev}
                - server wait_event: {}
                """);
        documented(e.get(2), Expectation.SUCCESS, "EOK");
        assertEquals(Map.of("kind", "signal", "signo", "SIGUSR1", "value", 5L), last(e).delivered());
    }

    @Test
    void insecureConnectionRefusesMemoryAndThreadEventsOnly() {
        String steps = """
                - server channel_create: {as: chid}
                - client connect_attach: {to: server, chid: $chid, as: coid}
                - client connect_flags: {coid: $coid, mask: [_NTO_COF_INSECURE], bits: [_NTO_COF_INSECURE]}
                - client event: {type: SIGEV_NONE, value: 1, as: mem}
                - client event: {type: SIGEV_SIGNAL, signo: SIGUSR1, value: 2, as: sig}
                - client send_events: {coid: $coid, events: [mem, sig], async: true}
                - server receive: {chid: $chid, as: rcvid}
                - server reply: {rcvid: $rcvid}
                - server deliver_event: {rcvid: $rcvid, event: mem}
                - server deliver_event: {rcvid: $rcvid, event: sig}
                - client connect_flags: {coid: $coid, mask: [_NTO_COF_INSECURE], bits: 0}
                """;
        List<Expectation> e = predict("7.1", true, withMemoryEvent(ScenarioText.parse(steps)));
        documented(e.get(2), "0", "EOK");
        documented(e.get(8), "-1", "EACCES");
        assertEquals(Citations.INSECURE, e.get(8).citation());
        documented(e.get(9), Expectation.SUCCESS, "EOK");
        assertFalse(last(e).documented(), "only the kernel clears INSECURE; what the call returns is open");
    }

    /** Plans cannot build SIGEV_MEMORY events yet (the agent has no address to give them): turn step 3 into one. */
    private static Scenario withMemoryEvent(Scenario s) {
        List<io.qnxhil.plan.Step> steps = new java.util.ArrayList<>(s.steps());
        io.qnxhil.plan.Step st = steps.get(3);
        Map<String, Object> args = new java.util.HashMap<>(st.args());
        args.put("type", "SIGEV_MEMORY");
        steps.set(3, new io.qnxhil.plan.Step(st.index(), st.actor(), st.op(), args, st.async(), st.location()));
        return new Scenario(s.id(), s.title(), s.doc(), s.actors(), steps, s.location());
    }

    private static List<Expectation> predict(String actors, String steps) {
        return predict("8.0", false, ScenarioText.parse(actors, steps));
    }

    @Test
    void realTimeSignalsAreNamedRelativeToSigrtmin() {
        List<Expectation> e = predict(registered("{type: SIGEV_SIGNAL, signo: SIGRTMIN+2, value: 3, as: ev}", "$coid")
                + "- server deliver_event: {rcvid: $rcvid, event: ev}\n- client wait_event: {}\n");
        assertEquals(Map.of("kind", "signal", "signo", "SIGRTMIN+2", "value", 3L), last(e).delivered());
    }

    @Test
    void onlyKnownReleasesHaveAModel() {
        assertThrows(IllegalArgumentException.class, () -> ReferenceModel.of("7.0", false));
    }
}
