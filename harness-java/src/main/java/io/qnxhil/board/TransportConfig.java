package io.qnxhil.board;

import java.nio.file.Path;

/** How the controller reaches a board's agent. More kinds (ssh, serial) implement this as they arrive. */
public sealed interface TransportConfig permits TransportConfig.Local {

    /** The agent runs as a local process (the simulated board on this machine). */
    record Local(Path agent) implements TransportConfig {
    }
}
