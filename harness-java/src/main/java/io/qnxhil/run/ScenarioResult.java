package io.qnxhil.run;

import io.qnxhil.plan.Scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one scenario on one board.
 *
 * @param verdict      PASS / FAIL / BROKEN / SKIPPED
 * @param reason       one line: the first mismatch, the infrastructure error, or the skip reason
 * @param steps        one result per step of the scenario, in step order
 * @param actorPids    actor name to the pid it had on the board
 * @param agentRecords every record payload the agent sent for this scenario, in arrival order
 * @param agentStderr  free text the agent wrote to stderr while running the scenario
 */
public record ScenarioResult(Scenario scenario, String board, Verdict verdict, String reason,
                             List<StepResult> steps, Map<String, Long> actorPids,
                             List<String> agentRecords, String agentStderr,
                             Instant started, Duration duration) {
    public ScenarioResult {
        steps = List.copyOf(steps);
        actorPids = Map.copyOf(actorPids);
        agentRecords = List.copyOf(agentRecords);
    }
}
