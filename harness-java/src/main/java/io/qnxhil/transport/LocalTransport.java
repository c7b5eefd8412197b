package io.qnxhil.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Runs the agent binary as a child process of the controller (the simulated board). The child
 * inherits the controller's environment, so switches the user set (e.g. QNXSIM_FAULTS) reach it,
 * with the board's own environment added on top.
 */
public final class LocalTransport implements Transport {
    private static final Duration KILL_GRACE = Duration.ofSeconds(2);
    private static final java.util.concurrent.atomic.AtomicLong NODES = new java.util.concurrent.atomic.AtomicLong();

    private final Path agent;

    public LocalTransport(Path agent) {
        this.agent = agent;
    }

    @Override
    public AgentProcess start(Map<String, String> env) {
        if (!Files.isRegularFile(agent)) {
            throw new TransportException("agent binary " + agent + " not found: build it with 'make -C target-agent'");
        }
        if (!Files.isExecutable(agent)) {
            throw new TransportException("agent binary " + agent + " is not executable");
        }
        ProcessBuilder pb = new ProcessBuilder(agent.toString());
        pb.environment().putAll(env);
        // Each agent started here gets its own qnxsim node unless the user named one, so runs
        // and test suites on one machine never share simulated kernel state.
        pb.environment().computeIfAbsent("QNXSIM_NODE",
                k -> "/qnxsim-hil-" + ProcessHandle.current().pid() + "-" + NODES.incrementAndGet());
        try {
            return new Child(pb.start());
        } catch (IOException e) {
            throw new TransportException("cannot start " + agent + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "local " + agent;
    }

    private static final class Child implements AgentProcess {
        private final Process process;
        private final OutputStream stdin;

        Child(Process process) {
            this.process = process;
            this.stdin = process.getOutputStream();
        }

        @Override
        public synchronized void sendLine(String line) {
            try {
                stdin.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
                stdin.flush();
            } catch (IOException e) {
                throw new TransportException("cannot write to the agent (pid " + process.pid() + "): "
                        + e.getMessage(), e);
            }
        }

        @Override
        public InputStream stdout() {
            return process.getInputStream();
        }

        @Override
        public InputStream stderr() {
            return process.getErrorStream();
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public OptionalInt exitStatus() {
            return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
        }

        @Override
        public void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Asks the agent to quit (closing stdin is EOF: it cleans up and exits), then kills what is left. */
        @Override
        public void close() {
            try {
                stdin.close();
                process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (IOException e) {
                // the agent already closed its side: kill below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (process.isAlive()) {
                kill();
            }
        }
    }
}
