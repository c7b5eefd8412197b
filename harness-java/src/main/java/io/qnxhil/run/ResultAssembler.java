package io.qnxhil.run;

import io.qnxhil.model.Expectation;
import io.qnxhil.plan.Scenario;
import io.qnxhil.plan.Step;

import java.util.ArrayList;
import java.util.List;

/** Turns a scenario's expectations and trace into step results and a verdict. */
final class ResultAssembler {
    /** Step results and the scenario's verdict with its one-line reason. */
    record Outcome(List<StepResult> steps, Verdict verdict, String reason) {
    }

    private ResultAssembler() {
    }

    static Outcome assemble(Scenario scenario, List<Expectation> expected, ScenarioTrace trace) {
        List<StepResult> out = new ArrayList<>();
        String broken = trace.scenarioError == null ? null : "agent: " + trace.scenarioError;
        int firstError = trace.errors.keySet().stream().mapToInt(Integer::intValue).min().orElse(Integer.MAX_VALUE);
        for (Step step : scenario.steps()) {
            if (broken == null && step.index() < firstError && !trace.observations.containsKey(step.index())
                    && firstError != Integer.MAX_VALUE) {
                // an async call still pending when a later step broke the scenario
                out.add(new StepResult(step, expected.get(step.index()), null, StepResult.Status.NOT_RUN,
                        "no result: step " + firstError + " broke the scenario before this call completed"));
                continue;
            }
            if (broken != null) {
                out.add(new StepResult(step, expected.get(step.index()), null, StepResult.Status.NOT_RUN,
                        "not compared: " + broken));
                continue;
            }
            StepResult r = one(step, expected.get(step.index()), trace);
            out.add(r);
            if (r.status() == StepResult.Status.BROKEN) {
                broken = r.message();
            }
        }
        return new Outcome(out, verdict(out, broken, trace), reason(out, broken, trace));
    }

    private static StepResult one(Step step, Expectation e, ScenarioTrace trace) {
        String error = trace.errors.get(step.index());
        if (error != null) {
            return new StepResult(step, e, null, StepResult.Status.BROKEN, step.label() + ": agent error: " + error);
        }
        if (!trace.observations.containsKey(step.index())) {
            String why = trace.infrastructure() != null ? trace.infrastructure() : "the agent sent no record for it";
            return new StepResult(step, e, null, StepResult.Status.BROKEN, step.label() + ": no result: " + why);
        }
        return TraceComparator.compare(step, e, trace.observations.get(step.index()));
    }

    /** The agent's "not permitted here" note (a set_uid step on an agent that is not root), or null. */
    static String privilegeSkip(List<StepResult> steps) {
        return steps.stream().map(StepResult::observed).filter(o -> o != null && o.detail() != null)
                .map(o -> o.detail().get("skip")).filter(v -> v != null).map(String::valueOf)
                .findFirst().orElse(null);
    }

    private static Verdict verdict(List<StepResult> steps, String broken, ScenarioTrace trace) {
        if (broken != null || trace.infrastructure() != null || "broken".equals(trace.endStatus)) {
            return Verdict.BROKEN;
        }
        if (privilegeSkip(steps) != null) {
            return Verdict.SKIPPED;     // what follows the refused step says nothing about QNX
        }
        return steps.stream().anyMatch(s -> s.status() == StepResult.Status.MISMATCH) ? Verdict.FAIL : Verdict.PASS;
    }

    private static String reason(List<StepResult> steps, String broken, ScenarioTrace trace) {
        if (broken != null) {
            return broken;
        }
        if (trace.infrastructure() != null) {
            return trace.infrastructure();
        }
        if ("broken".equals(trace.endStatus)) {
            return "the agent ended the scenario as broken";
        }
        if (privilegeSkip(steps) != null) {
            return "not supported by this agent: " + privilegeSkip(steps);
        }
        long unspecified = steps.stream().filter(s -> s.status() == StepResult.Status.UNSPECIFIED).count();
        return steps.stream().filter(s -> s.status() == StepResult.Status.MISMATCH).map(StepResult::message)
                .findFirst().orElse(steps.size() + " steps as expected"
                        + (unspecified > 0 ? ", " + unspecified + " not specified by the docs (recorded)" : "")
                        + (trace.leftover > 0 ? "; the agent killed " + trace.leftover + " leftover actor processes" : ""));
    }
}
