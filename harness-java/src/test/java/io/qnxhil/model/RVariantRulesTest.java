package io.qnxhil.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.qnxhil.model.ScenarioText.HANDSHAKE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The _r forms (r_variant: true) of MsgRegisterEvent, MsgDeliverEvent and ConnectFlags. */
class RVariantRulesTest {
    private static List<Expectation> predict(String steps) {
        return ReferenceModel.of("8.0", false).predict(ScenarioText.parse(steps));
    }

    private static void documented(Expectation e, String ret, String errno, Object citation) {
        assertTrue(e.documented(), e.rule());
        assertEquals(ret, e.ret(), e.rule());
        assertEquals(errno, e.errno(), e.rule());
        assertEquals(citation, e.citation(), e.rule());
    }

    @Test
    void registerRReturnsEokThenTheErrorCodeWithItsSignLeftOpen() {
        List<Expectation> e = predict(HANDSHAKE + """
                - client event: {type: SIGEV_SIGNAL, signo: SIGUSR1, value: 7, as: ev}
                - client register_event: {event: ev, coid: $coid, r_variant: true}
                - client register_event: {event: ev, coid: $coid, r_variant: true}
                """);
        documented(e.get(3), "0", "EOK", Citations.REGISTER_R);
        // registering the handle again: EINVAL, as the errno form says; the page leaves the sign open
        documented(e.get(4), Expectation.ANY, "EINVAL", Citations.REGISTER_R);
    }

    @Test
    void aRegistrationByTheRFormIsARegistration() {
        List<Expectation> e = predict(HANDSHAKE + """
                - client event: {type: SIGEV_SIGNAL, signo: SIGUSR1, value: 7, as: ev}
                - client register_event: {event: ev, coid: $coid, r_variant: true}
                - client send_events: {coid: $coid, events: [ev], async: true}
                - server receive: {chid: $chid, as: rcvid}
                - server reply: {rcvid: $rcvid}
                - server deliver_event: {rcvid: $rcvid, event: ev, r_variant: true}
                - client wait_event: {}
                """);
        documented(e.get(7), "0", "EOK", Citations.DELIVER_R);
        assertEquals(7, ((Number) e.get(8).delivered().get("value")).intValue());
    }

    @Test
    void deliverRGivesTheErrorCodeOfAnUnregisteredEvent() {
        List<Expectation> e = predict(HANDSHAKE + """
                - client event: {type: SIGEV_SIGNAL, signo: SIGUSR1, value: 7, as: ev}
                - client send_events: {coid: $coid, events: [ev], async: true}
                - server receive: {chid: $chid, as: rcvid}
                - server reply: {rcvid: $rcvid}
                - server deliver_event: {rcvid: $rcvid, event: ev, r_variant: true}
                """);
        documented(e.get(6), Expectation.ANY, "EACCES", Citations.DELIVER_R);
    }

    @Test
    void connectFlagsRReturnsThePreviousFlagsOrTheNegativeErrno() {
        List<Expectation> e = predict("""
                - server channel_create: {as: chid}
                - client connect_attach: {to: server, chid: $chid, as: coid}
                - client connect_flags: {coid: $coid, mask: [_NTO_COF_CLOEXEC], bits: [_NTO_COF_CLOEXEC], r_variant: true}
                - client connect_flags: {coid: $coid, r_variant: true}
                - client connect_detach: {coid: $coid}
                - client connect_flags: {coid: $coid, r_variant: true}
                """);
        assertEquals("0", e.get(2).ret());
        assertEquals("1", e.get(3).ret(), "the previous flags, as ConnectFlags returns them");
        assertEquals("EOK", e.get(3).errno());
        documented(e.get(5), "-1", "EBADF", Citations.FLAGS_R);
    }
}
