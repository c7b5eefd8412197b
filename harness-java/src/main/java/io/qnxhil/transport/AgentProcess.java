package io.qnxhil.transport;

import java.io.InputStream;
import java.util.OptionalInt;

/** A running agent: its three streams, whether it lives, and how to stop it. Closing kills it. */
public interface AgentProcess extends AutoCloseable {

    /** Writes one command line (a newline is added) and flushes. */
    void sendLine(String line);

    /** The agent's record stream. */
    InputStream stdout();

    /** The agent's free-text diagnostics (an empty stream when the transport merges them into stdout). */
    InputStream stderr();

    boolean isAlive();

    /** The exit status once the agent has ended. */
    OptionalInt exitStatus();

    /** Stops the agent at once (and, for a local process, everything it started). */
    void kill();

    @Override
    void close();
}
