package io.qnxhil.engine;

import io.qnxhil.plan.Plan;
import io.qnxhil.run.Journal;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The plan: opens the run in the journal before its boards run and closes it after. */
final class PlanDescriptor extends AbstractTestDescriptor implements Node<RunContext> {
    private final Plan plan;
    private final EngineSettings settings;

    PlanDescriptor(UniqueId parent, Plan plan, EngineSettings settings) {
        super(parent.append("plan", plan.name()), plan.name(), FileSource.from(plan.file().toFile()));
        this.plan = plan;
        this.settings = settings;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public RunContext before(RunContext ctx) {
        var rec = Journal.record("run-start");
        rec.put("plan", plan.name());
        rec.put("title", plan.title());
        rec.put("planFile", plan.file().toString());
        rec.put("planSha256", sha256(plan.file()));
        rec.put("harnessVersion", HarnessVersion.get());
        var boards = rec.putArray("boardConfigs");
        settings.boards().forEach(b -> boards.add(b.toString()));
        var scenarios = rec.putArray("scenarios");
        plan.scenarios().forEach(s -> scenarios.add(s.id()));
        ctx.journal().append(rec);
        return ctx;
    }

    @Override
    public void after(RunContext ctx) {
        ctx.journal().append(Journal.record("run-end"));
        ctx.journal().close();
    }

    static String sha256(java.nio.file.Path file) {
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
