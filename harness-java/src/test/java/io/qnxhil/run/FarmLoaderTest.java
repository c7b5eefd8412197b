package io.qnxhil.run;

import io.qnxhil.plan.ConfigException;
import io.qnxhil.testing.ConfigErrors;
import io.qnxhil.testing.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Farm files: the shipped one, numbered boards from one config, and errors naming file, line and field. */
class FarmLoaderTest {
    @TempDir
    Path tmp;

    private Path farm(String text) throws IOException {
        Path configs = Files.createDirectories(tmp.resolve("board-configs"));
        Files.copy(ProjectPaths.boardConfigs().resolve("sim.yaml"), configs.resolve("sim.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path f = tmp.resolve("farm.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void theShippedSimFarmHasFourNamedBoardsRunningAtOnce() {
        Farm f = FarmLoader.load(ProjectPaths.root().resolve("farms/sim-farm.yaml"));
        assertEquals(List.of("sim800-01", "sim800-02", "sim800-03", "sim710"), f.boards().stream().map(BoardRef::name).toList());
        assertEquals(4, f.parallel());
        assertTrue(f.boards().stream().allMatch(b -> Files.isRegularFile(b.config())));
    }

    @Test
    void countNumbersTheBoardsOfOneConfigAndAnEntryWithoutNameKeepsTheConfigsName() throws IOException {
        Farm f = FarmLoader.load(farm("farm: f\nboards:\n  - {config: board-configs/sim.yaml, name: s, count: 12}\n"
                + "  - config: board-configs/sim.yaml\n"));
        assertEquals(13, f.boards().size());
        assertEquals("s-01", f.boards().get(0).name());
        assertEquals("s-12", f.boards().get(11).name());
        assertEquals(null, f.boards().get(12).name());
        assertEquals(0, f.parallel());
    }

    @Test
    void aMissingConfigIsNamedWithItsLine() throws IOException {
        Path f = farm("farm: f\nboards:\n  - {config: board-configs/sim.yaml, name: a}\n  - {config: nowhere.yaml, name: b}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> FarmLoader.load(f));
        ConfigErrors.assertNames(e, f, 4, "boards[1].config");
        assertTrue(e.getMessage().contains("board config not found"), e.getMessage());
    }

    @Test
    void aBoardListedTwiceIsAnErrorPointingAtTheFirst() throws IOException {
        Path f = farm("farm: f\nboards:\n  - {config: board-configs/sim.yaml, name: a}\n  - {config: board-configs/sim.yaml, name: a}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> FarmLoader.load(f));
        ConfigErrors.assertNames(e, f, 4, "boards[1]");
        assertTrue(e.getMessage().contains("listed twice (first at " + f + ":3"), e.getMessage());
    }

    @Test
    void unknownKeysBadCountsAndParallelAreErrors() throws IOException {
        Path typo = farm("farm: f\nboards:\n  - {config: board-configs/sim.yaml, nmae: a}\n");
        ConfigErrors.assertNames(assertThrows(ConfigException.class, () -> FarmLoader.load(typo)), typo, 3, "boards[0].nmae");
        Path count = farm("farm: f\nboards:\n  - {config: board-configs/sim.yaml, count: 3}\n");
        ConfigErrors.assertNames(assertThrows(ConfigException.class, () -> FarmLoader.load(count)), count, 3, "boards[0]");
        Path parallel = farm("farm: f\nparallel: 0\nboards:\n  - {config: board-configs/sim.yaml}\n");
        ConfigErrors.assertNames(assertThrows(ConfigException.class, () -> FarmLoader.load(parallel)), parallel, 2, "parallel");
    }
}
