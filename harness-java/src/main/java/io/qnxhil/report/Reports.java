package io.qnxhil.report;

import java.io.IOException;
import java.nio.file.Path;

/** Every report of a run, regenerated from its journal alone. */
public final class Reports {
    private Reports() {
    }

    /**
     * Writes summary.json, junit/, allure-results/, the traceability matrix (traceability.html/.json);
     * and the HTML report unless {@code html} is false.
     */
    public static RunRecords generate(Path runDir, Path projectRoot, boolean html) throws IOException {
        RunRecords run = RunRecords.read(runDir);
        SummaryWriter.write(run);
        io.qnxhil.latency.LatencyReport.write(run);   // before Allure: its plots become attachments
        JUnitXmlWriter.write(run);
        AllureResultsWriter.write(run);
        io.qnxhil.trace.TraceabilityReport.write(run, projectRoot);
        if (html) {
            AllureHtml.generate(runDir, projectRoot);
        }
        return run;
    }
}
