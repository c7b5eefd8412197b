package io.qnxhil.engine;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.power.HealthCheck;
import io.qnxhil.run.BoardSession;
import io.qnxhil.run.BoardSessions;
import io.qnxhil.run.BoardUnavailableException;
import io.qnxhil.run.Journal;
import io.qnxhil.run.ResultCodec;
import io.qnxhil.sim.PeerException;
import io.qnxhil.sim.SimPeer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One board while its scenarios run: the open session, the time budget, and the reason the board
 * is out of the run once it is. Every call into the board goes through a worker thread with a
 * bounded wait, so a board that stops answering costs at most its limits, never the night: the
 * session is then abandoned (its agent killed) and the board reopened or declared BROKEN.
 */
final class BoardRun implements AutoCloseable {
    /** How long a health check (start the agent, ask 'info', check identity) may take at most. */
    static final Duration HEALTH_LIMIT = Duration.ofSeconds(60);
    /** Beyond the board's scenario timeout, before the harness gives up on the scenario itself. */
    static final Duration SCENARIO_GRACE = Duration.ofSeconds(15);

    private final BoardConfig config;
    private final Path projectRoot;
    private final Journal journal;
    private final Instant deadline;
    private final Duration budget;
    private ExecutorService worker;
    private volatile BoardSession session;
    private volatile String broken;
    /** The board's simulated peer (config peer:), started at the first health check and stopped by close(). */
    private SimPeer peer;

    BoardRun(BoardConfig config, Path projectRoot, Journal journal, Duration budget) {
        this.config = config;
        this.projectRoot = projectRoot;
        this.journal = journal;
        this.budget = budget;
        this.deadline = Instant.now().plus(budget);
        this.worker = newWorker();
    }

    private ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "board-" + config.name());
            t.setDaemon(true);
            return t;
        });
    }

    BoardConfig config() {
        return config;
    }

    BoardSession session() {
        return session;
    }

    String broken() {
        return broken;
    }

    void markBroken(String reason) {
        if (broken == null) {
            broken = reason;
            journal.append(ResultCodec.boardBroken(config, reason));
        }
    }

    /** Time left of the board's budget (never negative). */
    Duration remaining() {
        Duration d = Duration.between(Instant.now(), deadline);
        return d.isNegative() ? Duration.ZERO : d;
    }

    String budgetExhausted() {
        return config.name() + ": the board's time budget of " + budget.toSeconds() + " s is used up (--board-timeout)";
    }

    /**
     * The health check: start the agent, ask its identity, check it against the config; up to
     * {@code 1 + retries} times. Journals the board's identity, or why it is broken.
     */
    boolean open(int retries) {
        String why = null;
        for (int attempt = 1; attempt <= 1 + retries; attempt++) {
            if (remaining().isZero()) {
                why = budgetExhausted();
                break;
            }
            BoardConfig reach;
            try {
                reach = reachable();
            } catch (PeerException e) {
                why = config.name() + ": " + e.getMessage();
                journal.append(Journal.record("board-health-failed").put("board", config.name()).put("attempt", attempt)
                        .put("reason", why));
                break; // a program missing or a peer that cannot start: trying again changes nothing
            }
            try {
                BoardSession s = call(() -> BoardSessions.open(reach, projectRoot), min(HEALTH_LIMIT, remaining()),
                        "health check (start the agent, ask 'info')");
                session = s;
                journal.append(ResultCodec.board(config, s.info()).put("healthAttempts", attempt));
                return true;
            } catch (BoardUnavailableException e) {
                why = e.getMessage().startsWith(config.name()) ? e.getMessage() : config.name() + ": " + e.getMessage();
                var rec = Journal.record("board-health-failed");
                rec.put("board", config.name()).put("attempt", attempt).put("reason", why);
                journal.append(rec);
                if (HealthCheck.refused(e)) {
                    break; // a changed host key or wrong credentials: never retried
                }
            }
        }
        markBroken("health check failed: " + why);
        return false;
    }

    /** The board as it is reached now: the config itself, or through its simulated peer (started, or restarted). */
    private synchronized BoardConfig reachable() {
        if (config.peer() == null) {
            return config;
        }
        if (peer == null) {
            peer = SimPeer.start(config);
        } else {
            peer.ensureRunning();
        }
        return peer.board();
    }

    /**
     * Runs {@code work} on the board's worker and waits at most {@code limit}. When the limit
     * passes, the session is abandoned (its agent killed in the background) and a
     * {@link BoardUnavailableException} says what was cut short.
     */
    <T> T call(Supplier<T> work, Duration limit, String what) {
        CompletableFuture<T> f = CompletableFuture.supplyAsync(work, worker);
        try {
            return f.get(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.whenComplete((late, err) -> closeQuietly(late instanceof BoardSession s ? s : null));
            abandon();
            throw new BoardUnavailableException(config.name() + ": " + what + " did not finish within "
                    + limit.toMillis() + " ms; the session was abandoned");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof BoardUnavailableException b) {
                throw b;
            }
            throw new BoardUnavailableException(config.name() + ": " + what + ": " + c, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon();
            throw new BoardUnavailableException(config.name() + ": interrupted during " + what);
        }
    }

    /** Drops the session and the worker stuck in it; the agent is killed in the background. */
    void abandon() {
        BoardSession s = session;
        session = null;
        ExecutorService stuck = worker;
        worker = newWorker();
        stuck.shutdownNow();
        closeQuietly(s);
    }

    private static void closeQuietly(BoardSession s) {
        if (s == null) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                s.close();
            } catch (RuntimeException ignored) {
                // the board is already out of the run; its close error changes nothing
            }
        }, "close-" + s.config().name());
        t.setDaemon(true);
        t.start();
    }

    static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        BoardSession s = session;
        session = null;
        if (s != null) {
            try {
                call(() -> {
                    s.close();
                    return Boolean.TRUE;
                }, Duration.ofSeconds(10), "closing the session");
            } catch (BoardUnavailableException e) {
                // abandoned in the background by call()
            }
        }
        worker.shutdownNow();
        synchronized (this) {
            if (peer != null) {
                peer.close();
                peer = null;
            }
        }
    }
}
