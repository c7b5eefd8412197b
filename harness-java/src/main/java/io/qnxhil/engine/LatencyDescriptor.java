package io.qnxhil.engine;

import io.qnxhil.latency.Baseline;
import io.qnxhil.latency.LatencyCollector;
import io.qnxhil.latency.LatencyMeasurement;
import io.qnxhil.latency.LatencyResult;
import io.qnxhil.latency.LatencySpec;
import io.qnxhil.plan.ConfigException;
import io.qnxhil.run.BoardUnavailableException;
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
 * One latency measurement on one board. Journaled first, like a scenario; PASS succeeds, FAIL (a
 * regression against the board's baseline) is an assertion failure, BROKEN an infrastructure
 * exception, SKIPPED (the board cannot do this configuration) an aborted test.
 */
final class LatencyDescriptor extends AbstractTestDescriptor implements Node<RunContext> {
    private final LatencySpec spec;

    LatencyDescriptor(UniqueId parent, LatencySpec spec) {
        super(parent.append("latency", spec.id()), LatencyMeasurement.SCENARIO_PREFIX + spec.id(),
                FileSource.from(spec.location().file().toFile(), FilePosition.from(Math.max(1, spec.location().line()))));
        this.spec = spec;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    /**
     * On the board's own thread, after the scenarios and in plan order, as scenarios run: JUnit's default
     * (CONCURRENT) would queue every measurement of the board at once on the shared pool, time the queueing
     * with them, and reject some when the pool is full.
     */
    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.SAME_THREAD;
    }

    @Override
    public RunContext execute(RunContext ctx, DynamicTestExecutor dynamic) {
        LatencyMeasurement m = measure(ctx);
        ctx.journal().append(m.toJournal());
        ctx.listener().reportingEntryPublished(this, ReportEntry.from(Map.of(
                ScenarioDescriptor.VERDICT_KEY, m.verdict().name(), "board", m.board())));
        switch (m.verdict()) {
            case PASS -> { }
            case FAIL -> throw new AssertionFailedError(m.reason());
            case BROKEN -> throw new ScenarioDescriptor.InfrastructureException(m.reason());
            case SKIPPED -> throw new TestAbortedException(m.reason());
        }
        return ctx;
    }

    private LatencyMeasurement measure(RunContext ctx) {
        Instant started = Instant.now();
        BoardRun board = ctx.board();
        String name = board.config().name();
        LatencyCollector.Collected c = collect(board);
        var session = board.session();
        String os = session == null || session.info() == null ? "unknown"
                : session.info().os() + " " + session.info().release() + " " + session.info().arch();
        Baseline baseline = null;
        try {
            baseline = Baseline.loadIfPresent(ctx.projectRoot(), name);
        } catch (ConfigException e) {
            c = notRun("the baseline is unusable: " + e.getMessage());
        }
        return LatencyMeasurement.judge(spec, name, os, c, baseline, started);
    }

    /** Runs the measurement within its own bound and the board's remaining budget, as a scenario runs. */
    private LatencyCollector.Collected collect(BoardRun board) {
        String name = board.config().name();
        if (board.broken() == null && board.remaining().isZero()) {
            board.markBroken(board.budgetExhausted());
        }
        if (board.broken() == null && board.session() == null) {
            board.open(0);
        }
        if (board.broken() != null) {
            return notRun("board out of the run: " + board.broken());
        }
        Duration limit = BoardRun.min(spec.bound().plus(BoardRun.SCENARIO_GRACE), board.remaining());
        var session = board.session();
        try {
            return board.call(() -> session.measureLatency(spec), limit, "latency measurement " + spec.id());
        } catch (BoardUnavailableException e) {
            board.abandon();
            if (board.remaining().isZero()) {
                board.markBroken(board.budgetExhausted());
            }
            return notRun(e.getMessage().startsWith(name) ? e.getMessage() : name + ": " + e.getMessage());
        }
    }

    private static LatencyCollector.Collected notRun(String why) {
        return new LatencyCollector.Collected(LatencyResult.broken(why), List.of(), List.of(), false);
    }
}
