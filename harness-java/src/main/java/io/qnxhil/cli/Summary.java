package io.qnxhil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.qnxhil.report.RunRecords;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The short table printed at the end of a run, and the exit status it implies. */
final class Summary {
    private Summary() {
    }

    static int print(PrintStream out, RunRecords run, Path root, boolean html) {
        Map<String, int[]> perBoard = new java.util.TreeMap<>();
        run.boards().keySet().forEach(b -> perBoard.put(b, new int[4]));
        run.brokenBoards().keySet().forEach(b -> perBoard.putIfAbsent(b, new int[4]));
        boolean simulated = false;
        for (JsonNode s : run.scenarios()) {
            int[] c = perBoard.computeIfAbsent(s.path("board").asText(), k -> new int[4]);
            c[column(s.path("verdict").asText())]++;
        }
        out.println();
        out.printf("%-16s %-28s %5s %5s %7s %8s%n", "board", "os (as the board reports)", "PASS", "FAIL", "BROKEN", "SKIPPED");
        for (var e : perBoard.entrySet()) {
            String os = run.boardOs(e.getKey());
            simulated |= os.startsWith("qnxsim");
            int[] c = e.getValue();
            out.printf("%-16s %-28s %5d %5d %7d %8d%n", e.getKey(), os, c[0], c[1], c[2], c[3]);
        }
        run.brokenBoards().forEach((b, reason) -> out.println("board " + b + " BROKEN: " + reason));
        run.journalProblems().forEach(p -> out.println("journal: " + p));
        if (!run.complete()) {
            out.println("the run is incomplete (no run-end record): complete it with: harness run --resume "
                    + RunCommand.display(root, run.runDir()));
        }
        if (simulated) {
            out.println("Results from qnxsim come from the simulated board on this machine: they are not QNX results.");
        }
        String dir = RunCommand.display(root, run.runDir());
        out.println("run directory: " + dir + "/ (journal.jsonl, summary.json, junit/, allure-results/"
                + (html ? ", report.html, allure-report/" : "") + ")");
        if (html) {
            out.println("HTML report:   " + dir + "/report.html");
        }
        Map<String, Integer> counts = run.counts();
        int status = counts.get("FAIL") > 0 ? Main.FAILED
                : counts.get("BROKEN") > 0 || !run.brokenBoards().isEmpty() ? Main.BROKEN_OR_USAGE : Main.OK;
        if (status == Main.OK && !run.complete()) {
            status = Main.BROKEN_OR_USAGE; // a run that did not finish is not a pass
        }
        out.println("result: " + counts + (run.complete() ? "" : " (incomplete run)") + " -> exit " + status);
        return status;
    }

    private static int column(String verdict) {
        return switch (verdict) {
            case "PASS" -> 0;
            case "FAIL" -> 1;
            case "SKIPPED" -> 3;
            default -> 2;
        };
    }
}
