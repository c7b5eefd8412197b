package io.qnxhil.engine;

import io.qnxhil.run.Journal;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

import java.nio.file.Path;

/**
 * What a node of the plan → board → scenario tree needs while it runs. Immutable: a board node
 * hands its children a copy that carries the board's {@link BoardRun}.
 */
public record RunContext(Path projectRoot, Path runDir, Journal journal, EngineSettings settings,
                         BoardRun board, java.util.concurrent.Semaphore boardSlots, EngineExecutionListener listener)
        implements EngineExecutionContext {

    static RunContext forRun(Path projectRoot, Path runDir, Journal journal, EngineSettings settings,
                             EngineExecutionListener listener) {
        int slots = settings == null ? 1 : Math.max(1, settings.parallel());
        return new RunContext(projectRoot, runDir, journal, settings, null, new java.util.concurrent.Semaphore(slots, true), listener);
    }

    RunContext withBoard(BoardRun board) {
        return new RunContext(projectRoot, runDir, journal, settings, board, boardSlots, listener);
    }

    int retries() {
        return settings == null ? EngineSettings.DEFAULT_RETRIES : settings.retries();
    }

    java.time.Duration boardTimeout() {
        return settings == null ? EngineSettings.DEFAULT_BOARD_TIMEOUT : settings.boardTimeout();
    }
}
