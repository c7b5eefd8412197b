package io.qnxhil.plan;

import io.qnxhil.plan.Symbols.Group;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operations of the agent protocol (target-agent/PROTOCOL.md, version 1) and the arguments
 * each accepts. The plan loader validates steps against it; the board session skips a scenario
 * using an operation the board's release lacks.
 */
public final class OpCatalog {

    /** How an argument's value is written and checked. */
    public enum Kind {
        /** integer, {@code $ref}, or a symbol of the argument's groups */
        INT,
        /** a list of integers / symbols / refs, OR-ed by the agent */
        FLAGS,
        /** a declared actor (replaced by its pid) */
        ACTOR,
        /** an event defined earlier in this actor */
        EVENT,
        /** a list of events defined earlier in this actor */
        EVENTS,
        /** a new reference name ({@code as}) */
        BIND,
        /** a new event name ({@code as} of {@code event}) */
        EVENT_NAME,
        /** true/false, sent as 1/0 */
        BOOL,
        /** one symbol of the argument's groups */
        SYMBOL
    }

    /** @param only when not empty, the only symbols of {@code symbols} the agent accepts here */
    public record Arg(String name, Kind kind, Set<Group> symbols, boolean required, Set<String> only) {
        public Arg(String name, Kind kind, Set<Group> symbols, boolean required) {
            this(name, kind, symbols, required, Set.of());
        }

        public boolean accepts(String symbol) {
            return only.isEmpty() || only.contains(symbol);
        }
    }

    /** The sigevent types the agent's {@code event} op builds (SIGEV_MEMORY / THREAD need an address or function). */
    public static final List<String> EVENT_TYPES = List.of("SIGEV_NONE", "SIGEV_SIGNAL", "SIGEV_SIGNAL_CODE",
            "SIGEV_SIGNAL_THREAD", "SIGEV_PULSE", "SIGEV_UNBLOCK", "SIGEV_INTR");

    /** @param releases the releases that have the operation; empty means every release */
    public record Op(String name, Map<String, Arg> args, Set<String> releases) {
        public boolean availableIn(String release) {
            return releases.isEmpty() || releases.contains(release);
        }
    }

    private static final Map<String, Op> OPS = new LinkedHashMap<>();

    static {
        op("channel_create", opt("flags", Kind.FLAGS, Group.CHF_FLAG), opt("as", Kind.BIND));
        op("connect_attach", opt("to", Kind.ACTOR), req("chid", Kind.INT), opt("index", Kind.INT, Group.INDEX),
                opt("flags", Kind.FLAGS, Group.COF_FLAG), opt("as", Kind.BIND));
        op("connect_detach", req("coid", Kind.INT, Group.COID));
        op("connect_flags", req("coid", Kind.INT, Group.COID), opt("mask", Kind.FLAGS, Group.COF_FLAG),
                opt("bits", Kind.FLAGS, Group.COF_FLAG), opt("pid", Kind.ACTOR));
        op("event", new Arg("type", Kind.SYMBOL, Set.of(Group.SIGEV_TYPE), true, Set.copyOf(EVENT_TYPES)), opt("signo", Kind.INT, Group.SIGNAL),
                opt("value", Kind.INT), opt("code", Kind.INT, Group.SI_CODE, Group.PULSE_CODE),
                opt("coid", Kind.INT), opt("priority", Kind.INT, Group.PRIORITY),
                opt("updateable", Kind.BOOL), opt("code_updateable", Kind.BOOL), req("as", Kind.EVENT_NAME));
        op("register_event", req("event", Kind.EVENT), req("coid", Kind.INT, Group.COID));
        op("unregister_event", req("event", Kind.EVENT));
        op("send_events", req("coid", Kind.INT, Group.COID), req("events", Kind.EVENTS));
        op("receive", req("chid", Kind.INT), opt("as", Kind.BIND));
        op("reply", req("rcvid", Kind.INT), opt("status", Kind.INT));
        op("deliver_event", req("rcvid", Kind.INT), req("event", Kind.EVENT), opt("value", Kind.INT),
                opt("code", Kind.INT, Group.SI_CODE, Group.PULSE_CODE));
        op("wait_event", opt("timeout_ms", Kind.INT), opt("chid", Kind.INT));
        op("await");
    }

    private OpCatalog() {
    }

    private static void op(String name, Arg... args) {
        Map<String, Arg> m = new LinkedHashMap<>();
        for (Arg a : args) {
            m.put(a.name(), a);
        }
        OPS.put(name, new Op(name, Map.copyOf(m), Set.of()));
    }

    private static Arg req(String name, Kind kind, Group... groups) {
        return new Arg(name, kind, Set.of(groups), true);
    }

    private static Arg opt(String name, Kind kind, Group... groups) {
        return new Arg(name, kind, Set.of(groups), false);
    }

    public static Optional<Op> lookup(String name) {
        return Optional.ofNullable(OPS.get(name));
    }

    public static List<String> names() {
        return List.copyOf(OPS.keySet());
    }
}
