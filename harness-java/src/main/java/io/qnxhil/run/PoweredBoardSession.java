package io.qnxhil.run;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardInfo;
import io.qnxhil.plan.Scenario;
import io.qnxhil.power.PowerControl;

/** A session with a board the harness powers for its duration (a QEMU process): closing it powers the board off. */
final class PoweredBoardSession implements BoardSession {
    private final BoardSession session;
    private final PowerControl power;

    PoweredBoardSession(BoardSession session, PowerControl power) {
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
