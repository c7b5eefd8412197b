package io.qnxhil.model;

import io.qnxhil.model.KernelObjects.Chan;
import io.qnxhil.model.KernelObjects.Proc;
import io.qnxhil.plan.Step;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The agent's {@code wait_event}: what reaches a process that blocks its signals (and, with
 * {@code chid}, what pulse waits on its channel). Returns 1 with what arrived, 0 when nothing came.
 */
final class WaitRules {
    private WaitRules() {
    }

    static Object waitEvent(Kernel k, Proc p, Step s) {
        String kind = (String) s.args().getOrDefault("kind", s.args().containsKey("chid") ? "any" : "signal");
        if (kind.equals("memory")) {
            return memory(k, p, s);
        }
        if (kind.equals("thread")) {
            return thread(p, s);
        }
        Chan chan = null;
        if (s.args().containsKey("chid")) {
            if (!(k.resolve(s.args().get("chid")) instanceof Chan c) || c.owner != p) {
                return Expectation.unspecified(Expectation.ANY, null,
                        "wait_event on a chid that is not a channel of '" + p + "' created in this scenario");
            }
            chan = c;
        }
        Chan pulses = chan;
        boolean signals = !kind.equals("pulse");
        Supplier<Expectation> attempt = () -> arrived(k, p, pulses, signals);
        Expectation now = attempt.get();
        if (now != null) {
            return now;
        }
        if (s.async()) {
            return new KernelObjects.Blocked() {
                @Override
                public int step() {
                    return s.index();
                }

                @Override
                public Expectation tryComplete() {
                    return attempt.get();
                }

                @Override
                public Expectation atEnd() {
                    return nothing(p);
                }
            };
        }
        return nothing(p);
    }

    /** What a wait receives now, or null when nothing is pending. */
    private static Expectation arrived(Kernel k, Proc p, Chan chan, boolean signals) {
        boolean pulse = chan != null && chan.queue.stream().anyMatch(o -> o instanceof Delivery);
        String unknown = k.anywhereUnknown != null ? k.anywhereUnknown : signals ? p.signals.unknownBecause() : null;
        if (!signals) {
            return unknown != null ? Expectation.unspecified(Expectation.ANY, null, "whether a pulse arrives depends on "
                    + unknown) : pulse ? fromDelivery(firstPulse(chan)) : null;
        }
        if (unknown != null) {
            return Expectation.unspecified(Expectation.ANY, null, "whether an event arrives depends on " + unknown);
        }
        if (pulse && !p.signals.isEmpty()) {
            return Expectation.unspecified("1", "EOK",
                    "a signal and a pulse are both pending: the docs do not say which a wait sees first");
        }
        Delivery d;
        if (!p.signals.isEmpty()) {
            d = p.signals.take();
        } else if (pulse) {
            d = firstPulse(chan);
        } else {
            return null;
        }
        return fromDelivery(d);
    }

    private static Expectation fromDelivery(Delivery d) {
        if (d.unknownBecause() != null) {
            return Expectation.unspecified(Expectation.ANY, null, d.unknownBecause());
        }
        return Expectation.documented("1", "EOK", d.what(), d.citation(), d.rule());
    }

    /** kind=memory: the word reaches {@code until}, or differs from {@code from} (default 0). */
    private static Expectation memory(Kernel k, Proc p, Step s) {
        Long value;
        if (s.args().containsKey("map")) {
            Object m = k.resolve(s.args().get("map"));
            Long offset = s.args().containsKey("offset") ? k.number(s.args().get("offset")) : Long.valueOf(0);
            value = m instanceof KernelObjects.ShmObject o && offset != null ? o.words.getOrDefault(offset, 0L) : null;
        } else {
            Long w = s.args().containsKey("word") ? k.number(s.args().get("word")) : Long.valueOf(0);
            value = w == null || w < 0 || w >= p.words.length ? null : p.words[w.intValue()];
        }
        if (value == null) {
            return Expectation.unspecified(Expectation.ANY, null, "the word's value is not known to the model");
        }
        Long until = k.number(s.args().get("until"));
        long from = s.args().containsKey("from") && k.number(s.args().get("from")) != null ? k.number(s.args().get("from")) : 0;
        boolean reached = until != null ? value.intValue() == until.intValue() : value.intValue() != (int) from;
        if (!reached) {
            return Expectation.documented("0", "EOK", null, p.lastMemory != null ? p.lastMemory : Citations.DELIVER,
                    "wait.memory-unchanged");
        }
        Map<String, Object> got = new LinkedHashMap<>();
        got.put("kind", "memory");
        got.put("value", (long) value.intValue());
        return Expectation.documented("1", "EOK", Map.copyOf(got), p.lastMemory != null ? p.lastMemory : Citations.DELIVER,
                "wait.memory-word");
    }

    /** kind=thread: one SIGEV_THREAD run in this actor that no earlier wait took. */
    private static Expectation thread(Proc p, Step s) {
        Delivery d = p.threadRuns.poll();
        if (d == null) {
            return nothing(p);
        }
        return fromDelivery(d);
    }

    private static Delivery firstPulse(Chan chan) {
        for (Object o : chan.queue) {
            if (o instanceof Delivery d) {
                chan.queue.remove(o);
                return d;
            }
        }
        throw new IllegalStateException("no pulse queued");
    }

    /** Nothing pending: the wait times out. Cites why the last delivery to this process was refused. */
    private static Expectation nothing(Proc p) {
        return Expectation.documented("0", "EOK", null,
                p.lastRefusal != null ? p.lastRefusal : Citations.DELIVER, "wait.nothing-pending");
    }
}
