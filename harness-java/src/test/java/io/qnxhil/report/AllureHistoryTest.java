package io.qnxhil.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qnxhil.cli.Main;
import io.qnxhil.testing.AgentBinary;
import io.qnxhil.testing.ProjectPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trends across nightly runs in the generated Allure report: the second run of a plan in the same
 * reports folder carries the first one's history, so the trend has two entries; a board that
 * fails its health check lands in an infrastructure category, never among product defects.
 */
class AllureHistoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path root;

    @TempDir
    Path tmp;

    @BeforeAll
    static void built() {
        root = ProjectPaths.root();
        AgentBinary.requireBuilt(root.resolve("target-agent/build/nto800/qnx-hil-agent"));
        Path allure = AllureHtml.home(root);
        if (!Files.isDirectory(allure.resolve("lib"))) {
            String why = "Allure command line not unpacked at " + allure + " (mvn package)";
            if (ProjectPaths.inCi()) {
                throw new AssertionError(why);
            }
            org.junit.jupiter.api.Assumptions.abort(why);
        }
    }

    private static synchronized int harness(String... args) {
        PrintStream oldOut = System.out;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            return Main.execute(args);
        } finally {
            System.setOut(oldOut);
        }
    }

    @Test
    void theSecondRunShowsATrendOfTwoRunsAndABrokenBoardIsAnInfrastructureCategory() throws IOException {
        Path reports = tmp.resolve("reports");
        Path first = reports.resolve("20260101-010000-smoke");
        Path second = reports.resolve("20260102-010000-smoke");
        assertEquals(Main.OK, harness("run", "--run-dir", first.toString()));
        Path dead = tmp.resolve("dead.yaml");
        Files.writeString(dead, Files.readString(root.resolve("board-configs/sim.yaml"))
                .replaceFirst("(?m)^name:.*$", "name: dead").replaceFirst("(?m)^(\\s*agent:).*$", "$1 " + tmp.resolve("nothing-here")));
        assertEquals(Main.BROKEN_OR_USAGE, harness("run", "--board", root.resolve("board-configs/sim.yaml").toString(),
                "--board", dead.toString(), "--retries", "0", "--run-dir", second.toString()));

        JsonNode trend = JSON.readTree(second.resolve("allure-report/widgets/history-trend.json").toFile());
        assertEquals(2, trend.size(), "two runs in the trend: " + trend);
        assertEquals(4, trend.get(1).path("data").path("passed").asInt(), "the older run: " + trend.get(1));
        assertEquals(4, trend.get(0).path("data").path("broken").asInt(), "the newer run: " + trend.get(0));

        JsonNode categories = JSON.readTree(second.resolve("allure-report/widgets/categories.json").toFile());
        List<String> names = new ArrayList<>();
        categories.path("items").forEach(c -> names.add(c.path("name").asText()));
        assertTrue(names.stream().anyMatch(n -> n.startsWith("Infrastructure: board out of the run")), names.toString());
        assertTrue(names.stream().noneMatch(n -> n.startsWith("Product defects")), names.toString());
        String env = Files.readString(second.resolve("allure-results/environment.properties"));
        for (String key : List.of("board.sim.uname", "board.sim.agent.hash", "board.sim.qnx.release", "harness.version", "board.dead.broken")) {
            assertTrue(env.contains(key + " = "), key + " in\n" + env);
        }
    }
}
