package io.qnxhil.transport;

import io.qnxhil.board.TransportConfig;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Strict host-key checking: the board's key must be listed for its host and port in the known_hosts
 * file, or match the pinned fingerprint. Anything else is refused, and the refusal says which key
 * was offered (type and SHA256 fingerprint) and how to trust it.
 */
final class HostKeyPolicy implements ServerKeyVerifier {
    private final TransportConfig.Ssh ssh;
    private final AtomicReference<String> refusal = new AtomicReference<>();

    HostKeyPolicy(TransportConfig.Ssh ssh) {
        this.ssh = ssh;
    }

    /** Why the last key was refused, or null. */
    String refusal() {
        return refusal.get();
    }

    void reset() {
        refusal.set(null);
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
        String problem = check(key);
        refusal.set(problem);
        return problem == null;
    }

    /** null when the key is trusted, else the message. */
    String check(PublicKey key) {
        String type = KeyUtils.getKeyType(key);
        String offered = KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
        if (ssh.hostKeyFingerprint() != null) {
            String pinned = ssh.hostKeyFingerprint();
            String actual = pinned.startsWith("MD5:") ? KeyUtils.getFingerPrint(BuiltinDigests.md5, key) : offered;
            if (stripPadding(pinned).equals(stripPadding(actual))) {
                return null;
            }
            if (ssh.knownHosts() == null) {
                return "HOST KEY MISMATCH for " + hostName() + ": the board config pins " + pinned
                        + " but the server offers " + type + " " + offered + ". Refusing to connect. If the board was"
                        + " reflashed, check the new key on its console (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) and"
                        + " set host_key_fingerprint: \"" + offered + "\" in the board config.";
            }
        }
        Path file = ssh.knownHosts();
        List<KnownHostEntry> entries;
        try {
            entries = Files.exists(file) ? KnownHostEntry.readKnownHostEntries(file) : List.of();
        } catch (IOException e) {
            return "cannot read known_hosts " + file + ": " + e.getMessage();
        }
        String changed = null;
        for (KnownHostEntry e : entries) {
            if (!e.isHostMatch(ssh.host(), ssh.port()) || e.getKeyEntry() == null) {
                continue;
            }
            PublicKey known;
            try {
                known = e.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
            } catch (IOException | GeneralSecurityException ex) {
                continue;
            }
            if (known == null) {
                continue;
            }
            if (KeyUtils.compareKeys(known, key)) {
                return e.getMarker() != null && e.getMarker().contains("revoked")
                        ? "host key " + type + " " + offered + " of " + hostName() + " is marked @revoked in " + file
                        : null;
            }
            if (KeyUtils.getKeyType(known).equals(type)) {
                changed = KeyUtils.getFingerPrint(BuiltinDigests.sha256, known);
            }
        }
        if (changed != null) {
            return "HOST KEY CHANGED for " + hostName() + ": " + file + " lists " + type + " " + changed
                    + " but the server now offers " + offered + ". Refusing to connect (a reflashed board gets a new key;"
                    + " so does a man in the middle). If the board was reflashed, check the new key on its console"
                    + " (ssh-keygen -lf /etc/ssh/ssh_host_" + shortType(type) + "_key.pub), then: ssh-keygen -R '"
                    + hostName() + "' -f " + file + " and trust it again as for a new board: " + trustHint(type);
        }
        return "UNKNOWN HOST KEY for " + hostName() + ": " + type + " " + offered + " is not in " + file
                + ". Refusing to connect. To trust it, check the fingerprint on the board's console (ssh-keygen -lf"
                + " /etc/ssh/ssh_host_" + shortType(type) + "_key.pub) and " + trustHint(type)
                + ", or pin it in the board config: host_key_fingerprint: \"" + offered + "\"";
    }

    private String trustHint(String type) {
        return "run: ssh-keyscan -p " + ssh.port() + " -t " + shortType(type) + " " + ssh.host() + " >> " + ssh.knownHosts();
    }

    /** known_hosts spelling: host, or [host]:port for a port other than 22. */
    String hostName() {
        return ssh.port() == 22 ? ssh.host() : "[" + ssh.host() + "]:" + ssh.port();
    }

    private static String shortType(String type) {
        if (type.contains("ed25519")) {
            return "ed25519";
        }
        if (type.startsWith("ecdsa")) {
            return "ecdsa";
        }
        return type.contains("rsa") ? "rsa" : type;
    }

    private static String stripPadding(String fp) {
        return fp.endsWith("=") ? fp.substring(0, fp.length() - 1) : fp;
    }
}
