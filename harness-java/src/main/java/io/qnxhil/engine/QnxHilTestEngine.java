package io.qnxhil.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.plan.ConfigException;
import io.qnxhil.plan.Plan;
import io.qnxhil.plan.PlanLoader;
import io.qnxhil.plan.Scenario;
import io.qnxhil.plan.SourceLocation;
import io.qnxhil.run.BoardRef;
import io.qnxhil.run.Journal;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.ForkJoinPoolHierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.ParallelExecutionConfiguration;
import org.junit.platform.engine.support.hierarchical.SameThreadHierarchicalTestExecutorService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a plan on boards as a JUnit Platform test tree: plan → board → scenario. IDEs, Surefire,
 * the console launcher and the harness CLI all see scenarios as tests. Boards run in parallel
 * (up to {@link EngineSettings#parallel()} at once), each board's scenarios in order. Configured
 * through {@link EngineSettings} parameters; bad plans, board configs and farm files fail
 * discovery with a {@link ConfigException} naming file, line and field. On resume, only the
 * scenarios the run's journal has no verdict for are discovered.
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
        List<BoardConfig> boards = boards(s);
        Map<String, Set<String>> done = s.resume() ? recorded(s) : Map.of();
        List<BoardDescriptor> boardNodes = new ArrayList<>();
        int pending = 0;
        for (BoardConfig board : boards) {
            BoardDescriptor boardNode = null;
            for (Scenario scenario : plan.scenarios()) {
                if (done.getOrDefault(board.name(), Set.of()).contains(scenario.id())) {
                    continue;
                }
                if (boardNode == null) {
                    boardNode = new BoardDescriptor(engine.getUniqueId().append("plan", plan.name()), board);
                    boardNodes.add(boardNode);
                }
                boardNode.addChild(new ScenarioDescriptor(boardNode.getUniqueId(), scenario));
                pending++;
            }
            for (var measurement : plan.latency()) {
                String journaled = io.qnxhil.latency.LatencyMeasurement.SCENARIO_PREFIX + measurement.id();
                if (done.getOrDefault(board.name(), Set.of()).contains(journaled)) {
                    continue;
                }
                if (boardNode == null) {
                    boardNode = new BoardDescriptor(engine.getUniqueId().append("plan", plan.name()), board);
                    boardNodes.add(boardNode);
                }
                boardNode.addChild(new LatencyDescriptor(boardNode.getUniqueId(), measurement));
                pending++;
            }
        }
        PlanDescriptor planNode = new PlanDescriptor(engine.getUniqueId(), plan, s, pending);
        engine.addChild(planNode);
        boardNodes.forEach(planNode::addChild);
        return engine;
    }

    private static List<BoardConfig> boards(EngineSettings s) {
        List<BoardConfig> boards = new ArrayList<>();
        Map<String, BoardRef> names = new HashMap<>();
        for (BoardRef ref : s.boards()) {
            BoardConfig config = BoardConfigLoader.load(ref.config(), s.projectRoot());
            if (ref.name() != null) {
                config = config.withName(ref.name());
            }
            BoardRef first = names.putIfAbsent(config.name(), ref);
            if (first != null) {
                throw new ConfigException(SourceLocation.of(ref.config()), "name",
                        "board name '" + config.name() + "' is used twice in this run (also by " + first.config()
                                + "); each board of a run needs its own name (a farm entry's 'name')");
            }
            boards.add(config);
        }
        return boards;
    }

    /** Board name → scenario ids with a verdict in the journal of the run being resumed. */
    private static Map<String, Set<String>> recorded(EngineSettings s) {
        Map<String, Set<String>> done = new HashMap<>();
        if (!Files.isRegularFile(s.runDir().resolve(Journal.FILE_NAME))) {
            return done;
        }
        for (JsonNode rec : Journal.load(s.runDir()).records()) {
            if ("scenario".equals(rec.path("type").asText())) {
                done.computeIfAbsent(rec.path("board").asText(), k -> new HashSet<>()).add(rec.path("scenario").asText());
            }
        }
        return done;
    }

    @Override
    protected HierarchicalTestExecutorService createExecutorService(ExecutionRequest request) {
        int parallel = EngineSettings.from(request.getConfigurationParameters()).map(EngineSettings::parallel).orElse(1);
        if (parallel <= 1) {
            return new SameThreadHierarchicalTestExecutorService();
        }
        return new ForkJoinPoolHierarchicalTestExecutorService(new Parallelism(parallel));
    }

    @Override
    protected RunContext createExecutionContext(ExecutionRequest request) {
        var settings = EngineSettings.from(request.getConfigurationParameters());
        if (settings.isEmpty()) {
            return RunContext.forRun(EngineSettings.findProjectRoot(), null, null, null, request.getEngineExecutionListener());
        }
        EngineSettings s = settings.get();
        try {
            Files.createDirectories(s.runDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + s.runDir() + ": " + e.getMessage(), e);
        }
        Journal journal = s.resume() ? Journal.openForResume(s.runDir()) : Journal.openForAppend(s.runDir());
        return RunContext.forRun(s.projectRoot(), s.runDir(), journal, s, request.getEngineExecutionListener());
    }

    /** A fixed pool: one worker per board running at once. Boards block on I/O, so no extra compensation threads. */
    private record Parallelism(int parallel) implements ParallelExecutionConfiguration {
        @Override
        public int getParallelism() {
            return parallel;
        }

        @Override
        public int getMinimumRunnable() {
            return parallel;
        }

        @Override
        public int getMaxPoolSize() {
            return parallel + 256;
        }

        @Override
        public int getCorePoolSize() {
            return parallel;
        }

        @Override
        public int getKeepAliveSeconds() {
            return 30;
        }
    }
}
