package io.qnxhil.run;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardInfo;
import io.qnxhil.plan.Scenario;

/**
 * A session with a board the harness runs for its duration (a QEMU process, a simulated peer): closing
 * the session powers the board off or stops the peer.
 */
final class PoweredBoardSession implements BoardSession {
    /** What ends with the session. */
    interface Board extends AutoCloseable {
        @Override
        void close();
    }

    private final BoardSession session;
    private final Board power;

    PoweredBoardSession(BoardSession session, Board power) {
        this.session = session;
        this.power = power;
    }

    @Override
    public BoardConfig config() {
        return session.config();
    }

    @Override
    public BoardInfo info() {
        return session.info();
    }

    @Override
    public ScenarioResult execute(Scenario scenario) {
        return session.execute(scenario);
    }

    @Override
    public String agentLog() {
        return session.agentLog();
    }

    @Override
    public void close() {
        try {
            session.close();
        } finally {
            power.close();
        }
    }
}
