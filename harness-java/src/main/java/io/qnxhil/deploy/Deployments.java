package io.qnxhil.deploy;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.TransportConfig;
import io.qnxhil.transport.RemoteShell;
import io.qnxhil.transport.SerialConsole;
import io.qnxhil.transport.SshConnection;
import io.qnxhil.transport.TransportException;

/** Opens the command link a board's config names, for a deploy on its own (outside a run). */
public final class Deployments {
    private Deployments() {
    }

    /** The board's shell over SSH or its console; local boards have none (their agent is not deployed). */
    public static RemoteShell shell(BoardConfig board) {
        if (board.peer() != null) {
            throw new IllegalStateException(board.name() + ": its simulated peer is not started (io.qnxhil.sim.SimPeer)");
        }
        if (board.transport() instanceof TransportConfig.Ssh ssh) {
            return new SshConnection(ssh, board.access().connectTimeout(), board.access().reconnectTimeout());
        }
        if (board.transport() instanceof TransportConfig.Serial serial) {
            return SerialConsole.open(serial, board.access().connectTimeout());
        }
        throw new TransportException(board.name() + ": a local board runs the agent in place; nothing to deploy");
    }

    public static Deployer.Outcome deploy(BoardConfig board) {
        try (RemoteShell shell = shell(board)) {
            return new Deployer(board, shell).deploy();
        }
    }
}
