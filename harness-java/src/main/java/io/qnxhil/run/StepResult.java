package io.qnxhil.run;

import io.qnxhil.agent.Observation;
import io.qnxhil.model.Expectation;
import io.qnxhil.plan.Step;

/**
 * One step compared: the model's expectation against the board's observation.
 *
 * @param expected null only when the model could not predict (then status is BROKEN with a message)
 * @param observed null when the step did not run or the agent reported an error for it
 * @param message  why the status is what it is ("expected -1 EACCES, observed 0 EOK"), never null
 */
public record StepResult(Step step, Expectation expected, Observation observed, Status status, String message) {

    public enum Status {
        /** documented expectation held */
        MATCH,
        /** documented expectation did not hold: makes the scenario FAIL */
        MISMATCH,
        /** the docs leave the outcome open: recorded, compared with the golden file, never a failure */
        UNSPECIFIED,
        /** the agent could not carry the step out (error record, timeout): makes the scenario BROKEN */
        BROKEN,
        /** an earlier step broke the scenario */
        NOT_RUN
    }
}
