package io.qnxhil.testing;

import io.qnxhil.model.Expectation;
import io.qnxhil.plan.Scenario;
import io.qnxhil.plan.Step;
import io.qnxhil.plan.StepExpect;
import io.qnxhil.run.TraceComparator;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks the model's predictions against the scenario author's {@code expect:} statements. */
public final class ExpectAgreement {
    private ExpectAgreement() {
    }

    /** Every step with an {@code expect:} must have a documented prediction that satisfies it. */
    public static void agree(Scenario s, List<Expectation> predicted) {
        for (Step step : s.steps()) {
            StepExpect x = step.expect();
            if (x == null) {
                continue;
            }
            Expectation e = predicted.get(step.index());
            String where = step.location() + " " + step.label() + ": model says " + e.describe() + " [" + e.rule() + "]";
            assertTrue(e.documented() && !e.precondition(), where + " is not a documented outcome");
            if (x.ret() != null) {
                assertFalse(e.ret().equals(Expectation.ANY), where);
                boolean ok = x.ret().equals("id") ? e.ret().equals(Expectation.ID)
                        : TraceComparator.retMatches(e.ret(), Long.parseLong(x.ret()));
                assertTrue(ok, where + ", the plan expects ret " + x.ret());
            }
            if (x.errno() != null) {
                assertEquals(x.errno(), e.errno(), where);
            }
            if (x.nothingDelivered()) {
                assertEquals(null, e.delivered(), where + ", the plan expects nothing to arrive");
            }
            if (x.delivered() != null) {
                assertEquals(List.of(), TraceComparator.deliveredDifferences(x.delivered(), e.delivered()), where);
            }
        }
    }
}
