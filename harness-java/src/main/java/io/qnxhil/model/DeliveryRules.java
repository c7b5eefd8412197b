package io.qnxhil.model;

import io.qnxhil.model.KernelObjects.AnyServer;
import io.qnxhil.model.KernelObjects.Conn;
import io.qnxhil.model.KernelObjects.Msg;
import io.qnxhil.model.KernelObjects.Proc;
import io.qnxhil.model.KernelObjects.Registration;
import io.qnxhil.model.KernelObjects.Server;
import io.qnxhil.plan.DocRef;
import io.qnxhil.plan.Step;
import io.qnxhil.plan.Symbols;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** MsgDeliverEvent: who may deliver what over which connection, and what then arrives. */
final class DeliveryRules {
    private static final long NSIG = 57;
    private static final long SI_MINAVAIL = Kernel.symbol("SI_MINAVAIL");
    private static final long SI_MAXAVAIL = Kernel.symbol("SI_MAXAVAIL");
    private static final int FIRST_RT_SIGNAL = 41;

    /** One reason the kernel refuses the delivery; errno null when the docs do not name it. */
    record Refusal(String errno, DocRef citation, String rule) {
        boolean documented() {
            return citation != null;
        }
    }

    /** The receiving side of a delivery: the process, and the connection its message came on (null for rcvid 0). */
    private record Target(Proc process, Conn conn, Msg msg, DocRef how) {
    }

    private DeliveryRules() {
    }

    static Expectation deliver(Kernel k, Proc server, Step s) {
        Target t = target(k, server, k.resolve(s.args().get("rcvid")));
        if (t == null) {
            k.anywhereUnknown = s.label() + " delivered to an rcvid the model does not know";
            return Expectation.unspecified(Expectation.ANY, null,
                    "rcvid " + s.args().get("rcvid") + " is not a message this actor received in the scenario");
        }
        String name = (String) s.args().get("event");
        Sigev ev = server.events.get(name);
        if (ev == null) {
            return EventRules.unknownEvent(name);
        }
        ev = overwrite(k, ev, s);
        server.events.put(name, ev);
        if (t.conn() != null && t.conn().flagsUnknown != null) {
            t.process().signals.add(Delivery.signal("?", null, null, null, "unknown")
                    .uncertain("the connection's flags are not known: " + t.conn().flagsUnknown));
            return Expectation.unspecified(Expectation.ANY, null, "the connection's flags are not known: "
                    + t.conn().flagsUnknown);
        }
        List<Refusal> refusals = refusals(k, server, t.conn(), ev);
        return refusals.isEmpty() ? arrive(k, t, ev) : refuse(t.process(), refusals);
    }

    private static Target target(Kernel k, Proc server, Object rcvid) {
        if (rcvid instanceof Msg m && m.received && m.conn.chan.owner == server) {
            return new Target(m.sender, m.conn, m, Citations.DELIVER);
        }
        if (rcvid instanceof Long l && l == 0) {
            return new Target(server, null, null, Citations.DELIVER_TO_SELF);
        }
        return null;
    }

    /** The agent writes the step's value / code into the server's stored sigevent before delivering. */
    private static Sigev overwrite(Kernel k, Sigev ev, Step s) {
        if (s.args().containsKey("value")) {
            ev = ev.withValue(k.number(s.args().get("value")));
        }
        if (s.args().containsKey("code")) {
            ev = ev.withCode(k.number(s.args().get("code")));
        }
        return ev;
    }

    static List<Refusal> refusals(Kernel k, Proc server, Conn conn, Sigev ev) {
        List<Refusal> out = new ArrayList<>();
        if (conn != null && conn.detached) {
            out.add(new Refusal("EBADF", Citations.DETACHED, "deliver.connection-detached"));
        }
        if (conn != null && (conn.flags & ConnectionRules.NOEVENT) != 0) {
            out.add(new Refusal("EACCES", Citations.NOEVENT, "deliver.noevent"));
        }
        if (conn != null && (conn.flags & ConnectionRules.INSECURE) != 0
                && (ev.type().equals("SIGEV_MEMORY") || ev.type().equals("SIGEV_THREAD"))) {
            out.add(new Refusal("EACCES", Citations.INSECURE, "deliver.insecure-memory-or-thread"));
        }
        Registration r = ev.handle();
        if (r != null && !r.alive) {
            out.add(new Refusal(null, null, "deliver.handle-unregistered (the error is not documented)"));
        } else if (r != null && !permitted(r, server)) {
            out.add(new Refusal("EACCES", Citations.HANDLE_DELIVERED, "deliver.handle-not-permitted"));
        } else if (r == null && conn != null && (conn.flags & ConnectionRules.REG_EVENTS) != 0) {
            out.add(new Refusal("EACCES", Citations.REG_EVENTS_ONLY, "deliver.unregistered-on-reg-events-connection"));
        } else if (r == null && !k.unregisteredEvents) {
            out.add(new Refusal(null, Citations.ONLY_REGISTERED, "deliver.unregistered-refused-by-default"));
        }
        out.addAll(invalid(effective(ev)));
        return out;
    }

    private static boolean permitted(Registration r, Proc server) {
        return r.permit instanceof AnyServer || (r.permit instanceof Server s && s.process() == server);
    }

    private static List<Refusal> invalid(Sigev ev) {
        List<Refusal> out = new ArrayList<>();
        if (ev.isSignal() && ev.signo() != null && (ev.signo() < 1 || ev.signo() >= NSIG)) {
            out.add(new Refusal("EINVAL", Citations.SIGNAL_RANGE, "deliver.signal-out-of-range"));
        }
        boolean coded = ev.type().equals("SIGEV_SIGNAL_CODE") || ev.type().equals("SIGEV_SIGNAL_THREAD");
        if (coded && ev.code() != null && (ev.code() < SI_MINAVAIL || ev.code() > SI_MAXAVAIL)) {
            out.add(new Refusal("EINVAL", Citations.CODE_RANGE, "deliver.code-out-of-range"));
        }
        return out;
    }

    private static Expectation refuse(Proc target, List<Refusal> refusals) {
        List<Refusal> documented = refusals.stream().filter(Refusal::documented).toList();
        String rules = refusals.stream().map(Refusal::rule).collect(Collectors.joining(" + "));
        if (documented.isEmpty()) {
            return Expectation.unspecified("-1", null, rules);
        }
        target.lastRefusal = documented.get(0).citation();
        List<String> errnos = refusals.stream().map(Refusal::errno).distinct().toList();
        if (errnos.size() == 1 && errnos.get(0) != null) {
            return Expectation.documented("-1", errnos.get(0), null, documented.get(0).citation(), rules);
        }
        String why = errnos.contains(null) ? "the errno is not documented"
                : "the docs do not say which check comes first (" + String.join(", ", errnos) + ")";
        return Expectation.documented("-1", null, null, documented.get(0).citation(), rules + "; " + why);
    }

    /** The event as the kernel delivers it: a registered event's own fields, updated where the client allowed. */
    static Sigev effective(Sigev held) {
        Registration r = held.handle();
        if (r == null) {
            return held;
        }
        Sigev e = r.original;
        if (e.updateable()) {
            e = e.withValue(held.value());
        }
        if (e.codeUpdateable()) {
            e = e.withCode(held.code());
        }
        return e;
    }

    private static Expectation arrive(Kernel k, Target t, Sigev held) {
        Sigev e = effective(held);
        DocRef why = citeArrival(k, t, held, e);
        String rule = held.handle() == null ? "deliver.unregistered-delivered"
                : e.updateable() ? "deliver.updateable-value-from-server" : "deliver.registered-value-from-client";
        if (held.handle() != null && e.codeUpdateable()) {
            rule += "+updateable-code";
        }
        if (e.isSignal()) {
            queueSignal(t.process(), e, why, rule);
        } else if (e.isPulse() && e.coid() != null) {
            e.coid().chan.queue.add(Delivery.pulse(e.code(), e.value(), why, rule));
        } else if (e.isPulse()) {
            k.anywhereUnknown = "a pulse went to a connection the model does not know";
        } else if (e.type().equals("SIGEV_NONE")) {
            t.process().lastRefusal = Citations.SIGEV_NONE;
            return Expectation.documented(Expectation.SUCCESS, "EOK", null, Citations.SIGEV_NONE, rule + "+none");
        } else if (e.type().equals("SIGEV_UNBLOCK") && t.msg() != null && !t.msg().replied && !t.msg().unblocked) {
            t.msg().unblocked = true;
            return Expectation.documented(Expectation.SUCCESS, "EOK", null, Citations.SIGEV_UNBLOCK, rule + "+unblock");
        } else if (e.type().equals("SIGEV_UNBLOCK") || e.type().equals("SIGEV_INTR")) {
            t.process().lastRefusal = Citations.UNBLOCK_INTR_ALLOWED;
            return Expectation.documented(Expectation.SUCCESS, "EOK", null, Citations.UNBLOCK_INTR_ALLOWED,
                    rule + "+nothing-to-unblock-or-interrupt");
        }
        return Expectation.documented(Expectation.SUCCESS, "EOK", null, why, rule);
    }

    /** The sentence that decides what arrives: the update rules for a handle, else how the event got there. */
    private static DocRef citeArrival(Kernel k, Target t, Sigev held, Sigev e) {
        if (held.handle() == null) {
            return k.unregisteredEvents && t.conn() != null ? Citations.ONLY_REGISTERED : t.how();
        }
        if (e.updateable()) {
            return Citations.VALUE_UPDATEABLE;
        }
        if (e.codeUpdateable() && held.code() != null) {
            return Citations.CODE_UPDATEABLE;
        }
        boolean modified = held.value() != null || held.code() != null;
        return modified ? Citations.ORIGINAL_VALUE : Citations.HANDLE_DELIVERED;
    }

    private static void queueSignal(Proc target, Sigev e, DocRef why, String rule) {
        boolean coded = !e.type().equals("SIGEV_SIGNAL");
        String signo = e.signo() == null ? null : Symbols.signalName(e.signo());
        Delivery d = Delivery.signal(signo, e.value(), coded ? e.code() : null, why, rule);
        if (signo == null) {
            d = d.uncertain("the signal number is not known");
        } else if (e.signo() < FIRST_RT_SIGNAL && target.signals.contains(signo)) {
            d = d.uncertain(signo + " is already pending: whether a second one queues is not documented");
        }
        target.signals.add(d);
    }
}
