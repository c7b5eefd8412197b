package io.qnxhil.cli;

import io.qnxhil.report.RunRecords;
import io.qnxhil.trace.BehaviourInventory;
import io.qnxhil.trace.GoldenOutcomes;
import io.qnxhil.trace.TraceabilityMatrix;
import io.qnxhil.trace.TraceabilityReport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The part of a run's summary about the docs: coverage of the documented behaviours and the golden-file review. */
final class CoverageSummary {
    private CoverageSummary() {
    }

    static void print(PrintStream out, RunRecords run, Path root) throws IOException {
        if (!Files.isRegularFile(root.resolve(BehaviourInventory.FILE))) {
            return;
        }
        out.println();
        TraceabilityMatrix m = TraceabilityMatrix.build(run, BehaviourInventory.forProject(root));
        TraceabilityReport.print(out, m);
        out.println("traceability matrix: " + RunCommand.display(root, run.runDir()) + "/" + TraceabilityReport.HTML);
        GoldenOutcomes.print(out, GoldenOutcomes.review(run, root));
    }
}
