package io.qnxhil.engine;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.plan.Plan;
import io.qnxhil.plan.PlanLoader;
import io.qnxhil.plan.Scenario;
import io.qnxhil.run.Journal;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a plan on boards as a JUnit Platform test tree: plan → board → scenario. IDEs, Surefire,
 * the console launcher and the harness CLI all see scenarios as tests. Configured through
 * {@link EngineSettings} parameters; bad plans and board configs fail discovery with a
 * {@link io.qnxhil.plan.ConfigException} naming file, line and field.
 */
public final class QnxHilTestEngine extends HierarchicalTestEngine<RunContext> {
    public static final String ID = "qnx-hil";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor engine = new EngineDescriptor(uniqueId, "qnx-hil");
        var settings = EngineSettings.from(request.getConfigurationParameters());
        if (settings.isEmpty()) {
            return engine;
        }
        EngineSettings s = settings.get();
        Plan plan = PlanLoader.load(s.plan());
        List<BoardConfig> boards = new ArrayList<>();
        for (var file : s.boards()) {
            boards.add(BoardConfigLoader.load(file, s.projectRoot()));
        }
        PlanDescriptor planNode = new PlanDescriptor(engine.getUniqueId(), plan, s);
        engine.addChild(planNode);
        for (BoardConfig board : boards) {
            BoardDescriptor boardNode = new BoardDescriptor(planNode.getUniqueId(), board);
            planNode.addChild(boardNode);
            for (Scenario scenario : plan.scenarios()) {
                boardNode.addChild(new ScenarioDescriptor(boardNode.getUniqueId(), scenario));
            }
        }
        return engine;
    }

    @Override
    protected RunContext createExecutionContext(ExecutionRequest request) {
        var settings = EngineSettings.from(request.getConfigurationParameters());
        if (settings.isEmpty()) {
            return RunContext.forRun(EngineSettings.findProjectRoot(), null, null, request.getEngineExecutionListener());
        }
        EngineSettings s = settings.get();
        try {
            Files.createDirectories(s.runDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + s.runDir() + ": " + e.getMessage(), e);
        }
        return RunContext.forRun(s.projectRoot(), s.runDir(), Journal.openForAppend(s.runDir()),
                request.getEngineExecutionListener());
    }
}
