package io.qnxhil.testing;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.nativefs.NativeFileSystemFactory;
import org.apache.sshd.scp.server.ScpCommandFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

/**
 * An Apache SSHD server on 127.0.0.1 that runs commands with /bin/sh, with public-key
 * authentication from an authorized_keys file, SCP, and (unless left out) SFTP.
 */
public final class EmbeddedSshServer implements AutoCloseable {
    private final SshServer server;

    public EmbeddedSshServer(Path dir, Path authorizedKeys, boolean sftp) throws IOException {
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(dir.resolve("embedded-host-key"));
        keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        server.setKeyPairProvider(keys);
        server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(authorizedKeys));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setFileSystemFactory(NativeFileSystemFactory.INSTANCE);
        server.setCommandFactory(new ScpCommandFactory.Builder()
                .withDelegate((channel, command) -> new ProcessShellFactory(command, "/bin/sh", "-c", command).createShell(channel))
                .build());
        if (sftp) {
            server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        }
        server.start();
    }

    public int port() {
        return server.getPort();
    }

    /** The host key's fingerprint, as a board config pins it. */
    public String fingerprint() {
        try {
            KeyPair kp = server.getKeyPairProvider().loadKeys(null).iterator().next();
            return KeyUtils.getFingerPrint(BuiltinDigests.sha256, kp.getPublic());
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
