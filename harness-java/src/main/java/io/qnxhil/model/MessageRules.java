package io.qnxhil.model;

import io.qnxhil.model.KernelObjects.Blocked;
import io.qnxhil.model.KernelObjects.Chan;
import io.qnxhil.model.KernelObjects.Conn;
import io.qnxhil.model.KernelObjects.Msg;
import io.qnxhil.model.KernelObjects.Proc;
import io.qnxhil.plan.Step;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Messages: the client's MsgSend carrying sigevents, the server's MsgReceive and MsgReply. These
 * are set-up for the event checks (their pages are not among the specification pages): when one
 * does not go as planned the scenario is BROKEN, not failed.
 */
final class MessageRules {
    private MessageRules() {
    }

    static Object send(Kernel k, Proc p, Step s) {
        if (!(k.resolve(s.args().get("coid")) instanceof Conn c) || c.owner != p || c.detached) {
            return Expectation.unspecified(Expectation.ANY, null,
                    "MsgSend on a coid that is not a live connection of '" + p + "' made in this scenario");
        }
        Map<String, Sigev> events = new LinkedHashMap<>();
        for (Object name : (List<?>) s.args().get("events")) {
            Sigev ev = p.events.get((String) name);
            if (ev == null) {
                return EventRules.unknownEvent((String) name);
            }
            events.put((String) name, ev);
        }
        Msg m = new Msg(p, c, events);
        c.chan.queue.add(m);
        return blocked(s.index(),
                () -> m.unblocked ? Expectation.documented("-1", null, null, Citations.SIGEV_UNBLOCK,
                        "send.unblocked-by-sigev-unblock (errno not documented)")
                        : m.replied ? Expectation.precondition(Long.toString(m.status), "setup.send-replied") : null,
                "the server never replied to this message within the scenario");
    }

    static Object receive(Kernel k, Proc p, Step s) {
        if (!(k.resolve(s.args().get("chid")) instanceof Chan c) || c.owner != p) {
            return Expectation.unspecified(Expectation.ANY, null,
                    "MsgReceive on a chid that is not a channel of '" + p + "' created in this scenario");
        }
        Supplier<Expectation> take = () -> c.queue.isEmpty() ? null : take(k, p, s, c);
        Expectation now = take.get();
        if (now != null) {
            return now;
        }
        if (s.async()) {
            return blocked(s.index(), take, "nothing was sent to the channel within the scenario");
        }
        return Expectation.unspecified(Expectation.ANY, null,
                "nothing is queued on the channel: MsgReceive blocks until the step times out");
    }

    private static Expectation take(Kernel k, Proc p, Step s, Chan c) {
        Object head = c.queue.poll();
        if (head instanceof Msg m) {
            m.received = true;
            p.events.putAll(m.events);
            k.bind(s, m);
            return Expectation.precondition(Expectation.ID, "setup.receive-message");
        }
        Delivery pulse = (Delivery) head;
        k.bind(s, 0L);
        if (pulse.unknownBecause() != null) {
            return Expectation.unspecified(Expectation.ANY, null, pulse.unknownBecause());
        }
        return Expectation.documented("0", "EOK", null, pulse.citation(), pulse.rule() + " (received as a pulse)");
    }

    static Expectation reply(Kernel k, Proc p, Step s) {
        Long status = s.args().containsKey("status") ? k.number(s.args().get("status")) : Long.valueOf(0);
        if (k.resolve(s.args().get("rcvid")) instanceof Msg m && m.unblocked) {
            return Expectation.unspecified(Expectation.ANY, null,
                    "MsgReply to a client a SIGEV_UNBLOCK already released (MsgReply's errors are not specified here)");
        }
        if (k.resolve(s.args().get("rcvid")) instanceof Msg m && m.received && !m.replied
                && m.conn.chan.owner == p && status != null) {
            m.replied = true;
            m.status = status;
            return Expectation.precondition("0", "setup.reply");
        }
        return Expectation.unspecified(Expectation.ANY, null,
                "MsgReply to an rcvid that is not a message this actor received and has not replied to");
    }

    static Blocked blocked(int step, Supplier<Expectation> attempt, String neverWhy) {
        return new Blocked() {
            @Override
            public int step() {
                return step;
            }

            @Override
            public Expectation tryComplete() {
                return attempt.get();
            }

            @Override
            public Expectation atEnd() {
                return Expectation.unspecified(Expectation.ANY, null, neverWhy);
            }
        };
    }
}
