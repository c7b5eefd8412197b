package io.qnxhil.agent;

import io.qnxhil.plan.Scenario;
import io.qnxhil.plan.Step;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a scenario into the agent's command lines (PROTOCOL.md): {@code scenario}, {@code actors},
 * one {@code step} per step, and {@code run}. Lists are comma-joined, booleans sent as 0/1.
 */
public final class AgentProgram {
    public static final int MAX_LINE = 1024;
    public static final int MAX_VALUE = 255;

    private AgentProgram() {
    }

    public static List<String> compile(Scenario scenario) {
        List<String> lines = new ArrayList<>();
        lines.add(check("scenario " + scenario.id()));
        lines.add(check("actors " + String.join(" ", scenario.actors())));
        for (Step step : scenario.steps()) {
            lines.add(check(stepLine(step)));
        }
        lines.add("run");
        return lines;
    }

    static String stepLine(Step step) {
        StringBuilder sb = new StringBuilder("step ").append(step.index()).append(' ')
                .append(step.actor()).append(' ').append(step.op());
        if (step.async()) {
            sb.append(" async");
        }
        for (Map.Entry<String, Object> e : new TreeMap<>(step.args()).entrySet()) {
            String value = value(e.getValue());
            if (value.isEmpty() || value.length() > MAX_VALUE || value.contains(" ")) {
                throw new ProgramException(step.label() + ": argument '" + e.getKey() + "' value '" + value
                        + "' cannot be sent (1.." + MAX_VALUE + " characters, no spaces)");
            }
            sb.append(' ').append(e.getKey()).append('=').append(value);
        }
        return sb.toString();
    }

    static String value(Object v) {
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (v instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(item -> parts.add(value(item)));
            return String.join(",", parts);
        }
        return String.valueOf(v);
    }

    private static String check(String line) {
        if (line.getBytes(StandardCharsets.US_ASCII).length > MAX_LINE || !StandardCharsets.US_ASCII.newEncoder()
                .canEncode(line) || line.indexOf('\n') >= 0) {
            throw new ProgramException("command line longer than " + MAX_LINE
                    + " bytes or not plain ASCII: " + line.substring(0, Math.min(80, line.length())));
        }
        return line;
    }

    /** A scenario that the agent protocol cannot carry (a bound of PROTOCOL.md exceeded). */
    public static final class ProgramException extends RuntimeException {
        public ProgramException(String message) {
            super(message);
        }
    }
}
