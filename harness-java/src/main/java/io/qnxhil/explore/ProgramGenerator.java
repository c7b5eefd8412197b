package io.qnxhil.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random valid step programs over a server and a client: a connection with random flags, events of
 * random types and flags registered (or not) with a random permitted server, handed to the server,
 * then a random mix of deliveries (with and without the server's value and code), waits, flag
 * queries and unregistrations. The server may also register events of its own and deliver them to
 * itself (rcvid 0), which lets the shrinker reach programs of a handful of steps.
 */
public final class ProgramGenerator {
    private static final String[] SIGNALS = {"SIGUSR1", "SIGUSR2", "SIGRTMIN", "SIGRTMAX"};
    private final Random random;

    public ProgramGenerator(long seed) {
        this.random = new Random(seed);
    }

    public Program next() {
        List<String> s = new ArrayList<>();
        s.add("server channel_create: {as: chid}");
        String flags = pick("", "", ", flags: [_NTO_COF_REG_EVENTS]", ", flags: [_NTO_COF_REG_EVENTS]",
                ", flags: [_NTO_COF_NOEVENT]");
        s.add("client connect_attach: {to: server, chid: $chid" + flags + ", as: coid}");
        boolean pulses = random.nextInt(10) < 6;
        if (pulses) {
            s.add("client channel_create: {as: pchid}");
            s.add("client connect_attach: {to: client, chid: $pchid, as: pcoid}");
        }
        int n = 1 + random.nextInt(3);
        List<String> events = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String name = "e" + i;
            events.add(name);
            s.add("client event: " + event(name, pulses));
            String coid = pick("$coid", "$coid", "$coid", "-1", "-1", "SYSMGR_COID", null);
            if (coid != null) {
                s.add("client register_event: {event: " + name + ", coid: " + coid + "}");
            }
        }
        s.add("client send_events: {coid: $coid, events: [" + String.join(", ", events) + "], async: true}");
        s.add("server receive: {chid: $chid, as: rcvid}");
        s.add("server reply: {rcvid: $rcvid}");
        boolean self = random.nextBoolean();
        if (self) {
            s.add("server event: " + event("s1", false));
            s.add("server register_event: {event: s1, coid: -1}");
        }
        int m = 2 + random.nextInt(6);
        for (int i = 0; i < m; i++) {
            s.add(action(events, pulses, self));
        }
        s.add("client wait_event: {timeout_ms: 100" + (pulses ? ", chid: $pchid" : "") + "}");
        return new Program(List.of("server", "client"), s);
    }

    private String event(String name, boolean pulses) {
        int kind = random.nextInt(pulses ? 3 : 2);
        String flags = (random.nextBoolean() ? ", updateable: true" : "")
                + (random.nextInt(3) == 0 ? ", code_updateable: true" : "");
        int value = random.nextInt(100);
        return switch (kind) {
            case 0 -> "{type: SIGEV_SIGNAL, signo: " + pick(SIGNALS) + ", value: " + value + flags + ", as: " + name + "}";
            case 1 -> "{type: SIGEV_SIGNAL_CODE, signo: " + pick(SIGNALS) + ", value: " + value + ", code: "
                    + (-128 + random.nextInt(65)) + flags + ", as: " + name + "}";
            default -> "{type: SIGEV_PULSE, coid: $pcoid, priority: SIGEV_PULSE_PRIO_INHERIT, code: "
                    + random.nextInt(128) + ", value: " + value + flags + ", as: " + name + "}";
        };
    }

    private String action(List<String> events, boolean pulses, boolean self) {
        int what = random.nextInt(12);
        if (what < 5) {
            return "server deliver_event: {rcvid: $rcvid, event: " + pick(events.toArray(String[]::new)) + overrides() + "}";
        }
        if (what < 7 && self) {
            return "server deliver_event: {rcvid: 0, event: s1" + overrides() + "}";
        }
        if (what < 10) {
            return random.nextBoolean() || !self ? "client wait_event: {timeout_ms: 100" + (pulses ? ", chid: $pchid" : "") + "}"
                    : "server wait_event: {timeout_ms: 100}";
        }
        if (what < 11) {
            return pick("client connect_flags: {coid: $coid}",
                    "client connect_flags: {coid: $coid, mask: [_NTO_COF_CLOEXEC], bits: [_NTO_COF_CLOEXEC]}",
                    "client connect_flags: {coid: $coid, mask: [_NTO_COF_CLOEXEC], bits: 0}");
        }
        return "client unregister_event: {event: " + pick(events.toArray(String[]::new)) + "}";
    }

    private String overrides() {
        return (random.nextBoolean() ? ", value: " + (100 + random.nextInt(100)) : "")
                + (random.nextInt(3) == 0 ? ", code: " + (-128 + random.nextInt(65)) : "");
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }
}
