package io.qnxhil.run;

import io.qnxhil.agent.Frames;
import io.qnxhil.transport.AgentProcess;
import io.qnxhil.transport.Transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * An in-process stand-in for the agent behind the {@link Transport} interface: answers {@code info}
 * and, on {@code run}, writes what a script returns for the program (framed records or raw text).
 * A script returning {@link #DIE} closes the output as a crashed agent would; {@link #HANG} answers nothing.
 */
final class FakeAgent implements Transport {
    static final String DIE = "<die>";
    static final String HANG = "<hang>";

    private final String release;
    private final Function<List<String>, List<String>> script;
    final List<Map<String, String>> starts = new ArrayList<>();

    FakeAgent(String release, Function<List<String>, List<String>> script) {
        this.release = release;
        this.script = script;
    }

    static String info(String release) {
        String profile = release.startsWith("7.1") ? "nto710" : "nto800";
        return Frames.frame("{\"type\":\"info\",\"os\":\"qnxsim\",\"release\":\"" + release + "\",\"profile\":\""
                + profile + "\",\"arch\":\"x86_64\",\"hostname\":\"fake\",\"agent_version\":\"1\",\"build_hash\":\"ab\","
                + "\"clock_hz\":1000,\"procnto_unregistered\":false,\"pid\":7}");
    }

    @Override
    public AgentProcess start(Map<String, String> env) {
        starts.add(env);
        return new Process(starts.size());
    }

    @Override
    public String describe() {
        return "fake agent";
    }

    /** A byte stream fed by the fake agent; {@code null} chunk = end of stream. */
    private static final class Pipe extends InputStream {
        private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int pos;
        private boolean closed;

        void write(String text) {
            chunks.add(text.getBytes(StandardCharsets.UTF_8));
        }

        void end() {
            chunks.add(new byte[0]);
        }

        @Override
        public int read() throws IOException {
            while (pos >= current.length) {
                if (closed) {
                    return -1;
                }
                try {
                    current = chunks.take();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                pos = 0;
                closed = current.length == 0;
            }
            return current[pos++] & 0xff;
        }

        /** Returns what one chunk holds instead of blocking until {@code len} bytes came (as a pipe does). */
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int first = read();
            if (first < 0) {
                return -1;
            }
            b[off] = (byte) first;
            int n = Math.min(len - 1, current.length - pos);
            System.arraycopy(current, pos, b, off + 1, n);
            pos += n;
            return n + 1;
        }
    }

    private final class Process implements AgentProcess {
        private final Pipe out = new Pipe();
        private final Pipe err = new Pipe();
        private final List<String> program = new ArrayList<>();
        private final int generation;
        private volatile boolean alive = true;

        Process(int generation) {
            this.generation = generation;
            err.write("fake agent " + generation + " started\n");
        }

        @Override
        public void sendLine(String line) {
            if (!alive) {
                throw new io.qnxhil.transport.TransportException("fake agent is gone");
            }
            if (line.equals("info")) {
                out.write("boot noise\n" + info(release));
            } else if (line.equals("run")) {
                run();
            } else if (!line.equals("quit") && !line.startsWith("heartbeat")) {
                program.add(line);
            }
        }

        private void run() {
            for (String chunk : script.apply(List.copyOf(program))) {
                if (chunk.equals(DIE)) {
                    err.write("fake agent " + generation + ": segmentation fault\n");
                    kill();
                    return;
                }
                if (chunk.equals(HANG)) {
                    return;
                }
                out.write(chunk);
            }
            program.clear();
        }

        @Override
        public InputStream stdout() {
            return out;
        }

        @Override
        public InputStream stderr() {
            return err;
        }

        @Override
        public boolean isAlive() {
            return alive;
        }

        @Override
        public OptionalInt exitStatus() {
            return alive ? OptionalInt.empty() : OptionalInt.of(139);
        }

        @Override
        public void kill() {
            if (alive) {
                alive = false;
                out.end();
                err.end();
            }
        }

        @Override
        public void close() {
            kill();
        }
    }
}
