package io.qnxhil.model;

import io.qnxhil.plan.DocRef;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event on its way to a process: a signal pending for it, or a pulse waiting on a channel.
 *
 * @param what     the keys a wait observes ({kind, signo, value, code}); a key is absent when the
 *                 docs do not fix its value
 * @param citation why it arrives (and with these values)
 * @param unknownBecause null when the model is sure it is pending; else why it may or may not be
 */
record Delivery(Map<String, Object> what, DocRef citation, String rule, String unknownBecause) {

    static Delivery signal(String signo, Long value, Long code, DocRef citation, String rule) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "signal");
        if (signo != null) {
            m.put("signo", signo);
        }
        putIfKnown(m, "value", value);
        putIfKnown(m, "code", code);
        return new Delivery(Map.copyOf(m), citation, rule, null);
    }

    static Delivery pulse(Long code, Long value, DocRef citation, String rule) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "pulse");
        putIfKnown(m, "code", code);
        putIfKnown(m, "value", value);
        return new Delivery(Map.copyOf(m), citation, rule, null);
    }

    Delivery uncertain(String why) {
        return new Delivery(what, citation, rule, why);
    }

    private static void putIfKnown(Map<String, Object> m, String key, Long v) {
        if (v != null) {
            m.put(key, v);
        }
    }
}
