package io.qnxhil.cli;

import io.qnxhil.engine.EngineSettings;
import io.qnxhil.report.Reports;
import io.qnxhil.report.RunRecords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code harness report RUN_DIR}: regenerates every report of a run from its journal. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Regenerate summary.json, JUnit XML, Allure results and the HTML report of a run from its journal; a torn last record is named (file:line) and the rest kept.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", description = "a run directory under reports/")
    Path runDir;

    @Option(names = "--no-html", description = "skip the HTML report")
    boolean noHtml;

    @Option(names = "--evidence", description = "also write the certification evidence bundle evidence.zip")
    boolean evidence;

    @Override
    public Integer call() throws Exception {
        Path root = EngineSettings.findProjectRoot();
        Path dir = runDir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve(io.qnxhil.run.Journal.FILE_NAME))) {
            System.err.println("harness: " + dir + " is not a run directory (no journal.jsonl)");
            return Main.BROKEN_OR_USAGE;
        }
        RunRecords run = Reports.generate(dir, root, !noHtml);
        if (evidence) {
            Path zip = io.qnxhil.report.EvidenceBundle.write(run, root);
            System.out.println("evidence bundle: " + RunCommand.display(root, zip));
        }
        return Summary.print(System.out, run, root, !noHtml);
    }
}
