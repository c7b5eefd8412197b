package io.qnxhil.engine;

import io.qnxhil.board.BoardConfig;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * One board of the plan. Boards run in parallel with each other; a board's scenarios run one
 * after another on it. Before its scenarios the board passes a health check; a board that fails
 * it is recorded as broken and its scenarios are reported BROKEN with the reason, so the run goes
 * on with the other boards and never hangs on a dead one.
 */
final class BoardDescriptor extends AbstractTestDescriptor implements Node<RunContext> {
    private final BoardConfig board;

    BoardDescriptor(UniqueId parent, BoardConfig board) {
        super(parent.append("board", board.name()), board.name(), FileSource.from(board.file().toFile()));
        this.board = board;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.CONCURRENT;
    }

    @Override
    public RunContext before(RunContext ctx) {
        // the executor may start more board tasks than --parallel; the slots keep the cap exact
        ctx.boardSlots().acquireUninterruptibly();
        BoardRun run = new BoardRun(board, ctx.projectRoot(), ctx.journal(), ctx.boardTimeout());
        run.open(ctx.retries());
        return ctx.withBoard(run);
    }

    @Override
    public void after(RunContext ctx) {
        try {
            if (ctx.board() != null) {
                ctx.board().close();
            }
        } finally {
            ctx.boardSlots().release();
        }
    }
}
