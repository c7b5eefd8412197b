package io.qnxhil.run;

import io.qnxhil.agent.Observation;
import io.qnxhil.model.Expectation;
import io.qnxhil.plan.Step;
import io.qnxhil.plan.Symbols;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares the model's expectation with the board's observation for one step. Kernel-chosen ids
 * match any value &ge; 0; only the delivered keys the expectation gives are compared; signal names
 * are compared as names. A documented mismatch is a MISMATCH (the scenario fails), a failed
 * precondition is BROKEN (the scenario could not check what it is about), anything the docs leave
 * open is UNSPECIFIED (recorded).
 */
public final class TraceComparator {
    private TraceComparator() {
    }

    public static StepResult compare(Step step, Expectation expected, Observation observed) {
        if (expected == null) {
            return new StepResult(step, null, observed, StepResult.Status.BROKEN,
                    step.label() + ": the model made no prediction");
        }
        List<String> diffs = differences(step, expected, observed);
        String observedText = observed.describe();
        if (!expected.documented()) {
            return new StepResult(step, expected, observed, StepResult.Status.UNSPECIFIED, step.label()
                    + ": not specified by the docs (" + expected.rule() + "); model guess " + expected.describe()
                    + (diffs.isEmpty() ? " held" : ", observed " + observedText));
        }
        if (diffs.isEmpty()) {
            return new StepResult(step, expected, observed, StepResult.Status.MATCH,
                    step.label() + ": " + observedText + " as expected");
        }
        String text = step.label() + ": expected " + expected.describe() + ", observed " + observedText
                + " (" + String.join("; ", diffs) + ")";
        if (expected.precondition()) {
            return new StepResult(step, expected, observed, StepResult.Status.BROKEN,
                    "set-up failed, the scenario cannot check what it is about: " + text);
        }
        String cite = expected.citation() == null ? " [" + expected.rule() + "]"
                : " (" + expected.citation().page() + ": \"" + expected.citation().sentence() + "\")";
        return new StepResult(step, expected, observed, StepResult.Status.MISMATCH, step.label() + ": expected "
                + expected.describe() + ", observed " + observedText + cite);
    }

    static List<String> differences(Step step, Expectation e, Observation o) {
        List<String> out = new ArrayList<>();
        if (!retMatches(e.ret(), o.ret())) {
            out.add("ret " + o.ret() + " is not " + e.ret());
        }
        if (e.errno() != null && !e.errno().equals(o.errno())) {
            out.add("errno " + o.errno() + " is not " + e.errno());
        }
        if (step.op().equals("wait_event")) {
            out.addAll(deliveredDifferences(e.delivered(), o.delivered()));
        }
        if (o.detail() != null && o.detail().get("errno_set") != null) {
            // the _r forms must leave errno alone (the agent reports a change it saw)
            out.add("the _r form set errno to " + o.detail().get("errno_set"));
        }
        return out;
    }

    public static boolean retMatches(String expected, long observed) {
        if (expected == null || expected.equals(Expectation.ANY)) {
            return true;
        }
        if (expected.equals(Expectation.ID)) {
            return observed >= 0;
        }
        if (expected.equals(Expectation.SUCCESS)) {
            return observed != -1;
        }
        return Long.parseLong(expected) == observed;
    }

    public static List<String> deliveredDifferences(Map<String, Object> expected, Map<String, Object> observed) {
        List<String> out = new ArrayList<>();
        if (expected == null) {
            if (observed != null) {
                out.add("nothing should have arrived, but " + observed + " did");
            }
            return out;
        }
        if (observed == null) {
            out.add("nothing arrived");
            return out;
        }
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            Object got = observed.get(e.getKey());
            if (!same(e.getKey(), e.getValue(), got)) {
                out.add(e.getKey() + " " + got + " is not " + e.getValue());
            }
        }
        return out;
    }

    private static boolean same(String key, Object expected, Object observed) {
        if (observed == null) {
            return false;
        }
        return switch (key) {
            case "signo" -> Objects.equals(signalName(expected), signalName(observed));
            case "value" -> expected instanceof Number a && observed instanceof Number b && a.longValue() == b.longValue();
            case "code" -> sameCode(expected, observed);
            default -> Objects.equals(String.valueOf(expected), String.valueOf(observed));
        };
    }

    /** A signal as its canonical QNX name: "SIGUSR1" for 16, "SIGUSR1", or "SIGRTMIN+0" → "SIGRTMIN". */
    static String signalName(Object s) {
        if (s instanceof Number n) {
            return Symbols.signalName(n.longValue());
        }
        String text = String.valueOf(s);
        return Symbols.lookup(text).filter(sym -> sym.group() == Symbols.Group.SIGNAL)
                .map(sym -> Symbols.signalName(sym.value())).orElse(text);
    }

    /** Codes as names when both are names (host values differ on the simulated board), else as QNX numbers. */
    private static boolean sameCode(Object expected, Object observed) {
        if (expected instanceof String a && observed instanceof String b) {
            return a.equals(b);
        }
        Long x = codeValue(expected);
        Long y = codeValue(observed);
        return x != null && x.equals(y);
    }

    private static Long codeValue(Object c) {
        if (c instanceof Number n) {
            return n.longValue();
        }
        return Symbols.lookup(String.valueOf(c)).map(Symbols.Symbol::value).orElse(null);
    }
}
