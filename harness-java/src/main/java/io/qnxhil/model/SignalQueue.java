package io.qnxhil.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Signals pending for a process (actors block them, so they wait for {@code wait_event}). The docs
 * do not say in which order several different pending signals are taken, so when more than one
 * could come next the model only predicts what they have in common, and remembers how many of
 * the pool were taken without knowing which.
 */
final class SignalQueue {
    private final List<Delivery> pool = new ArrayList<>();
    private int takenUnknown;

    void add(Delivery d) {
        pool.add(d);
    }

    int available() {
        return pool.size() - takenUnknown;
    }

    boolean isEmpty() {
        return available() == 0;
    }

    /** Why a pending signal's presence is not known, or null when every one is. */
    String unknownBecause() {
        return pool.stream().map(Delivery::unknownBecause).filter(w -> w != null).findFirst().orElse(null);
    }

    boolean contains(String signo) {
        return pool.stream().anyMatch(d -> signo.equals(d.what().get("signo")));
    }

    /** Takes the next signal: the one pending, or what all candidates share when several could come. */
    Delivery take() {
        if (pool.size() == 1 || allSame()) {
            return pool.remove(0);
        }
        Delivery common = common();
        takenUnknown++;
        if (takenUnknown == pool.size()) {
            pool.clear();
            takenUnknown = 0;
        }
        return common;
    }

    private boolean allSame() {
        return takenUnknown == 0 && pool.stream().allMatch(d -> d.what().equals(pool.get(0).what()));
    }

    private Delivery common() {
        Map<String, Object> shared = new HashMap<>(pool.get(0).what());
        for (Delivery d : pool) {
            shared.entrySet().removeIf(e -> !e.getValue().equals(d.what().get(e.getKey())));
        }
        Delivery first = pool.get(0);
        return new Delivery(Map.copyOf(shared), first.citation(),
                "wait.one-of-" + available() + "-pending (the docs do not order pending signals)", null);
    }
}
