package io.qnxhil.run;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardInfo;

/**
 * Checks that the agent runs on the board the config describes. The reference model is chosen by
 * the config, so a board reporting another release or procnto mode would be judged by the wrong rules.
 */
final class BoardIdentity {
    private BoardIdentity() {
    }

    static void check(BoardConfig config, BoardInfo info) {
        String release = info.release() == null ? "" : info.release();
        if (!(release.equals(config.release()) || release.startsWith(config.release() + "."))) {
            throw new BoardUnavailableException(config.name() + ": the agent reports QNX release '" + release
                    + "' (" + info.os() + ", profile " + info.profile() + ") but " + config.file()
                    + " says release " + config.release() + "; fix the config or the agent build");
        }
        if (config.simulated() && !config.profile().equals(info.profile())) {
            throw new BoardUnavailableException(config.name() + ": the agent was built for profile '" + info.profile()
                    + "' but the config needs '" + config.profile() + "'");
        }
        if (info.unregisteredEventsAllowed() != config.unregisteredEvents()) {
            boolean u = info.unregisteredEventsAllowed();
            throw new BoardUnavailableException(config.name() + ": the board's procnto " + (u ? "runs with -U (it accepts"
                    : "runs without -U (it refuses") + " unregistered events)" + " but " + config.file()
                    + " says procnto.unregistered_events: " + config.unregisteredEvents() + ". The agent only reports what"
                    + " procnto does: set procnto.unregistered_events: " + u + " to match the board, or " + (u
                    ? "remove -U from" : "add -U to") + " procnto's arguments in the board's buildfile"
                    + (config.simulated() ? " (on the simulated board: QNXSIM_PROCNTO_U)" : ""));
        }
    }
}
