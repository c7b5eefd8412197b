package io.qnxhil.explore;

import io.qnxhil.model.Expectation;
import io.qnxhil.plan.DocRef;
import io.qnxhil.plan.Scenario;
import io.qnxhil.run.BoardSession;
import io.qnxhil.run.ScenarioResult;
import io.qnxhil.run.StepResult;
import io.qnxhil.run.Verdict;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Model-based exploration of a board: random valid programs from {@link ProgramGenerator} run on
 * the board and are judged by the reference model; every disagreement with a documented expectation
 * (a FAIL) is confirmed by a second run, shrunk by {@link Shrinker} to a minimal program and saved
 * as a regression scenario (a plan file) citing the sentence behind the failed expectation.
 * Disagreements with the same failing rule are saved once.
 */
public final class Explorer {

    /** A confirmed disagreement. */
    public record Finding(Program original, Program shrunk, String mismatch, DocRef citation, String rule,
                          Path saved, int shrinkRuns) {
    }

    /** What one exploration did. */
    public record Report(long seed, int programs, int broken, List<Finding> findings, int notReproduced,
                         Duration elapsed) {
    }

    private final BoardSession board;
    private final long seed;
    private final Path saveDir;
    private final PrintStream log;
    private int sequence;

    public Explorer(BoardSession board, long seed, Path saveDir, PrintStream log) {
        this.board = board;
        this.seed = seed;
        this.saveDir = saveDir;
        this.log = log;
    }

    /** Explores until {@code budget} has passed or {@code maxPrograms} programs have run. */
    public Report explore(Duration budget, int maxPrograms) throws IOException {
        Instant start = Instant.now();
        Instant deadline = start.plus(budget);
        ProgramGenerator gen = new ProgramGenerator(seed);
        List<Finding> findings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int programs = 0;
        int broken = 0;
        int notReproduced = 0;
        while (programs < maxPrograms && Instant.now().isBefore(deadline)) {
            Program p = gen.next();
            programs++;
            ScenarioResult r = run(p);
            if (r.verdict() == Verdict.BROKEN) {
                broken++;
                log.println("program " + programs + ": BROKEN (infrastructure, not a finding): " + r.reason());
                continue;
            }
            if (r.verdict() != Verdict.FAIL) {
                continue;
            }
            StepResult first = firstMismatch(r).orElseThrow();
            String signature = first.expected().rule() + "|" + first.step().op();
            if (seen.contains(signature)) {
                continue;
            }
            if (run(p).verdict() != Verdict.FAIL) {
                notReproduced++;
                log.println("program " + programs + ": a FAIL that did not reproduce on a second run (not saved): "
                        + r.reason());
                continue;
            }
            log.println("program " + programs + ": disagreement: " + first.message());
            log.println("  shrinking " + p.steps().size() + " steps...");
            Shrinker shrinker = new Shrinker(c -> sameDisagreement(run(c), first), 400);
            Program small = shrinker.shrink(p);
            ScenarioResult confirm = run(small);
            StepResult mismatch = firstMismatch(confirm).orElse(first);
            seen.add(signature);
            Path saved = save(small, mismatch, programs);
            log.println("  shrunk to " + small.steps().size() + " steps in " + shrinker.runs() + " runs; saved "
                    + saved);
            findings.add(new Finding(p, small, mismatch.message(), mismatch.expected().citation(),
                    mismatch.expected().rule(), saved, shrinker.runs()));
        }
        return new Report(seed, programs, broken, findings, notReproduced, Duration.between(start, Instant.now()));
    }

    private ScenarioResult run(Program p) {
        Scenario s = p.toScenario("explore." + seed + "." + (++sequence))
                .orElseThrow(() -> new IllegalStateException("the generator made a program the plan loader rejects:\n" + p));
        return board.execute(s);
    }

    /** The same kind of failure: a documented mismatch on a step with the same op and model rule. */
    private static boolean sameDisagreement(ScenarioResult r, StepResult original) {
        return r.verdict() == Verdict.FAIL && r.steps().stream().anyMatch(s -> s.status() == StepResult.Status.MISMATCH
                && s.step().op().equals(original.step().op())
                && s.expected().rule().equals(original.expected().rule()));
    }

    static Optional<StepResult> firstMismatch(ScenarioResult r) {
        return r.steps().stream().filter(s -> s.status() == StepResult.Status.MISMATCH).findFirst();
    }

    private Path save(Program p, StepResult mismatch, int programNumber) throws IOException {
        Files.createDirectories(saveDir);
        String id = "explore.seed" + seed + ".program" + programNumber;
        Expectation e = mismatch.expected();
        DocRef doc = e.citation() != null ? e.citation()
                : new DocRef("MsgDeliverEvent.txt", "MsgDeliverEvent() checks the event before delivering it, and uses "
                + "the error codes listed below to indicate any problems found.");
        String comment = "Found by `harness explore` (seed " + seed + ", program " + programNumber + ") on board "
                + board.config().name() + " (" + board.info().os() + " " + board.info().release() + "),\n"
                + "shrunk to a minimal program. The board disagreed with the reference model:\n"
                + mismatch.message().replace("\n", " ") + "\nmodel rule: " + e.rule();
        Path file = saveDir.resolve(id + ".yaml");
        Files.writeString(file, p.toPlanYaml(id, id, "Regression found by the explorer: " + e.rule(), doc, comment));
        return file;
    }
}
