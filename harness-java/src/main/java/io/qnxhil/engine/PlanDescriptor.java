package io.qnxhil.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qnxhil.plan.Plan;
import io.qnxhil.plan.Scenario;
import io.qnxhil.run.BoardRef;
import io.qnxhil.run.Journal;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The plan: opens the run in the journal before its boards run and closes it after. The run-start
 * record holds everything {@code harness run --resume} needs to carry on: plan, boards, settings.
 */
final class PlanDescriptor extends AbstractTestDescriptor implements Node<RunContext> {
    private final Plan plan;
    private final EngineSettings settings;
    private final int pending;

    PlanDescriptor(UniqueId parent, Plan plan, EngineSettings settings, int pending) {
        super(parent.append("plan", plan.name()), plan.name(), FileSource.from(plan.file().toFile()));
        this.plan = plan;
        this.settings = settings;
        this.pending = pending;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.SAME_THREAD;
    }

    /**
     * Kept when nothing is left to run: resuming a run killed after its last verdict but before
     * {@code run-end} must still write {@code run-resume} and {@code run-end} (the launcher prunes a
     * container that may hold no test).
     */
    @Override
    public boolean mayRegisterTests() {
        return true;
    }

    @Override
    public RunContext before(RunContext ctx) {
        ObjectNode rec;
        if (settings.resume()) {
            rec = Journal.record("run-resume");
            rec.put("pending", pending);
        } else {
            rec = Journal.record("run-start");
            rec.put("plan", plan.name());
            rec.put("title", plan.title());
            rec.put("planFile", plan.file().toString());
            rec.put("planSha256", sha256(plan.file()));
            var files = rec.putObject("planFiles");
            planFiles(plan).forEach(f -> files.put(f.toString(), sha256(f)));
            var boards = rec.putArray("boardConfigs");
            settings.boards().forEach(b -> boards.add(b.config().toString()));
            var refs = rec.putArray("boards");
            settings.boards().forEach(b -> refs.add(b.toString()));
            if (settings.farm() != null) {
                rec.put("farm", settings.farm().toString());
            }
            rec.put("parallel", settings.parallel());
            rec.put("retries", settings.retries());
            rec.put("boardTimeoutS", settings.boardTimeout().toSeconds());
            var scenarios = rec.putArray("scenarios");
            plan.scenarios().forEach(s -> scenarios.add(s.id()));
        }
        rec.put("harnessVersion", HarnessVersion.get());
        ctx.journal().append(rec);
        return ctx;
    }

    @Override
    public void after(RunContext ctx) {
        ctx.journal().append(Journal.record("run-end"));
        ctx.journal().close();
    }

    /** The plan file and every file it includes, in the order scenarios come from them. */
    static Set<Path> planFiles(Plan plan) {
        Set<Path> files = new LinkedHashSet<>();
        files.add(plan.file().toAbsolutePath().normalize());
        for (Scenario s : plan.scenarios()) {
            files.add(s.location().file().toAbsolutePath().normalize());
        }
        return files;
    }

    static String sha256(Path file) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return HexFormat.of().formatHex(digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
