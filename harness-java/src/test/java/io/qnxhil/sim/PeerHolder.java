package io.qnxhil.sim;

import io.qnxhil.board.BoardConfigLoader;

import java.nio.file.Path;

/**
 * A process that starts the peers of the board configs it is given and then waits: a harness that a test
 * can kill with SIGKILL, so that no shutdown hook runs. Prints "STARTED" when every peer is up.
 */
public final class PeerHolder {
    private PeerHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(args[0]);
        for (int i = 1; i < args.length; i++) {
            SimPeer.start(BoardConfigLoader.load(Path.of(args[i]), root));
        }
        System.out.println("STARTED");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
