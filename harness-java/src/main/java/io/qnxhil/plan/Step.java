package io.qnxhil.plan;

import java.util.Map;

/**
 * One step of a scenario's step program: {@code actor op {args}}.
 * Argument values are what YAML gave: String (symbols, {@code $refs}, actor and event names), Long,
 * Boolean (flags such as {@code updateable}), or List of those.
 *
 * @param expect the author's statement of the outcome, or null (see {@link StepExpect})
 */
public record Step(int index, String actor, String op, Map<String, Object> args, boolean async,
                   SourceLocation location, StepExpect expect) {

    public Step {
        args = Map.copyOf(args);
    }

    public Step(int index, String actor, String op, Map<String, Object> args, boolean async,
                SourceLocation location) {
        this(index, actor, op, args, async, location, null);
    }

    /** {@code client register_event {event: ev, coid: $coid}} — how the step reads in a report. */
    public String describe() {
        StringBuilder sb = new StringBuilder(actor).append(' ').append(op);
        if (async) {
            sb.append(" (async)");
        }
        if (!args.isEmpty()) {
            sb.append(' ').append(new java.util.TreeMap<>(args));
        }
        return sb.toString();
    }

    /** "step 7 server deliver_event": how messages name the step (0-based index, as the agent reports it). */
    public String label() {
        return "step " + index + " " + actor + " " + op;
    }
}
