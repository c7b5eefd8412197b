package io.qnxhil.engine;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.run.BoardSession;
import io.qnxhil.run.BoardSessions;
import io.qnxhil.run.ResultCodec;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * One board of the plan. Opens the board session before its scenarios; a board that cannot be
 * opened is recorded as broken and its scenarios are reported BROKEN with the reason, so the run
 * goes on with the other boards and never hangs on a dead one.
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
    public RunContext before(RunContext ctx) {
        BoardSession session;
        try {
            session = BoardSessions.open(board, ctx.projectRoot());
        } catch (RuntimeException e) {
            String reason = board.name() + ": " + e.getMessage();
            ctx.journal().append(ResultCodec.boardBroken(board, reason));
            return ctx.withBoard(board, null, reason);
        }
        ctx.journal().append(ResultCodec.board(board, session.info()));
        return ctx.withBoard(board, session, null);
    }

    @Override
    public void after(RunContext ctx) {
        if (ctx.session() != null) {
            ctx.session().close();
        }
    }
}
