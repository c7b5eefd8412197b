package io.qnxhil.engine;

import io.qnxhil.plan.Scenario;
import io.qnxhil.run.BoardUnavailableException;
import io.qnxhil.run.ResultCodec;
import io.qnxhil.run.ScenarioResult;
import io.qnxhil.run.StepResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One scenario on one board. Its verdict goes to the journal first (so nothing is lost if the
 * run dies right after), then to the platform: PASS succeeds, FAIL is an assertion failure,
 * BROKEN an {@link InfrastructureException}, SKIPPED an aborted test.
 */
final class ScenarioDescriptor extends AbstractTestDescriptor implements Node<RunContext> {
    public static final String VERDICT_KEY = "qnxhil.verdict";
    private final Scenario scenario;

    ScenarioDescriptor(UniqueId parent, Scenario scenario) {
        super(parent.append("scenario", scenario.id()), scenario.id(),
                FileSource.from(scenario.location().file().toFile(),
                        FilePosition.from(Math.max(1, scenario.location().line()))));
        this.scenario = scenario;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public RunContext execute(RunContext ctx, DynamicTestExecutor dynamic) {
        ScenarioResult result = run(ctx);
        ctx.journal().append(ResultCodec.scenario(result));
        ctx.listener().reportingEntryPublished(this, ReportEntry.from(Map.of(
                VERDICT_KEY, result.verdict().name(), "board", result.board())));
        switch (result.verdict()) {
            case PASS -> { }
            case FAIL -> throw new AssertionFailedError(result.reason());
            case BROKEN -> throw new InfrastructureException(result.reason());
            case SKIPPED -> throw new TestAbortedException(result.reason());
        }
        return ctx;
    }

    private ScenarioResult run(RunContext ctx) {
        String broken = ctx.boardBroken().get();
        if (broken == null) {
            try {
                return ctx.session().execute(scenario);
            } catch (BoardUnavailableException e) {
                broken = ctx.board().name() + ": " + e.getMessage();
                ctx.boardBroken().set(broken);
            }
        }
        return notRun(ctx.board().name(), broken);
    }

    private ScenarioResult notRun(String board, String reason) {
        List<StepResult> steps = scenario.steps().stream()
                .map(st -> new StepResult(st, null, null, StepResult.Status.NOT_RUN, "board unavailable"))
                .toList();
        return new ScenarioResult(scenario, board, io.qnxhil.run.Verdict.BROKEN, reason, steps, Map.of(),
                List.of(), "", Instant.now(), Duration.ZERO);
    }

    /** The harness could not carry a scenario out: not a product failure. */
    public static final class InfrastructureException extends RuntimeException {
        public InfrastructureException(String message) {
            super(message, null, false, false);
        }
    }
}
