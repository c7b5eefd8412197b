package io.qnxhil.latency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qnxhil.cli.Main;
import io.qnxhil.testing.AgentBinary;
import io.qnxhil.testing.ProjectPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.qnxhil.testing.HarnessCli.Outcome;
import static io.qnxhil.testing.HarnessCli.harness;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plan with a latency section run on the simulated board, as a user runs it: journal, verdicts,
 * plots, latency.html, CSV, OpenMetrics and the Allure attachments. No latency value and no PASS is
 * asserted (the simulated board's numbers are the host's, on a shared VM): only that a measured
 * configuration is judged (PASS or FAIL), a refused one is SKIPPED with the reason, and the outputs
 * say what they should.
 */
class LatencyRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path root;

    @TempDir
    Path tmp;

    @BeforeAll
    static void agentBuilt() {
        root = ProjectPaths.root();
        AgentBinary.requireBuilt(root.resolve("target-agent/build/nto800/qnx-hil-agent"));
    }



    private Path plan() throws IOException {
        Path p = tmp.resolve("lat.yaml");
        Files.writeString(p, """
                plan: lat-test
                latency:
                  defaults: {iterations: 300, warmup: 20, interval_us: 100, window: 30, worst: 4, cpu_server: 0, cpu_client: 0}
                  measurements:
                    - {id: t.pulse.idle, kind: pulse, raw: 300}
                    - {id: t.pulse.load, kind: pulse, load: cpu, load_cpu: 0}
                    - {id: t.signal.unregistered, kind: signal, registered: false}
                """);
        return p;
    }

    @Test
    void aLatencyPlanOnTheSimulatedBoardWritesTheLatencyReport() throws IOException {
        Path run = tmp.resolve("run");
        Outcome o = harness("run", "--plan", plan().toString(), "--board", root.resolve("board-configs/sim.yaml").toString(),
                "--run-dir", run.toString());
        assertTrue(o.exit() == Main.OK || o.exit() == Main.FAILED, "measured (judged either way): " + o.out() + o.err());
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        String counts = summary.toString();
        List<JsonNode> latency = journal(run).stream().filter(LatencyMeasurement::isLatency).toList();
        assertEquals(3, latency.size(), counts);
        for (JsonNode m : latency) {
            String id = m.path("latency").path("id").asText(), v = m.path("verdict").asText();
            if (id.equals("t.signal.unregistered")) {
                assertEquals("SKIPPED", v, m.toString());
                assertTrue(m.path("reason").asText().contains("-U"), m.path("reason").asText());
            } else {
                assertTrue(v.equals("PASS") || v.equals("FAIL"), id + " measured and judged: " + m.path("reason"));
                assertTrue(m.path("reason").asText().contains("qnxsim numbers"), m.path("reason").asText());
                assertEquals(300, m.path("latency").path("percentiles").path("count").asLong());
            }
        }

        String html = Files.readString(run.resolve(LatencyReport.HTML));
        assertTrue(html.contains("qnxsim numbers are not QNX numbers"));
        assertTrue(html.contains("Idle vs load, side by side") && html.contains("t.pulse.idle"), "side-by-side table");
        assertTrue(html.contains("data:image/png;base64,"), "plots embedded: the page stands alone");
        assertTrue(html.contains("procnto refuses unregistered events"), "the skip reason is on the page");
        for (String id : List.of("t.pulse.idle", "t.pulse.load")) {
            LatencyReport.Plots p = LatencyReport.plotsOf("sim", id);
            for (Path png : List.of(p.histogram(), p.percentiles(), p.windows())) {
                BufferedImage img = ImageIO.read(run.resolve(png).toFile());
                assertNotNull(img, png + " is a PNG");
                assertEquals(900, img.getWidth());
            }
        }
        assertTrue(Files.isRegularFile(run.resolve(LatencyReport.plotsOf("sim", "t.pulse.idle-vs-cpu").percentiles())),
                "idle vs load plot");

        List<String> csv = Files.readAllLines(run.resolve(LatencyReport.CSV));
        assertEquals(4, csv.size(), String.join("\n", csv));
        assertTrue(csv.get(0).startsWith("board,board_os,id,kind,registered,load,pinning,verdict"));
        String om = Files.readString(run.resolve(LatencyReport.OPENMETRICS));
        assertTrue(om.endsWith("# EOF\n"));
        assertEquals(2 * 5, om.lines().filter(l -> l.startsWith("qnxhil_event_latency_seconds{") && l.contains("quantile=")).count());
        assertTrue(om.contains("id=\"t.pulse.idle\"") && !om.contains("id=\"t.signal.unregistered\""), "only measured ones");

        long images = 0;
        try (Stream<Path> files = Files.list(run.resolve("allure-results"))) {
            for (Path f : files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
                JsonNode r = JSON.readTree(f.toFile());
                if (r.path("name").asText().startsWith("latency:t.pulse")) {
                    for (JsonNode a : r.path("attachments")) {
                        images += a.path("type").asText().equals("image/png") ? 1 : 0;
                    }
                }
            }
        }
        assertEquals(6, images, "three plots attached to each measured result in Allure");

        String before = Files.readString(run.resolve(LatencyReport.CSV));
        Files.delete(run.resolve(LatencyReport.HTML));
        Outcome again = harness("report", run.toString());
        assertTrue(Files.isRegularFile(run.resolve(LatencyReport.HTML)), "harness report regenerates latency.html: " + again.err());
        assertEquals(before, Files.readString(run.resolve(LatencyReport.CSV)), "from the journal alone, the same figures");
    }

    @Test
    void benchPrintsTheTableWithPinningAndClockOverhead() {
        Outcome o = harness("bench", "--board", root.resolve("board-configs/sim.yaml").toString(), "--kinds", "pulse,memory",
                "--iterations", "200", "--warmup", "10", "--interval-us", "100");
        assertTrue(o.exit() == Main.OK || o.exit() == Main.FAILED, o.out() + o.err());
        assertTrue(o.out().contains("NOT QNX numbers"), o.out());
        for (String row : List.of("pulse.same-cpu", "pulse.cross-cpu", "memory.same-cpu", "memory.cross-cpu")) {
            assertTrue(o.out().lines().anyMatch(l -> l.startsWith(row) && l.matches(".*\\d+\\.\\d\\s+\\d+ns.*")), row + " in\n" + o.out());
        }
        assertTrue(o.out().contains("both on CPU 0") && o.out().contains("server CPU 0, client CPU 1"));
    }

    @Test
    void benchRefusesBadUsage() {
        Outcome bad = harness("bench", "--pinning", "sideways");
        assertEquals(Main.BROKEN_OR_USAGE, bad.exit());
        assertTrue(bad.err().contains("--pinning must be"), bad.err());
        Outcome none = harness("bench", "--plan", root.resolve("test-plans/smoke.yaml").toString());
        assertEquals(Main.BROKEN_OR_USAGE, none.exit());
        assertTrue(none.err().contains("no latency measurement"), none.err());
    }

    private static List<JsonNode> journal(Path run) throws IOException {
        return Files.readAllLines(run.resolve("journal.jsonl")).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }
}
