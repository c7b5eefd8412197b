package io.qnxhil.run;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.board.BoardInfo;
import io.qnxhil.testing.ProjectPaths;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A board whose procnto disagrees with its config is named as the board's setting, with the fix. */
class BoardIdentityTest {
    @Test
    void procntoMinusUThatDisagreesWithTheConfigNamesTheBoardsSettingAndTheFix() {
        BoardConfig config = BoardConfigLoader.load(ProjectPaths.boardConfigs().resolve("sim.yaml"), ProjectPaths.root());
        BoardInfo withU = new BoardInfo("qnxsim", "8.0.0", "nto800", "x86_64", "h", "1", "abc", 1_000_000_000L, true);
        BoardUnavailableException e = assertThrows(BoardUnavailableException.class, () -> BoardIdentity.check(config, withU));
        assertTrue(e.getMessage().contains("the board's procnto runs with -U"), e.getMessage());
        assertTrue(e.getMessage().contains("set procnto.unregistered_events: true to match the board"), e.getMessage());
        assertTrue(e.getMessage().contains("remove -U from procnto's arguments"), e.getMessage());
        assertDoesNotThrow(() -> BoardIdentity.check(config,
                new BoardInfo("qnxsim", "8.0.0", "nto800", "x86_64", "h", "1", "abc", 1_000_000_000L, false)));
    }
}
