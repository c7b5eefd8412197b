package io.qnxhil.board;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the harness gets at a board beyond the agent's transport: where the agent lives on the board,
 * which local build is deployed there, power control and the health check, and the bounds of every
 * wait that is not a scenario's.
 *
 * @param workdir          directory on the board for the harness's files (agents by content hash); {@code ~/...}
 *                         is under the login's home, resolved on the board
 * @param agentBuild       the local agent binary to deploy (remote transports only; null for local)
 * @param power            power control
 * @param healthRetries    power cycles tried on an unreachable board before it is reported BROKEN
 * @param bootWait         how long a board may take after power-on before it must answer
 * @param connectTimeout   one connection attempt (TCP, handshake, authentication; serial login)
 * @param commandTimeout   one command on the board (deploy checks, uploads are per chunk)
 * @param reconnectTimeout how long to keep reconnecting (with back-off) after the link drops
 */
public record BoardAccess(String workdir, Path agentBuild, PowerConfig power, int healthRetries, Duration bootWait,
                          Duration connectTimeout, Duration commandTimeout, Duration reconnectTimeout) {

    /**
     * Under the login's home: QNX images often mount {@code /tmp} on {@code /dev/shmem}, where no directory
     * can be made, and the Raspberry Pi 4 quick-start image keeps users' files in {@code /data/home/<user>}.
     */
    public static final String DEFAULT_WORKDIR = "~/qnx-hil";

    /** The defaults of a local board: nothing to deploy, no power control. */
    public static BoardAccess local() {
        return new BoardAccess("/tmp/qnx-hil", null, new PowerConfig.None(), 0, Duration.ofSeconds(60),
                Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(60));
    }
}
