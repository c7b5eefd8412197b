package io.qnxhil.agent;

import io.qnxhil.transport.AgentProcess;
import io.qnxhil.transport.BoundedText;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The controller's side of one running agent. A reader thread turns stdout into records on a
 * queue, so every wait for the agent is bounded ({@link #poll(Duration)}); another thread drains
 * stderr into a bounded buffer so the agent never blocks on a full pipe.
 */
public final class AgentConnection implements AutoCloseable {
    /** What the reader saw: a record, a garbled record, or the end of the agent's output. */
    public sealed interface Event permits Received, Garbled, Ended {
    }

    public record Received(AgentRecord record) implements Event {
    }

    public record Garbled(ProtocolException error) implements Event {
    }

    public record Ended(String why) implements Event {
    }

    private static final int STDERR_CAPACITY = 256 * 1024;
    private static final Duration EXIT_WAIT = Duration.ofSeconds(1);

    private final AgentProcess process;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BoundedText stderr = new BoundedText(STDERR_CAPACITY);
    private final Thread reader;
    private final Thread drainer;
    private final String name;
    private final Object sendLock = new Object();
    private volatile boolean outputEnded;
    private volatile Thread heartbeat;

    public AgentConnection(AgentProcess process, String name) {
        this.process = process;
        this.name = name;
        this.reader = daemon(this::readRecords, name + "-agent-stdout");
        this.drainer = daemon(this::drainStderr, name + "-agent-stderr");
        reader.start();
        drainer.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void readRecords() {
        FrameReader frames = new FrameReader(process.stdout());
        while (true) {
            try {
                AgentRecord r = frames.next();
                if (r == null) {
                    outputEnded = true;
                    events.add(new Ended("end of agent output"));
                    return;
                }
                events.add(new Received(r));
            } catch (ProtocolException e) {
                events.add(new Garbled(e));
            } catch (IOException e) {
                events.add(new Ended("reading agent output failed: " + e.getMessage()));
                return;
            }
        }
    }

    private void drainStderr() {
        byte[] buf = new byte[4096];
        try (InputStream in = process.stderr()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                stderr.append(buf, n);
            }
        } catch (IOException e) {
            // the agent is gone; what it wrote is kept
        }
    }

    /** Sends one command line; lines from the heartbeat thread never interleave with it. */
    public void send(String line) {
        synchronized (sendLock) {
            process.sendLine(line);
        }
    }

    /**
     * Asks the agent to leave (killing its actors) when no command line reaches it within
     * {@code deadline} (PROTOCOL.md, "Lifecycle"), and sends {@code heartbeat} at a third of the
     * deadline until the connection is closed. A controller that hangs or loses the link thus
     * never leaves a scenario running on the board.
     */
    public void startHeartbeat(Duration deadline) {
        long ms = deadline.toMillis();
        if (ms <= 0 || heartbeat != null) {
            return;
        }
        send("heartbeat " + ms);
        long period = Math.max(1, ms / 3);
        Thread t = daemon(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(period);
                    send("heartbeat");
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    return;     // the agent or the link is gone: the reader reports it
                }
            }
        }, name + "-agent-heartbeat");
        heartbeat = t;
        t.start();
    }

    /** Stops sending heartbeats (the agent then leaves after its deadline). */
    public void stopHeartbeat() {
        Thread t = heartbeat;
        heartbeat = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The next event, or null when none came within {@code timeout}. */
    public Event poll(Duration timeout) {
        try {
            return events.poll(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Ended("interrupted while waiting for the agent");
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** "exited with status 3", "running": for messages. Once its output ended, waits briefly for the exit. */
    public String state() {
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        while (outputEnded && process.isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return process.exitStatus().isPresent() ? "exited with status " + process.exitStatus().getAsInt() : "running";
    }

    public BoundedText stderr() {
        return stderr;
    }

    /** Drops records left from an earlier exchange; keeps the news that the agent ended. */
    public void clearPending() {
        events.removeIf(e -> !(e instanceof Ended));
    }

    /** Ends the agent (EOF, then kill) and waits briefly for the stderr drain to finish. */
    @Override
    public void close() {
        stopHeartbeat();
        process.close();
        try {
            drainer.join(1000);
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void kill() {
        stopHeartbeat();
        process.kill();
    }
}
