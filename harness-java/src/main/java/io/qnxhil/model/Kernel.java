package io.qnxhil.model;

import io.qnxhil.model.KernelObjects.Proc;
import io.qnxhil.plan.Step;
import io.qnxhil.plan.Symbols;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model's kernel state while it interprets one scenario: the actors (processes), what each
 * {@code $ref} is bound to (a channel, a connection, a received message, or a plain number), and
 * the release's rules ({@link #release}, {@link #unregisteredEvents}).
 */
final class Kernel {
    final String release;
    final boolean unregisteredEvents;
    final Map<String, Proc> procs = new LinkedHashMap<>();
    private final Map<String, Object> refs = new HashMap<>();
    /** Why a delivery may have reached any actor (its target was not known), or null. */
    String anywhereUnknown;

    Kernel(String release, boolean unregisteredEvents, List<String> actors) {
        this.release = release;
        this.unregisteredEvents = unregisteredEvents;
        actors.forEach(a -> procs.put(a, new Proc(a)));
    }

    /** Every object a {@code $ref} is bound to. */
    java.util.Collection<Object> objects() {
        return refs.values();
    }

    Proc proc(String name) {
        return procs.get(name);
    }

    void bind(Step step, Object value) {
        Object as = step.args().get("as");
        if (as != null && value != null) {
            refs.put((String) as, value);
        }
    }

    /**
     * An argument's meaning: the object a {@code $ref} names (null when the step that binds it did not
     * bind anything the model knows), a symbol's value, or the integer itself.
     */
    Object resolve(Object arg) {
        if (arg instanceof String s && s.startsWith("$")) {
            return refs.get(s.substring(1));
        }
        if (arg instanceof String s) {
            return Symbols.lookup(s).map(Symbols.Symbol::value).orElse(null);
        }
        return arg;
    }

    /** An integer argument, or null when it is absent or not a plain number. */
    Long number(Object arg) {
        return resolve(arg) instanceof Long l ? l : null;
    }

    /** A flags argument (list, OR-ed), or null when some element is not a plain number. */
    Long flags(Object arg) {
        if (arg == null) {
            return 0L;
        }
        long bits = 0;
        for (Object item : arg instanceof List<?> l ? l : List.of(arg)) {
            Long v = number(item);
            if (v == null) {
                return null;
            }
            bits |= v;
        }
        return bits;
    }

    static long symbol(String name) {
        return Symbols.lookup(name).orElseThrow().value();
    }
}
