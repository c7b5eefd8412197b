package io.qnxhil.board;

import java.nio.file.Path;
import java.util.List;

/**
 * A simulated peer the harness starts for a qnxsim board ({@code peer:} in the board config): a real
 * OpenSSH sshd on loopback or a virtual serial console, with a QNX-like userland behind it, running
 * while the board is in use and stopped afterwards. The transport's port, keys, known_hosts, console
 * path and login come from the running peer, never from the config.
 *
 * @param userland  "qsti-8.0" (bash and toybox, as on the Raspberry Pi 4 quick-start image), "qnx-7.1"
 *                  (a ksh with QNX 7.x utility formats) or "host" (this machine's own shell and tools)
 * @param console   the serial console's behaviour (serial transports only)
 * @param shmemShim the preload library that refuses directories under /tmp (qsti-8.0 and qnx-7.1)
 */
public record PeerConfig(String userland, Console console, Path shmemShim) {
    public static final List<String> USERLANDS = List.of("qsti-8.0", "qnx-7.1", "host");

    /**
     * @param strict     io-char's line discipline (256-byte lines, 2 KiB input buffer), boot chatter, a bash-like prompt
     * @param noiseLines the chance of a kernel message inside an output line (0: none)
     * @param baud       pacing of each direction at this rate (0: none)
     */
    public record Console(boolean strict, double noiseLines, int baud) {
        public static Console defaults() {
            return new Console(true, 0.0, 0);
        }
    }

    /** True for the QNX-like userlands (no directories under /tmp, a home like /data/home/user). */
    public boolean qnxLike() {
        return !"host".equals(userland);
    }
}
