package io.qnxhil.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Generates the run's HTML report with the Allure command line, offline, in the same JVM binary.
 * The report is one self-contained {@code allure-report/index.html} that opens from disk. Trends
 * across runs come from the history of the newest earlier run of the same plan.
 */
public final class AllureHtml {
    public static final String DIR = "allure-report";
    public static final String HOME_PROPERTY = "qnxhil.allureHome";
    private static final long TIMEOUT_S = 300;

    private AllureHtml() {
    }

    /** The unpacked allure-commandline (built into harness-java/target by Maven). */
    public static Path home(Path projectRoot) {
        String prop = System.getProperty(HOME_PROPERTY);
        if (prop != null) {
            return Path.of(prop);
        }
        return projectRoot.resolve("harness-java/target/allure-commandline/allure-2.34.0");
    }

    public static Path generate(Path runDir, Path projectRoot) throws IOException {
        Path home = home(projectRoot);
        if (!Files.isDirectory(home.resolve("lib"))) {
            throw new IOException("Allure command line not found at " + home
                    + " (build it with: mvn -q -DskipTests package)");
        }
        Path results = runDir.resolve(AllureResultsWriter.DIR);
        Path out = runDir.resolve(DIR);
        copyHistory(runDir, results);
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", home.resolve("lib") + "/*" + java.io.File.pathSeparator + home.resolve("lib/config"),
                "-Dallure.home=" + home,
                "io.qameta.allure.CommandLine", "generate", "--clean",
                "--name", "qnx-hil " + runDir.getFileName(),
                "-o", out.toString(), results.toString()));
        run(cmd, runDir.resolve("allure-generate.log"));
        Path single = runDir.resolve("allure-single");
        cmd.set(cmd.indexOf("--clean"), "--single-file");
        cmd.set(cmd.indexOf(out.toString()), single.toString());
        run(cmd, runDir.resolve("allure-generate.log"));
        Files.move(single.resolve("index.html"), runDir.resolve("report.html"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        deleteTree(single);
        return runDir.resolve("report.html");
    }

    private static void run(List<String> cmd, Path log) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("Allure report generation timed out after " + TIMEOUT_S + " s (log: " + log + ")");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating the Allure report", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("Allure report generation failed with status " + p.exitValue() + ": "
                    + Files.readString(log, StandardCharsets.UTF_8).lines().reduce((a, b) -> b).orElse("") + " (log: " + log + ")");
        }
    }

    /** Copies {@code allure-report/history} of the newest earlier run of the same plan, for trends. */
    private static void copyHistory(Path runDir, Path results) throws IOException {
        Path reports = runDir.getParent();
        String suffix = runDir.getFileName().toString().replaceFirst("^\\d{8}-\\d{6}", "");
        if (reports == null || suffix.equals(runDir.getFileName().toString())) {
            return;
        }
        try (var dirs = Files.list(reports)) {
            var previous = dirs.filter(d -> !d.equals(runDir))
                    .filter(d -> d.getFileName().toString().matches("\\d{8}-\\d{6}" + java.util.regex.Pattern.quote(suffix)))
                    .filter(d -> d.getFileName().toString().compareTo(runDir.getFileName().toString()) < 0)
                    .filter(d -> Files.isDirectory(d.resolve(DIR).resolve("history")))
                    .max(Comparator.comparing(d -> d.getFileName().toString()));
            if (previous.isEmpty()) {
                return;
            }
            Path target = Files.createDirectories(results.resolve("history"));
            try (var files = Files.list(previous.get().resolve(DIR).resolve("history"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, target.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
