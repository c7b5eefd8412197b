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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.stream.Collectors;

/** MsgDeliverEvent: who may deliver what over which connection, and what then arrives. */
final class DeliveryRules {
    private static final long NSIG = 57;
    private static final long SI_MINAVAIL = Kernel.symbol("SI_MINAVAIL");
    private static final long SI_MAXAVAIL = Kernel.symbol("SI_MAXAVAIL");
    private static final int FIRST_RT_SIGNAL = 41;
    /**
     * The highest priority a non-privileged process may use: QNX's default (procnto -P), not given by the
     * pages; above it a pulse needs PROCMGR_AID_PRIORITY in the target (recorded in docs/reference-model.md).
     */
    static final long MAX_NONPRIVILEGED_PRIORITY = 63;
    static final long PRIORITY_AID = Kernel.symbol("PROCMGR_AID_PRIORITY");

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
        if (t.process().gone) {
            t.process().lastRefusal = Citations.NO_THREAD;
            return Expectation.documented("-1", "ESRCH", null, Citations.NO_THREAD, "deliver.client-gone");
        }
        String uncertain = uncertainty(t, ev);
        if (uncertain != null) {
            t.process().signals.add(Delivery.signal("?", null, null, null, "unknown").uncertain(uncertain));
            t.process().threadRuns.add(Delivery.signal("?", null, null, null, "unknown").uncertain(uncertain));
            return Expectation.unspecified(Expectation.ANY, null, uncertain);
        }
        if (t.conn() != null && t.conn().flagsUnknown != null) {
            t.process().signals.add(Delivery.signal("?", null, null, null, "unknown")
                    .uncertain("the connection's flags are not known: " + t.conn().flagsUnknown));
            return Expectation.unspecified(Expectation.ANY, null, "the connection's flags are not known: "
                    + t.conn().flagsUnknown);
        }
        List<Refusal> refusals = refusals(k, server, t.conn(), ev);
        refusals.addAll(privilege(t.process(), effective(ev)));
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

    /** Why the model cannot tell whether this delivery goes through, or null. */
    private static String uncertainty(Target t, Sigev held) {
        if (held.handle() != null && held.handle().unknown != null && held.handle().alive) {
            return "the registration may not exist: " + held.handle().unknown;
        }
        Sigev e = effective(held);
        if (e.isPulse() && e.priority() != null && e.priority() > MAX_NONPRIVILEGED_PRIORITY && e.priority() <= 255
                && t.process().has(PRIORITY_AID) == null) {
            return "a pulse priority of " + e.priority() + " needs PROCMGR_AID_PRIORITY in '" + t.process()
                    + "', and whether it holds it is not known (it runs with the agent's uid)";
        }
        if (e.type().equals("SIGEV_MEMORY") && e.mem() != null && e.mem().raw()) {
            return "a SIGEV_MEMORY address the model does not know (the page does not say what a bad address does)";
        }
        return null;
    }

    /** A pulse above the non-privileged priorities to a target that dropped PROCMGR_AID_PRIORITY. */
    private static List<Refusal> privilege(Proc target, Sigev e) {
        if (e.isPulse() && e.priority() != null && e.priority() > MAX_NONPRIVILEGED_PRIORITY && e.priority() <= 255
                && Boolean.FALSE.equals(target.has(PRIORITY_AID))) {
            return new ArrayList<>(List.of(new Refusal("EPERM", Citations.PULSE_PRIORITY_EPERM, "deliver.pulse-priority-needs-ability")));
        }
        return new ArrayList<>();
    }

    private static boolean permitted(Registration r, Proc server) {
        return r.permit instanceof AnyServer || (r.permit instanceof Server s && s.process() == server);
    }

    static List<Refusal> invalid(Sigev ev) {
        List<Refusal> out = new ArrayList<>();
        if (ev.type().equals("SIGEV_MEMORY") && ev.memop() != null && (ev.memop() < 1 || ev.memop() > 6)) {
            out.add(new Refusal("EINVAL", Citations.MEMOP_INVALID, "deliver.memop-invalid"));
        }
        if (ev.isPulse() && ev.priority() != null && (ev.priority() < -1 || ev.priority() > 255)) {
            out.add(new Refusal("EINVAL", Citations.PULSE_PRIORITY_INVALID, "deliver.pulse-priority-out-of-range"));
        }
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
        } else if (e.type().equals("SIGEV_MEMORY")) {
            DocRef cite = memory(t.process(), e);
            return Expectation.documented(Expectation.SUCCESS, "EOK", null, cite, rule + "+memory");
        } else if (e.type().equals("SIGEV_THREAD")) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("kind", "thread");
            if (e.value() != null) {
                run.put("value", e.value());
            }
            run.put("same_process", true);
            t.process().threadRuns.add(new Delivery(Map.copyOf(run), Citations.THREAD_VALUE, rule + "+thread", null));
            return Expectation.documented(Expectation.SUCCESS, "EOK", null, Citations.THREAD_CREATES, rule + "+thread");
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

    /** Applies a SIGEV_MEMORY operation to the target's word; returns the sentence that says what it does. */
    private static DocRef memory(Proc target, Sigev e) {
        Sigev.Mem m = e.mem();
        Long old = m.object() != null ? m.object().words.getOrDefault(m.offset(), 0L)
                : m.word() >= 0 && m.word() < target.words.length ? target.words[m.word()] : null;
        Long v = e.value();
        int op = e.memop() == null ? -1 : e.memop().intValue();
        Long next = old == null || v == null ? null : switch (op) {
            case 1 -> v;
            case 2 -> old + v;
            case 3 -> old - v;
            case 4 -> old | v;
            case 5 -> old & ~v;
            case 6 -> old ^ v;
            default -> null;
        };
        if (next != null) {
            next = (long) next.intValue(); // a 32-bit word, reported as a signed int
        }
        if (m.object() != null) {
            m.object().words.put(m.offset(), next);
        } else if (m.word() >= 0 && m.word() < target.words.length) {
            target.words[m.word()] = next;
        }
        target.lastMemory = switch (op) {
            case 1 -> Citations.MEM_ASSIGN;
            case 2 -> Citations.MEM_ADD;
            case 3 -> Citations.MEM_SUB;
            case 4 -> Citations.MEM_BITSET;
            case 5 -> Citations.MEM_BITCLR;
            default -> Citations.MEM_BITTOGGLE;
        };
        return target.lastMemory;
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
