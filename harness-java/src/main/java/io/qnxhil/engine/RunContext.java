package io.qnxhil.engine;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.run.BoardSession;
import io.qnxhil.run.Journal;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a node of the plan → board → scenario tree needs while it runs. Immutable: a board node
 * hands its children a copy that carries the board's open session.
 */
public record RunContext(Path projectRoot, Path runDir, Journal journal, BoardConfig board,
                         BoardSession session, AtomicReference<String> boardBroken,
                         EngineExecutionListener listener)
        implements EngineExecutionContext {

    static RunContext forRun(Path projectRoot, Path runDir, Journal journal, EngineExecutionListener listener) {
        return new RunContext(projectRoot, runDir, journal, null, null, null, listener);
    }

    RunContext withBoard(BoardConfig config, BoardSession session, String brokenReason) {
        return new RunContext(projectRoot, runDir, journal, config, session, new AtomicReference<>(brokenReason), listener);
    }
}
