package io.qnxhil.transport;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.TransportConfig;
import io.qnxhil.deploy.Deployer;

import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The agent on a board reached through its serial console. The agent runs in the foreground of the
 * logged-in shell, framed by markers: its records are read from the console (kernel message lines
 * are left out of its output), commands are typed to it, {@code quit} ends it and ^C kills it;
 * the end marker, on the same line as the command, carries its exit status. stderr shares the console.
 * A port that closes underneath is detected at once; the next start reopens it (with back-off).
 */
public final class SerialTransport implements Transport {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

    private final BoardConfig board;
    private final TransportConfig.Serial serial;
    private SerialConsole console;
    private String agentPath;
    private String workdir;

    public SerialTransport(BoardConfig board) {
        this.board = board;
        this.serial = (TransportConfig.Serial) board.transport();
    }

    /** The logged-in console, opened (again) when needed. */
    public synchronized SerialConsole console() {
        if (console != null && console.connected()) {
            return console;
        }
        String lost = null;
        if (console != null) {
            lost = console.log().closedWhy();
            console.close();
            console = null;
        }
        long deadline = System.nanoTime() + board.access().reconnectTimeout().toNanos();
        long backoff = FIRST_BACKOFF.toMillis();
        while (true) {
            try {
                console = SerialConsole.open(serial, board.access().connectTimeout());
                return console;
            } catch (AccessRefusedException e) {
                throw e;
            } catch (TransportException e) {
                if (System.nanoTime() + backoff * 1_000_000 > deadline) {
                    throw lost == null ? e : new TransportException(lost + "; reopening it failed: " + e.getMessage(), e);
                }
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("interrupted");
            }
            backoff = Math.min(backoff * 2, 5000);
        }
    }

    @Override
    public synchronized AgentProcess start(Map<String, String> env) {
        SerialConsole c = console();
        if (agentPath == null) {
            Deployer.Outcome deployed = new Deployer(board, c).deploy();
            agentPath = deployed.remotePath();
            workdir = deployed.workdir();
        }
        Map<String, String> all = new LinkedHashMap<>(env);
        if (board.simulated()) {
            all.putIfAbsent("QNXSIM_NODE", SimNode.next("serial"));
        }
        // a subshell, one short line each (the console's canonical line limit): the environment stays the agent's
        StringBuilder cmd = new StringBuilder("(cd ").append(RemoteShell.quote(workdir)).append(" || exit 126\n");
        all.forEach((k, v) -> {
            if (!ENV_NAME.matcher(k).matches()) {
                throw new TransportException("not an environment variable name: " + k);
            }
            cmd.append(k).append('=').append(RemoteShell.quote(v)).append("; export ").append(k).append('\n');
        });
        cmd.append("exec ").append(RemoteShell.quote(agentPath)).append(')');
        return ConsoleAgent.start(c, cmd.toString(), board.access().connectTimeout());
    }

    @Override
    public String describe() {
        return "serial " + serial.port() + (agentPath == null ? "" : " " + agentPath);
    }

    @Override
    public synchronized void close() {
        if (console != null) {
            console.close();
            console = null;
        }
    }

    /** The agent in the console's foreground, between a begin and an end marker. */
    static final class ConsoleAgent implements AgentProcess {
        private static final Duration END_WAIT = Duration.ofSeconds(3);
        private final SerialConsole console;
        private final String id;
        private final long start;
        private volatile long end = -1;
        private volatile int status = -1;

        private ConsoleAgent(SerialConsole console, String id, long start) {
            this.console = console;
            this.id = id;
            this.start = start;
        }

        static ConsoleAgent start(SerialConsole console, String command, Duration wait) {
            SerialConsole.Pending p;
            synchronized (console) {
                p = console.submit(command);
            }
            long[] begin;
            try {
                begin = console.log().awaitJoined(SerialConsole.beginPattern(p.id()), p.from(), System.nanoTime() + wait.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("interrupted");
            }
            if (begin == null) {
                throw new TransportException(console.connected() ? console.describe() + ": the shell did not start the agent within "
                        + wait.toMillis() + " ms" : console.log().closedWhy());
            }
            return new ConsoleAgent(console, p.id(), begin[1]);
        }

        /** True once the end marker was seen (then {@link #status} is set). */
        private boolean ended() {
            if (end >= 0) {
                return true;
            }
            try {
                long[] m = console.log().awaitJoined(SerialConsole.endPattern(id), start, System.nanoTime());
                if (m != null) {
                    status = (int) m[2];
                    end = m[0];
                    return true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }

        private boolean awaitEnd(Duration d) {
            try {
                long[] m = console.log().awaitJoined(SerialConsole.endPattern(id), start, System.nanoTime() + d.toNanos());
                if (m != null) {
                    status = (int) m[2];
                    end = m[0];
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return end >= 0;
        }

        @Override
        public void sendLine(String line) {
            if (!console.connected()) {
                throw new TransportException(console.log().closedWhy());
            }
            console.checkLines(line);
            console.write(line + "\n");
        }

        @Override
        public InputStream stdout() {
            return new MessageFilter(new InputStream() {
                private long pos = start;

                @Override
                public int read() throws java.io.IOException {
                    byte[] one = new byte[1];
                    int n = read(one, 0, 1);
                    return n < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws java.io.IOException {
                    while (true) {
                        if (ended() && pos >= end) {
                            return -1;
                        }
                        int max = end >= 0 ? (int) Math.min(len, end - pos) : len;
                        try {
                            int n = console.log().read(pos, b, off, max, 100);
                            if (n < 0) { // the port closed: say so, rather than a plain end of output
                                throw new java.io.IOException(console.log().closedWhy());
                            }
                            if (n > 0) {
                                pos += n;
                                return n;
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return -1;
                        }
                    }
                }
            });
        }

        @Override
        public InputStream stderr() {
            return InputStream.nullInputStream(); // merged into the console stream
        }

        @Override
        public boolean isAlive() {
            return console.connected() && !ended();
        }

        @Override
        public OptionalInt exitStatus() {
            if (ended()) {
                return OptionalInt.of(status);
            }
            return console.connected() ? OptionalInt.empty() : OptionalInt.of(255);
        }

        @Override
        public void kill() {
            if (!console.connected() || ended()) {
                return;
            }
            try {
                console.write("\u0003"); // ^C: SIGINT to the agent and its actors
            } catch (TransportException e) {
                return;
            }
            if (!awaitEnd(END_WAIT) && console.connected()) {
                // A shell whose foreground job died of SIGINT abandons the rest of the line, end marker included:
                // the agent is gone all the same, and the shell reads the next command.
                status = 128 + 2;
                end = console.log().end();
            }
        }

        @Override
        public void close() {
            if (!console.connected() || ended()) {
                return;
            }
            try {
                // 'quit' rather than ^D: should the agent have ended already, the shell reads a harmless unknown
                // command instead of an EOF that would log the console out
                console.write("quit\n");
            } catch (TransportException e) {
                return;
            }
            if (!awaitEnd(END_WAIT)) {
                kill();
            }
        }
    }
}
