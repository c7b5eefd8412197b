package io.qnxhil.transport;

import io.qnxhil.board.Secret;
import io.qnxhil.board.TransportConfig;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.scp.client.ScpClientCreator;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * One SSH link to a board (Apache SSHD). Strict host keys, key or password authentication, keepalive,
 * every wait bounded; a dropped link is re-established with back-off (a board rebooting) until the
 * reconnect timeout, but a refusal (host key, credentials) ends it at once.
 */
public final class SshConnection implements RemoteShell {
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final TransportConfig.Ssh ssh;
    private final Duration connectTimeout;
    private final Duration reconnectTimeout;
    private final HostKeyPolicy hostKeys;
    private final SshClient client;
    private ClientSession session;
    private int connects;

    public SshConnection(TransportConfig.Ssh ssh, Duration connectTimeout, Duration reconnectTimeout) {
        this.ssh = ssh;
        this.connectTimeout = connectTimeout;
        this.reconnectTimeout = reconnectTimeout;
        this.hostKeys = new HostKeyPolicy(ssh);
        this.client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(hostKeys);
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY); // never ~/.ssh/config
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER); // never ~/.ssh/id_*
        if (!ssh.keepalive().isZero()) {
            CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, ssh.keepalive());
            CoreModuleProperties.HEARTBEAT_REQUEST.set(client, "keepalive@openssh.com");
            CoreModuleProperties.HEARTBEAT_REPLY_WAIT.set(client, ssh.keepalive());
            CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, 3);
        }
        CoreModuleProperties.AUTH_TIMEOUT.set(client, connectTimeout);
        client.start();
    }

    /** How many times a session was established (1 after the first connect; more after reconnects). */
    public synchronized int connects() {
        return connects;
    }

    /** A live, authenticated session: the current one, or a new one (with back-off while the board is down). */
    public synchronized ClientSession session() {
        if (session != null && session.isOpen() && !session.isClosing()) {
            return session;
        }
        if (session != null) {
            session.close(true);
            session = null;
        }
        long deadline = System.nanoTime() + reconnectTimeout.toNanos();
        Duration backoff = FIRST_BACKOFF;
        TransportException last;
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                session = connectOnce();
                connects++;
                return session;
            } catch (AccessRefusedException e) {
                throw e; // waiting cannot fix a key or a password
            } catch (TransportException e) {
                last = e;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TransportException("ssh " + ssh.target() + ": unreachable after " + attempts + " attempt(s) in "
                        + reconnectTimeout.toMillis() + " ms: " + last.getMessage(), last);
            }
            sleep(Math.min(backoff.toMillis(), left / 1_000_000));
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private ClientSession connectOnce() {
        hostKeys.reset();
        ClientSession s = null;
        boolean authenticating = false;
        try {
            ConnectFuture cf = client.connect(ssh.user(), ssh.host(), ssh.port());
            s = cf.verify(connectTimeout).getSession();
            for (KeyPair kp : identities()) {
                s.addPublicKeyIdentity(kp);
            }
            if (ssh.password() != null) {
                s.addPasswordIdentity(reveal(ssh.password(), "password"));
            }
            authenticating = true;
            s.auth().verify(connectTimeout);
            return s;
        } catch (IOException | RuntimeException e) {
            if (s != null) {
                s.close(true);
            }
            if (e instanceof TransportException te) {
                throw te;
            }
            String refused = hostKeys.refusal();
            if (refused != null) {
                throw new AccessRefusedException("ssh " + ssh.target() + ": " + refused, e);
            }
            String why = describe(e);
            // refused = the server said no to every credential; a timeout or a drop during auth is not that
            if (authenticating && why.contains("No more authentication methods")) {
                throw new AccessRefusedException("ssh " + ssh.target() + ": authentication failed for user '" + ssh.user()
                        + "' with " + credentials() + " (" + why + "); check the key is in the board's authorized_keys", e);
            }
            throw new TransportException("ssh " + ssh.target() + ": " + why, e);
        }
    }

    private List<KeyPair> identities() {
        List<KeyPair> out = new ArrayList<>();
        for (Path p : ssh.identities()) {
            if (!Files.isReadable(p)) {
                throw new AccessRefusedException("ssh " + ssh.target() + ": identity file " + p + " is missing or unreadable");
            }
            FileKeyPairProvider provider = new FileKeyPairProvider(p);
            if (ssh.passphrase() != null) {
                provider.setPasswordFinder(FilePasswordProvider.of(reveal(ssh.passphrase(), "identity_passphrase")));
            }
            try {
                provider.loadKeys(null).forEach(out::add);
            } catch (RuntimeException e) {
                throw new AccessRefusedException("ssh " + ssh.target() + ": cannot load identity " + p + ": "
                        + e.getClass().getSimpleName() + (ssh.passphrase() == null ? " (encrypted? set identity_passphrase)" : ""), e);
            }
        }
        return out;
    }

    private String reveal(Secret secret, String field) {
        try {
            return secret.reveal();
        } catch (Secret.SecretUnavailableException e) {
            throw new AccessRefusedException("ssh " + ssh.target() + ": " + field + " (" + secret + "): " + e.getMessage());
        }
    }

    private String credentials() {
        List<String> c = new ArrayList<>();
        ssh.identities().forEach(p -> c.add("key " + p));
        if (ssh.password() != null) {
            c.add("password from " + ssh.password());
        }
        return String.join(", ", c);
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            if (t instanceof ConnectException) {
                break;
            }
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** Opens an exec channel for {@code command}, with streams the caller reads. */
    public ChannelExec exec(String command) {
        ClientSession s = session();
        try {
            ChannelExec ch = s.createExecChannel(command);
            ch.open().verify(connectTimeout);
            return ch;
        } catch (IOException | RuntimeException e) {
            throw new TransportException("ssh " + ssh.target() + ": cannot start '" + firstWord(command) + "': " + describe(e), e);
        }
    }

    @Override
    public Result run(String command, Duration timeout, Consumer<String> lines) {
        ClientSession s = session();
        LineSplitter out = new LineSplitter(lines);
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        try (ChannelExec ch = s.createExecChannel(command)) {
            ch.setOut(out);
            ch.setErr(err);
            ch.open().verify(connectTimeout);
            var events = ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
            if (!events.contains(ClientChannelEvent.CLOSED)) {
                ch.close(true);
                throw new TransportException("ssh " + ssh.target() + ": '" + firstWord(command) + "' did not finish within "
                        + timeout.toMillis() + " ms");
            }
            Integer status = ch.getExitStatus();
            if (status == null) {
                throw new TransportException("ssh " + ssh.target() + ": '" + firstWord(command)
                        + "' ended without an exit status (link lost" + (ch.getExitSignal() == null ? "" : ", signal " + ch.getExitSignal()) + ")");
            }
            return new Result(status, out.text(), err.toString(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TransportException("ssh " + ssh.target() + ": '" + firstWord(command) + "': " + describe(e), e);
        }
    }

    /** SFTP, or SCP when the board's sshd has no SFTP subsystem. Writes {@code remote}.part, then renames. */
    @Override
    public void upload(Path local, String remote) {
        ClientSession s = session();
        String part = remote + ".part";
        String how;
        try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(s);
             OutputStream out = sftp.write(part);
             InputStream in = Files.newInputStream(local)) {
            in.transferTo(out);
            how = "sftp";
        } catch (IOException sftpFailed) {
            try {
                ScpClientCreator.instance().createScpClient(s).upload(local, part);
                how = "scp";
            } catch (IOException scpFailed) {
                scpFailed.addSuppressed(sftpFailed);
                throw new TransportException("ssh " + ssh.target() + ": cannot upload " + local + " to " + part
                        + " (sftp: " + describe(sftpFailed) + "; scp: " + describe(scpFailed) + ")", scpFailed);
            }
        }
        lastUploadMethod = how;
        Result r = run("chmod 755 " + RemoteShell.quote(part) + " && mv -f " + RemoteShell.quote(part) + " "
                + RemoteShell.quote(remote), connectTimeout);
        if (!r.ok()) {
            throw new TransportException("ssh " + ssh.target() + ": cannot install " + remote + ": " + r.err().strip());
        }
    }

    private volatile String lastUploadMethod;

    /** "sftp" or "scp": how the last upload went. */
    public String lastUploadMethod() {
        return lastUploadMethod;
    }

    @Override
    public String describe() {
        return "ssh " + ssh.target();
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.close(true);
            session = null;
        }
        client.stop();
    }

    private static String firstWord(String command) {
        String c = command.strip();
        return c.length() > 60 ? c.substring(0, 60) + "..." : c;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(Math.max(1, ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while reconnecting");
        }
    }

    /** Collects output and hands complete lines to a consumer as they arrive. */
    private static final class LineSplitter extends OutputStream {
        private final Consumer<String> lines;
        private final java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        LineSplitter(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            all.write(b);
            if (lines == null) {
                return;
            }
            if (b == '\n') {
                lines.accept(line.toString(java.nio.charset.StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                write(b[off + i]);
            }
        }

        synchronized String text() {
            if (lines != null && line.size() > 0) {
                lines.accept(line.toString(java.nio.charset.StandardCharsets.UTF_8));
                line.reset();
            }
            return all.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
