package io.qnxhil.power;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.transport.AccessRefusedException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Gets a session with a board that may need a power cycle: tries to open it; when the board does not
 * answer, power-cycles it and tries again (for up to the boot wait after each cycle), as many times
 * as configured; then gives up with every attempt's reason, so the run reports the board BROKEN and
 * goes on. A refusal (host key, credentials) is never "fixed" by cycling power.
 */
public final class HealthCheck {
    private HealthCheck() {
    }

    /**
     * @param open    opens the session (bounded by the transport's own timeouts)
     * @param failure turns the final message into the exception the caller reports
     */
    public static <T, E extends RuntimeException> T open(BoardConfig board, PowerControl power, Supplier<T> open,
                                                          Function<String, E> failure) {
        int retries = board.access().healthRetries();
        if (retries == 0) {
            return open.get(); // no health check configured: the transport's own error, unchanged
        }
        List<String> attempts = new ArrayList<>();
        int cycles = 0;
        while (true) {
            long deadline = System.nanoTime() + (cycles == 0 ? 0 : board.access().bootWait().toNanos());
            while (true) {
                try {
                    return open.get();
                } catch (RuntimeException e) {
                    if (refused(e)) {
                        throw e;
                    }
                    attempts.add((cycles == 0 ? "first try" : "after power cycle " + cycles) + ": " + e.getMessage());
                    if (System.nanoTime() >= deadline) {
                        break;
                    }
                    sleep(Duration.ofMillis(500));
                }
            }
            if (cycles >= retries) {
                break;
            }
            if (!power.unattended()) {
                attempts.add("cannot power-cycle unattended (" + power.describe() + ")");
                break;
            }
            try {
                power.cycle();
                cycles++;
            } catch (PowerException e) {
                attempts.add(e.getMessage());
                break;
            }
        }
        throw failure.apply(board.name() + ": BROKEN: unreachable after " + cycles + " power cycle(s) with "
                + power.describe() + ": " + String.join("; ", attempts));
    }

    /** True when {@code e} or a cause is a refusal (host key, credentials): trying again changes nothing. */
    public static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AccessRefusedException) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
