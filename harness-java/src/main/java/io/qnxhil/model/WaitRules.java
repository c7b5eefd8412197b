package io.qnxhil.model;

import io.qnxhil.model.KernelObjects.Chan;
import io.qnxhil.model.KernelObjects.Proc;
import io.qnxhil.plan.Step;

import java.util.function.Supplier;

/**
 * The agent's {@code wait_event}: what reaches a process that blocks its signals (and, with
 * {@code chid}, what pulse waits on its channel). Returns 1 with what arrived, 0 when nothing came.
 */
final class WaitRules {
    private WaitRules() {
    }

    static Object waitEvent(Kernel k, Proc p, Step s) {
        Chan chan = null;
        if (s.args().containsKey("chid")) {
            if (!(k.resolve(s.args().get("chid")) instanceof Chan c) || c.owner != p) {
                return Expectation.unspecified(Expectation.ANY, null,
                        "wait_event on a chid that is not a channel of '" + p + "' created in this scenario");
            }
            chan = c;
        }
        Chan pulses = chan;
        Supplier<Expectation> attempt = () -> arrived(k, p, pulses);
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
    private static Expectation arrived(Kernel k, Proc p, Chan chan) {
        boolean pulse = chan != null && chan.queue.stream().anyMatch(o -> o instanceof Delivery);
        String unknown = k.anywhereUnknown != null ? k.anywhereUnknown : p.signals.unknownBecause();
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
        if (d.unknownBecause() != null) {
            return Expectation.unspecified(Expectation.ANY, null, d.unknownBecause());
        }
        return Expectation.documented("1", "EOK", d.what(), d.citation(), d.rule());
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
