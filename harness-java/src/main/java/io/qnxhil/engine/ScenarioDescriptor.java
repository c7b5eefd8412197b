package io.qnxhil.engine;

import io.qnxhil.plan.Scenario;
import io.qnxhil.run.BoardUnavailableException;
import io.qnxhil.run.Journal;
import io.qnxhil.run.ResultCodec;
import io.qnxhil.run.Results;
import io.qnxhil.run.ScenarioResult;
import io.qnxhil.run.Verdict;
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
import java.util.Map;

/**
 * One scenario on one board. Its verdict goes to the journal first (so nothing is lost if the
 * run dies right after), then to the platform: PASS succeeds, FAIL is an assertion failure,
 * BROKEN an {@link InfrastructureException}, SKIPPED an aborted test. An infrastructure failure
 * (BROKEN) is retried up to the run's retry count, each failed attempt journaled; a FAIL never is.
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
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.SAME_THREAD;
    }

    @Override
    public RunContext execute(RunContext ctx, DynamicTestExecutor dynamic) {
        int attempt = 1;
        ScenarioResult result = attempt(ctx.board());
        while (result.verdict() == Verdict.BROKEN && attempt <= ctx.retries() && canRetry(ctx.board(), ctx.retries())) {
            ctx.journal().append(withAttempt(ResultCodec.scenario(result), "scenario-attempt", attempt));
            attempt++;
            result = attempt(ctx.board());
        }
        ctx.journal().append(withAttempt(ResultCodec.scenario(result), "scenario", attempt));
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

    private static com.fasterxml.jackson.databind.node.ObjectNode withAttempt(
            com.fasterxml.jackson.databind.node.ObjectNode rec, String type, int attempt) {
        rec.put("type", type);
        rec.put("attempt", attempt);
        return rec;
    }

    /**
     * Another attempt runs on a fresh session: the agent that failed is stopped and the board
     * passes its health check again; a board that fails it is out of the run, and no retry.
     */
    private static boolean canRetry(BoardRun board, int retries) {
        if (board.broken() != null) {
            return false;
        }
        board.abandon();
        return board.open(retries);
    }

    /** One attempt, bounded by the board's scenario timeout (plus grace) and its remaining budget. */
    private ScenarioResult attempt(BoardRun board) {
        Instant started = Instant.now();
        String name = board.config().name();
        if (board.broken() == null && board.remaining().isZero()) {
            board.markBroken(board.budgetExhausted());
        }
        if (board.broken() == null && board.session() == null) {
            board.open(0);
        }
        if (board.broken() != null) {
            return Results.broken(scenario, name, "board out of the run: " + board.broken(), started);
        }
        Duration limit = BoardRun.min(board.config().scenarioTimeout().plus(BoardRun.SCENARIO_GRACE), board.remaining());
        var session = board.session();
        try {
            return board.call(() -> session.execute(scenario), limit, "scenario " + scenario.id());
        } catch (BoardUnavailableException e) {
            board.abandon();
            if (board.remaining().isZero()) {
                board.markBroken(board.budgetExhausted());
            }
            String reason = e.getMessage().startsWith(name) ? e.getMessage() : name + ": " + e.getMessage();
            return Results.broken(scenario, name, reason, started);
        }
    }

    /** The harness could not carry a scenario out: not a product failure. */
    public static final class InfrastructureException extends RuntimeException {
        public InfrastructureException(String message) {
            super(message, null, false, false);
        }
    }
}
