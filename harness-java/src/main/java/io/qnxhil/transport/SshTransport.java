package io.qnxhil.transport;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.TransportConfig;
import io.qnxhil.deploy.Deployer;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The agent on a board reached over SSH: deployed once (by content hash), then started per session
 * in an exec channel whose stdin/stdout/stderr carry the agent protocol unchanged. A dropped link
 * ends the running agent (its stdin closes); the next start reconnects with back-off.
 */
public final class SshTransport implements Transport {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final BoardConfig board;
    private final SshConnection connection;
    private String agentPath;
    private String workdir;

    public SshTransport(BoardConfig board) {
        this.board = board;
        TransportConfig.Ssh ssh = (TransportConfig.Ssh) board.transport();
        this.connection = new SshConnection(ssh, board.access().connectTimeout(), board.access().reconnectTimeout());
    }

    public SshConnection connection() {
        return connection;
    }

    @Override
    public synchronized AgentProcess start(Map<String, String> env) {
        if (agentPath == null) {
            Deployer.Outcome deployed = new Deployer(board, connection).deploy();
            agentPath = deployed.remotePath();
            workdir = deployed.workdir();
        }
        if (board.simulated()) {
            env = new java.util.LinkedHashMap<>(env);
            env.putIfAbsent("QNXSIM_NODE", SimNode.next("ssh"));
        }
        StringBuilder cmd = new StringBuilder("cd ").append(RemoteShell.quote(workdir)).append(" && exec env");
        env.forEach((k, v) -> {
            if (!ENV_NAME.matcher(k).matches()) {
                throw new TransportException("not an environment variable name: " + k);
            }
            cmd.append(' ').append(k).append('=').append(RemoteShell.quote(v));
        });
        cmd.append(' ').append(RemoteShell.quote(agentPath));
        return new Remote(connection.exec(cmd.toString()), connection.describe());
    }

    @Override
    public String describe() {
        return connection.describe() + (agentPath == null ? "" : " " + agentPath);
    }

    @Override
    public void close() {
        connection.close();
    }

    /** The agent in an exec channel. Closing sends EOF (the agent quits), then closes the channel. */
    private static final class Remote implements AgentProcess {
        private final ChannelExec channel;
        private final OutputStream stdin;
        private final String where;

        Remote(ChannelExec channel, String where) {
            this.channel = channel;
            this.stdin = channel.getInvertedIn();
            this.where = where;
        }

        @Override
        public synchronized void sendLine(String line) {
            try {
                stdin.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
                stdin.flush();
            } catch (IOException e) {
                throw new TransportException(where + ": cannot write to the agent: " + e.getMessage(), e);
            }
        }

        @Override
        public InputStream stdout() {
            return channel.getInvertedOut();
        }

        @Override
        public InputStream stderr() {
            return channel.getInvertedErr();
        }

        @Override
        public boolean isAlive() {
            return channel.isOpen() && !channel.isClosing() && channel.getExitStatus() == null;
        }

        @Override
        public OptionalInt exitStatus() {
            Integer s = channel.getExitStatus();
            if (s != null) {
                return OptionalInt.of(s);
            }
            // the link dropped under a running agent: no status will come; report it as ended
            return channel.isClosed() ? OptionalInt.of(255) : OptionalInt.empty();
        }

        @Override
        public void kill() {
            channel.close(true);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), CLOSE_WAIT);
        }

        @Override
        public void close() {
            try {
                stdin.close(); // EOF: the agent cleans up and exits
            } catch (IOException e) {
                // the channel is already gone
            }
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED, ClientChannelEvent.EXIT_STATUS), CLOSE_WAIT);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofMillis(500));
            if (!channel.isClosed()) {
                kill();
            }
        }
    }
}
