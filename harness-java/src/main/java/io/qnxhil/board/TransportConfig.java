package io.qnxhil.board;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** How the controller reaches a board's agent: a local process, SSH, or a serial console. */
public sealed interface TransportConfig permits TransportConfig.Local, TransportConfig.Ssh, TransportConfig.Serial {

    /** The agent runs as a local process (the simulated board on this machine). */
    record Local(Path agent) implements TransportConfig {
    }

    /**
     * SSH with key authentication (or a password by reference). The host key must be known: listed
     * in {@code knownHosts} or pinned by {@code hostKeyFingerprint} ("SHA256:...").
     *
     * @param identities private key files, tried in order (ed25519, ECDSA, RSA)
     * @param passphrase the identities' passphrase, by reference, or null
     * @param password   password by reference, or null (key authentication only)
     * @param knownHosts an OpenSSH known_hosts file, or null when the fingerprint is pinned
     */
    record Ssh(String host, int port, String user, List<Path> identities, Secret passphrase, Secret password,
               Path knownHosts, String hostKeyFingerprint, Duration keepalive) implements TransportConfig {
        public Ssh {
            identities = List.copyOf(identities);
        }

        /** "user@host:port" for messages. */
        public String target() {
            return user + "@" + host + ":" + port;
        }
    }

    /**
     * A serial console. The port is named by one of {@code path}, {@code usbSerial} (the USB
     * adapter's serial number) or {@code location} (the USB port location, e.g. "1-1.2").
     *
     * @param framing      "8N1"-style: data bits, parity (N/E/O), stop bits
     * @param transfer     "auto" (base64 when the board proves it has it, else printf), "printf" or "base64"
     * @param chunkBytes   file bytes per checksummed chunk of a console transfer
     * @param loginPrompt  regular expression for the login prompt
     * @param shellPrompt  regular expression for a shell prompt at the end of the console's output
     */
    record Serial(String path, String usbSerial, String location, int baud, String framing, String user,
                  Secret password, String loginPrompt, String passwordPrompt, String shellPrompt, String transfer,
                  int chunkBytes) implements TransportConfig {

        /** "path /dev/ttyUSB0", "USB serial A50285BI", "location 1-1.2" for messages. */
        public String port() {
            return path != null ? "path " + path : usbSerial != null ? "USB serial " + usbSerial : "location " + location;
        }
    }
}
