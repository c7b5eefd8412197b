package io.qnxhil.board;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One board, as validated data from {@code board-configs/<name>.yaml}.
 *
 * @param os                 "qnx" for a real board, "qnxsim" for the simulated board
 * @param release            QNX release family, "7.1" or "8.0": selects the reference model's profile
 * @param unregisteredEvents procnto runs with -U (unregistered events allowed)
 * @param transport          how the controller reaches the agent
 * @param env                environment for the agent's processes (e.g. QNXSIM_* switches on the sim)
 * @param file               the config file, for error messages
 * @param access             work directory, agent build to deploy, power, health check, access timeouts
 * @param peer               the simulated peer the harness starts for this board, or null (a board that is reached
 *                           as it is); while a peer is not started, the transport's addresses are placeholders
 */
public record BoardConfig(String name, String os, String release, String arch, boolean unregisteredEvents,
                          TransportConfig transport, Map<String, String> env,
                          Duration stepTimeout, Duration scenarioTimeout, Path file, BoardAccess access,
                          PeerConfig peer) {

    public BoardConfig {
        env = Map.copyOf(env);
        if (access == null) {
            access = BoardAccess.local();
        }
    }

    /** A board reached as it is (no simulated peer to start). */
    public BoardConfig(String name, String os, String release, String arch, boolean unregisteredEvents,
                       TransportConfig transport, Map<String, String> env,
                       Duration stepTimeout, Duration scenarioTimeout, Path file, BoardAccess access) {
        this(name, os, release, arch, unregisteredEvents, transport, env, stepTimeout, scenarioTimeout, file, access, null);
    }

    /** A board with the default access settings (a local board). */
    public BoardConfig(String name, String os, String release, String arch, boolean unregisteredEvents,
                       TransportConfig transport, Map<String, String> env,
                       Duration stepTimeout, Duration scenarioTimeout, Path file) {
        this(name, os, release, arch, unregisteredEvents, transport, env, stepTimeout, scenarioTimeout, file,
                BoardAccess.local());
    }

    /** The same board under another name: one config serving several boards of a farm. */
    public BoardConfig withName(String newName) {
        return new BoardConfig(newName, os, release, arch, unregisteredEvents, transport, env, stepTimeout,
                scenarioTimeout, file, access, peer);
    }

    /** The board as its started peer is reached: the peer's transport, and no peer left to start. */
    public BoardConfig reachedThrough(TransportConfig started) {
        return new BoardConfig(name, os, release, arch, unregisteredEvents, started, env, stepTimeout,
                scenarioTimeout, file, access, null);
    }

    /** "nto710" or "nto800": the qnxsim build and the model profile for this release. */
    public String profile() {
        return "7.1".equals(release) ? "nto710" : "nto800";
    }

    public boolean simulated() {
        return "qnxsim".equals(os);
    }
}
