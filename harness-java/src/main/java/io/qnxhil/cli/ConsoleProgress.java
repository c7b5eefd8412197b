package io.qnxhil.cli;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One line per scenario as it finishes: verdict, board, scenario id, time, and the reason when not PASS. */
final class ConsoleProgress implements TestExecutionListener {
    private final PrintStream out;
    private final Map<String, String> verdicts = new ConcurrentHashMap<>();
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private volatile long total;
    private volatile int done;

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        total = plan.countTestIdentifiers(TestIdentifier::isTest);
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
                    .ifPresent(t -> out.println("  BROKEN  " + id.getDisplayName() + ": " + t.getMessage()));
            return;
        }
        String[] vb = verdicts.getOrDefault(id.getUniqueId(), "BROKEN ?").split(" ", 2);
        long ms = (System.nanoTime() - started.getOrDefault(id.getUniqueId(), System.nanoTime())) / 1_000_000;
        int n;
        synchronized (this) {
            n = ++done;
        }
        String line = String.format("  [%d/%d] %-7s %-10s %-55s %6d ms", n, total, vb[0], vb[1], id.getDisplayName(), ms);
        out.println(line);
        if (!"PASS".equals(vb[0])) {
            result.getThrowable().ifPresent(t -> out.println("          " + t.getMessage()));
        }
    }
}
