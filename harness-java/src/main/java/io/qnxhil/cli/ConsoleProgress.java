package io.qnxhil.cli;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One line per scenario as it finishes: verdict, board, scenario id, time, and the reason when not
 * PASS. On a terminal, a progress bar under the lines shows how much of the run is done, with the
 * verdict counts so far. Boards finish scenarios concurrently: every print is one synchronized block.
 */
final class ConsoleProgress implements TestExecutionListener {
    private static final int BAR = 30;
    private final PrintStream out;
    private final boolean bar;
    private final Map<String, String> verdicts = new ConcurrentHashMap<>();
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final int[] counts = new int[4];
    private volatile long total;
    private int done;
    private long runStarted = System.nanoTime();

    ConsoleProgress(PrintStream out) {
        this(out, false);
    }

    /** @param bar draw a progress bar (only on a terminal: it redraws one line with a carriage return) */
    ConsoleProgress(PrintStream out, boolean bar) {
        this.out = out;
        this.bar = bar;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        total = plan.countTestIdentifiers(TestIdentifier::isTest);
        runStarted = System.nanoTime();
        if (total == 0) {
            out.println("  nothing to run");
        }
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        started.put(id.getUniqueId(), System.nanoTime());
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        String v = entry.getKeyValuePairs().get("qnxhil.verdict");
        if (v != null) {
            verdicts.put(id.getUniqueId(), v + " " + entry.getKeyValuePairs().getOrDefault("board", ""));
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest()) {
            result.getThrowable().filter(t -> result.getStatus() == TestExecutionResult.Status.FAILED)
                    .ifPresent(t -> print("  BROKEN  " + id.getDisplayName() + ": " + t.getMessage(), false));
            return;
        }
        String[] vb = verdicts.getOrDefault(id.getUniqueId(), "BROKEN ?").split(" ", 2);
        long ms = (System.nanoTime() - started.getOrDefault(id.getUniqueId(), System.nanoTime())) / 1_000_000;
        String reason = "PASS".equals(vb[0]) ? null
                : result.getThrowable().map(t -> "          " + t.getMessage()).orElse(null);
        synchronized (this) {
            int n = ++done;
            counts[column(vb[0])]++;
            String line = String.format("  [%d/%d] %-7s %-12s %-55s %6d ms", n, total, vb[0], vb[1], id.getDisplayName(), ms);
            print(reason == null ? line : line + System.lineSeparator() + reason, true);
        }
    }

    private synchronized void print(String text, boolean redrawBar) {
        if (bar) {
            out.print("\r\033[K");
        }
        out.println(text);
        if (bar && redrawBar && total > 0) {
            int filled = (int) (BAR * done / total);
            long s = (System.nanoTime() - runStarted) / 1_000_000_000L;
            out.printf("  [%s%s] %d/%d  PASS %d FAIL %d BROKEN %d SKIPPED %d  %d:%02d",
                    "#".repeat(filled), ".".repeat(BAR - filled), done, total,
                    counts[0], counts[1], counts[2], counts[3], s / 60, s % 60);
            out.flush();
        }
    }

    /** Ends the bar's line, so what follows starts on a line of its own. */
    synchronized void finish() {
        if (bar) {
            out.print("\r\033[K");
            out.flush();
        }
    }

    static int column(String verdict) {
        return switch (verdict) {
            case "PASS" -> 0;
            case "FAIL" -> 1;
            case "SKIPPED" -> 3;
            default -> 2;
        };
    }
}
