package io.qnxhil.run;

import io.qnxhil.plan.Scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Scenario results that involve no agent run. */
public final class Results {
    private Results() {
    }

    public static ScenarioResult skipped(Scenario scenario, String board, String reason, Instant started) {
        List<StepResult> steps = scenario.steps().stream()
                .map(s -> new StepResult(s, null, null, StepResult.Status.NOT_RUN, "skipped: " + reason))
                .toList();
        return new ScenarioResult(scenario, board, Verdict.SKIPPED, reason, steps, Map.of(), List.of(), "",
                started, Duration.between(started, Instant.now()));
    }

    /** A scenario the harness could not even start: every step NOT_RUN, verdict BROKEN. */
    public static ScenarioResult broken(Scenario scenario, String board, String reason, Instant started) {
        List<StepResult> steps = scenario.steps().stream()
                .map(s -> new StepResult(s, null, null, StepResult.Status.NOT_RUN, "not run: " + reason))
                .toList();
        return new ScenarioResult(scenario, board, Verdict.BROKEN, reason, steps, Map.of(), List.of(), "",
                started, Duration.between(started, Instant.now()));
    }
}
