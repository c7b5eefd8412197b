package io.qnxhil.run;

import io.qnxhil.plan.OpCatalog;
import io.qnxhil.plan.Scenario;
import io.qnxhil.plan.Step;
import io.qnxhil.plan.Symbols;

import java.util.List;

/** Whether a scenario can run on a release at all: every op and every QNX name it uses must exist there. */
public final class Applicability {
    private Applicability() {
    }

    /** Why the scenario is skipped on {@code release}, or null when it applies. */
    public static String skipReason(Scenario scenario, String release) {
        if (!scenario.releases().isEmpty() && !scenario.releases().contains(release)) {
            return "checks behaviour the pages document for QNX " + String.join("/", new java.util.TreeSet<>(
                    scenario.releases())) + " only; this board runs " + release;
        }
        for (Step step : scenario.steps()) {
            OpCatalog.Op op = OpCatalog.lookup(step.op()).orElse(null);
            if (op == null || !op.availableIn(release)) {
                return step.label() + ": QNX " + release + " has no " + step.op();
            }
            for (Object value : step.args().values()) {
                String missing = missingSymbol(value, release);
                if (missing != null) {
                    return step.label() + ": QNX " + release + " has no " + missing;
                }
            }
        }
        return null;
    }

    private static String missingSymbol(Object value, String release) {
        if (value instanceof List<?> list) {
            for (Object item : list) {
                String m = missingSymbol(item, release);
                if (m != null) {
                    return m;
                }
            }
            return null;
        }
        if (value instanceof String s) {
            return Symbols.lookup(s).filter(sym -> !sym.existsIn(release)).map(Symbols.Symbol::name).orElse(null);
        }
        return null;
    }
}
