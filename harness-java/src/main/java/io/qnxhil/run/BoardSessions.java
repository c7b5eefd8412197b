package io.qnxhil.run;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.PowerConfig;
import io.qnxhil.board.TransportConfig;
import io.qnxhil.power.HealthCheck;
import io.qnxhil.power.PowerControl;
import io.qnxhil.sim.PeerException;
import io.qnxhil.sim.SimPeer;
import io.qnxhil.transport.LocalTransport;
import io.qnxhil.transport.SerialTransport;
import io.qnxhil.transport.SshTransport;
import io.qnxhil.transport.Transport;

import java.nio.file.Path;

/** Opens sessions with boards: picks the transport the config names and starts the agent there. */
public final class BoardSessions {
    private BoardSessions() {
    }

    /**
     * Starts the board's agent, asks for its identity and checks it is the board the config
     * describes (release, procnto mode).
     *
     * @throws BoardUnavailableException when the agent cannot be started, does not answer, or
     *                                   reports a different release than the config
     */
    public static BoardSession open(BoardConfig config, Path projectRoot) {
        if (config.peer() != null) {
            // a simulated peer for this session only (a run keeps one for the board's whole run: engine.BoardRun)
            SimPeer peer;
            try {
                peer = SimPeer.start(config);
            } catch (PeerException e) {
                throw new BoardUnavailableException(config.name() + ": " + e.getMessage(), e);
            }
            try {
                return new PoweredBoardSession(open(peer.board(), projectRoot), peer::close);
            } catch (RuntimeException e) {
                peer.close();
                throw e;
            }
        }
        PowerControl power = PowerControl.of(config);
        try {
            if (config.access().power() instanceof PowerConfig.Qemu) {
                power.on(); // the board is a process the harness runs
            }
            BoardSession session = HealthCheck.open(config, power, () -> AgentBoardSession.open(config, transport(config)),
                    BoardUnavailableException::new);
            return config.access().power() instanceof PowerConfig.Qemu ? new PoweredBoardSession(session, power::close) : session;
        } catch (RuntimeException e) {
            power.close();
            throw e;
        }
    }

    static Transport transport(BoardConfig config) {
        if (config.peer() != null) {
            throw new IllegalStateException(config.name() + ": its simulated peer is not started");
        }
        if (config.transport() instanceof TransportConfig.Local local) {
            return new LocalTransport(local.agent());
        }
        if (config.transport() instanceof TransportConfig.Ssh) {
            return new SshTransport(config);
        }
        if (config.transport() instanceof TransportConfig.Serial) {
            return new SerialTransport(config);
        }
        throw new BoardUnavailableException(config.name() + ": unsupported transport " + config.transport());
    }
}
