package io.qnxhil.board;

import io.qnxhil.plan.ConfigException;
import io.qnxhil.testing.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.qnxhil.testing.ConfigErrors.assertNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoardConfigLoaderTest {
    @TempDir
    Path dir;

    private static final String SIM = """
            name: t
            os: qnxsim
            release: "8.0"
            arch: x86_64
            procnto:
              unregistered_events: true
            transport:
              local:
                agent: target-agent/build/${profile}/qnx-hil-agent
            timeouts: {step_ms: 2000, scenario_ms: 9000}
            env: {QNXSIM_FAULTS: "drop=1"}
            """;

    private ConfigException failure(String text) throws IOException {
        Path f = dir.resolve("board.yaml");
        Files.writeString(f, text);
        return assertThrows(ConfigException.class, () -> BoardConfigLoader.load(f, dir));
    }

    @Test
    void loadsTheSimulatedBoards() {
        Path root = ProjectPaths.root();
        BoardConfig sim = BoardConfigLoader.load(ProjectPaths.boardConfigs().resolve("sim.yaml"), root);
        assertEquals("sim", sim.name());
        assertEquals("8.0", sim.release());
        assertTrue(sim.simulated());
        assertFalse(sim.unregisteredEvents());
        assertEquals(new TransportConfig.Local(root.resolve("target-agent/build/nto800/qnx-hil-agent")), sim.transport());
        assertEquals(Duration.ofSeconds(5), sim.stepTimeout());
        BoardConfig old = BoardConfigLoader.load(ProjectPaths.boardConfigs().resolve("sim-nto710.yaml"), root);
        assertEquals("7.1", old.release());
        assertEquals("nto710", old.profile());
        assertEquals(new TransportConfig.Local(root.resolve("target-agent/build/nto710/qnx-hil-agent")), old.transport());
    }

    @Test
    void readsEveryField() throws IOException {
        Path f = dir.resolve("b.yaml");
        Files.writeString(f, SIM);
        BoardConfig c = BoardConfigLoader.load(f, dir);
        assertTrue(c.unregisteredEvents());
        assertEquals(Duration.ofMillis(2000), c.stepTimeout());
        assertEquals(Duration.ofMillis(9000), c.scenarioTimeout());
        assertEquals(Map.of("QNXSIM_FAULTS", "drop=1"), c.env());
        assertEquals(f, c.file());
    }

    @Test
    void badReleaseNamesFileLineAndField() throws IOException {
        ConfigException e = failure(SIM.replace("release: \"8.0\"", "release: \"7.0\""));
        assertEquals("release", e.field());
        assertEquals(3, e.location().line());
        assertTrue(e.getMessage().startsWith(dir.resolve("board.yaml") + ":3:10: field 'release': '7.0' is not one of 7.1, 8.0"),
                e.getMessage());
    }

    @Test
    void unknownKeysAreErrorsAtEveryLevel() throws IOException {
        Path file = dir.resolve("board.yaml");
        assertNames(failure(SIM + "relase: x\n"), file, 12, "relase");
        ConfigException nested = failure(SIM.replace("step_ms", "stepms"));
        assertNames(nested, file, 10, "timeouts.stepms");
        assertTrue(nested.getMessage().contains("unknown key 'stepms' (known: command_ms, connect_ms, reconnect_ms, scenario_ms, step_ms)"), nested.getMessage());
        ConfigException transport = failure(SIM.replace("  local:", "  ssh:"));
        assertEquals("transport.ssh.agent", transport.field()); // ssh takes host, user, keys: not a local agent path
    }

    @Test
    void missingKeysAndBadValuesAreErrors() throws IOException {
        ConfigException missing = failure(SIM.replace("arch: x86_64\n", ""));
        assertTrue(missing.getMessage().contains("missing required key 'arch'"), missing.getMessage());
        ConfigException flag = failure(SIM.replace("unregistered_events: true", "unregistered_events: maybe"));
        assertNames(flag, dir.resolve("board.yaml"), 6, "procnto.unregistered_events");
        ConfigException timeouts = failure(SIM.replace("scenario_ms: 9000", "scenario_ms: 100"));
        assertEquals("timeouts", timeouts.field());
        ConfigException variable = failure(SIM.replace("${profile}", "${arch}"));
        assertEquals("transport.local.agent", variable.field());
        ConfigException syntax = failure(SIM.replace("{step_ms: 2000,", "{step_ms: 2000"));
        assertTrue(syntax.getMessage().contains("YAML syntax error"), syntax.getMessage());
    }
}
