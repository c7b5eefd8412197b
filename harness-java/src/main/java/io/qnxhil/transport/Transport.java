package io.qnxhil.transport;

import java.util.Map;

/** A way to start the agent on a board and talk to it: local process, SSH, serial console. */
public interface Transport extends AutoCloseable {

    /**
     * Starts the agent with {@code env} added to its environment.
     *
     * @throws TransportException when the agent cannot be started (binary missing, board unreachable)
     */
    AgentProcess start(Map<String, String> env);

    /** Where the agent runs, for messages: "local /path/to/qnx-hil-agent". */
    String describe();

    /** Releases the link to the board (an SSH connection, a serial port). Agents started are closed first. */
    @Override
    default void close() {
    }
}
