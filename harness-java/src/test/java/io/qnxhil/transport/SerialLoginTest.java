package io.qnxhil.transport;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.board.TransportConfig;
import io.qnxhil.testing.BoardFiles;
import io.qnxhil.testing.ProjectPaths;
import io.qnxhil.testing.VirtualConsole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Login on a console that answers late (a loaded board, a getty still starting): the empty lines sent
 * to draw a prompt are all answered at once, each with a login prompt. The login name goes to the
 * first; the stale prompts after it must not draw it again (a second name would be read as the password).
 */
class SerialLoginTest {
    @TempDir
    Path dir;

    @Test
    void aConsoleThatAnswersLateStillLogsInOnce() throws Exception {
        try (VirtualConsole vc = new VirtualConsole(dir.resolve("vc"), 0, 3, 0)) {
            Path board = BoardFiles.simSerial(dir, vc, dir.resolve("board").toString());
            BoardConfig config = BoardConfigLoader.load(board, ProjectPaths.root());
            vc.freeze(true);
            // three nudges (at 0, 2 and 4 s) queue up before the console runs again
            CompletableFuture<Void> thaw = CompletableFuture.runAsync(() -> vc.freeze(false),
                    CompletableFuture.delayedExecutor(5500, TimeUnit.MILLISECONDS));
            SerialConsole console = SerialConsole.open((TransportConfig.Serial) config.transport(), Duration.ofSeconds(30));
            try {
                thaw.get(10, TimeUnit.SECONDS);
                RemoteShell.Result r = console.run("echo logged-in-as-$(id -u)", Duration.ofSeconds(10));
                assertEquals(0, r.exit(), r.out());
                assertTrue(r.out().contains("logged-in-as-"), r.out());
            } finally {
                console.close();
            }
        }
    }
}
