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
        SYMBOL,
        /** one bare word of the argument's {@code only} set (e.g. wait_event's kind) */
        WORD
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

    /** The sigevent types the agent's {@code event} op builds (every type but SIGEV_SEM). */
    public static final List<String> EVENT_TYPES = List.of("SIGEV_NONE", "SIGEV_SIGNAL", "SIGEV_SIGNAL_CODE",
            "SIGEV_SIGNAL_THREAD", "SIGEV_PULSE", "SIGEV_UNBLOCK", "SIGEV_INTR", "SIGEV_THREAD", "SIGEV_MEMORY");

    /** What {@code wait_event} can wait for (PROTOCOL.md, "Waiting"). */
    public static final List<String> WAIT_KINDS = List.of("signal", "pulse", "any", "memory", "thread");

    /** @param releases the releases that have the operation; empty means every release */
    public record Op(String name, Map<String, Arg> args, Set<String> releases) {
        public boolean availableIn(String release) {
            return releases.isEmpty() || releases.contains(release);
        }
    }

    private static final Map<String, Op> OPS = new LinkedHashMap<>();

    static {
        op("channel_create", opt("flags", Kind.FLAGS, Group.CHF_FLAG), opt("as", Kind.BIND));
        op("channel_destroy", req("chid", Kind.INT));
        op("connect_attach", opt("to", Kind.ACTOR), req("chid", Kind.INT), opt("index", Kind.INT, Group.INDEX),
                opt("flags", Kind.FLAGS, Group.COF_FLAG), opt("as", Kind.BIND));
        op("connect_detach", req("coid", Kind.INT, Group.COID));
        op("connect_flags", req("coid", Kind.INT, Group.COID), opt("mask", Kind.FLAGS, Group.COF_FLAG),
                opt("bits", Kind.FLAGS, Group.COF_FLAG), opt("pid", Kind.ACTOR), opt("r_variant", Kind.BOOL));
        op("client_info", opt("rcvid", Kind.INT), opt("scoid", Kind.INT));
        op("server_info", req("coid", Kind.INT, Group.COID), opt("pid", Kind.ACTOR));
        op("event", new Arg("type", Kind.SYMBOL, Set.of(Group.SIGEV_TYPE), true, Set.copyOf(EVENT_TYPES)), opt("signo", Kind.INT, Group.SIGNAL),
                opt("value", Kind.INT), opt("code", Kind.INT, Group.SI_CODE, Group.PULSE_CODE),
                opt("coid", Kind.INT, Group.COID), opt("priority", Kind.INT, Group.PRIORITY),
                opt("sival_int", Kind.BOOL), opt("updateable", Kind.BOOL), opt("code_updateable", Kind.BOOL),
                opt("flags", Kind.FLAGS, Group.SIGEV_FLAG), opt("memop", Kind.INT, Group.MEMOP),
                opt("word", Kind.INT), opt("map", Kind.INT), opt("offset", Kind.INT), opt("addr", Kind.INT),
                req("as", Kind.EVENT_NAME));
        op("register_event", req("event", Kind.EVENT), req("coid", Kind.INT, Group.COID), opt("r_variant", Kind.BOOL));
        op("unregister_event", req("event", Kind.EVENT));
        op("send_events", req("coid", Kind.INT, Group.COID), req("events", Kind.EVENTS));
        op("send", req("coid", Kind.INT, Group.COID), opt("value", Kind.INT));
        op("send_pulse", req("coid", Kind.INT, Group.COID), opt("priority", Kind.INT, Group.PRIORITY),
                opt("code", Kind.INT, Group.PULSE_CODE), opt("value", Kind.INT));
        op("receive", req("chid", Kind.INT), opt("as", Kind.BIND));
        op("reply", req("rcvid", Kind.INT), opt("status", Kind.INT));
        op("msg_error", req("rcvid", Kind.INT), req("error", Kind.INT, Group.ERRNO));
        op("deliver_event", req("rcvid", Kind.INT), req("event", Kind.EVENT), opt("value", Kind.INT),
                opt("code", Kind.INT, Group.SI_CODE, Group.PULSE_CODE), opt("r_variant", Kind.BOOL));
        op("verify_event", req("rcvid", Kind.INT), req("event", Kind.EVENT));
        op("wait_event", opt("timeout_ms", Kind.INT), new Arg("kind", Kind.WORD, Set.of(), false, Set.copyOf(WAIT_KINDS)),
                opt("chid", Kind.INT), opt("word", Kind.INT), opt("map", Kind.INT), opt("offset", Kind.INT),
                opt("until", Kind.INT), opt("from", Kind.INT));
        op("shm_create", opt("size", Kind.INT), opt("as", Kind.BIND));
        op("shm_create_handle", req("fd", Kind.INT), req("to", Kind.ACTOR), req("flags", Kind.FLAGS, Group.OPEN_FLAG),
                opt("options", Kind.FLAGS, Group.SHM_OPTION), opt("as", Kind.BIND));
        op("shm_open_handle", req("handle", Kind.INT), req("flags", Kind.FLAGS, Group.OPEN_FLAG), opt("as", Kind.BIND));
        OPS.put("shm_open_handle_pid", new Op("shm_open_handle_pid", args(req("handle", Kind.INT),
                req("flags", Kind.FLAGS, Group.OPEN_FLAG), opt("pid", Kind.ACTOR), opt("as", Kind.BIND)), Set.of("8.0")));
        op("shm_revoke", req("fd", Kind.INT), opt("pid", Kind.ACTOR));
        op("mmap", req("fd", Kind.INT), opt("size", Kind.INT), opt("prot", Kind.FLAGS, Group.PROT), opt("as", Kind.BIND));
        op("munmap", req("map", Kind.INT));
        op("close", req("fd", Kind.INT));
        op("mem_write", opt("map", Kind.INT), opt("offset", Kind.INT), opt("word", Kind.INT), req("value", Kind.INT));
        op("mem_read", opt("map", Kind.INT), opt("offset", Kind.INT), opt("word", Kind.INT), opt("as", Kind.BIND));
        op("procmgr_ability", req("ability", Kind.INT, Group.ABILITY), req("action", Kind.FLAGS, Group.ABILITY_OP),
                opt("domain", Kind.FLAGS, Group.ABILITY_DOMAIN), opt("pid", Kind.ACTOR));
        op("set_uid", req("uid", Kind.INT), opt("gid", Kind.INT));
        op("kill", req("to", Kind.ACTOR), opt("signo", Kind.INT, Group.SIGNAL));
        op("exit", opt("status", Kind.INT));
        op("await");
    }

    private OpCatalog() {
    }

    private static void op(String name, Arg... args) {
        OPS.put(name, new Op(name, args(args), Set.of()));
    }

    private static Map<String, Arg> args(Arg... args) {
        Map<String, Arg> m = new LinkedHashMap<>();
        for (Arg a : args) {
            m.put(a.name(), a);
        }
        return Map.copyOf(m);
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
