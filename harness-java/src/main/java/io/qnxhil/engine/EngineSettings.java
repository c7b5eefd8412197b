package io.qnxhil.engine;

import io.qnxhil.run.BoardRef;
import io.qnxhil.run.Farm;
import io.qnxhil.run.FarmLoader;
import org.junit.platform.engine.ConfigurationParameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The engine's configuration parameters. Without {@value #PLAN} the engine discovers nothing, so it
 * stays silent when it merely sits on a test class path (e.g. under Surefire).
 *
 * @param boards       the boards of the run: {@value #BOARDS} entries then the boards of {@value #FARM}
 * @param parallel     boards run at once ({@value #PARALLEL}; default: all boards, or the farm's setting)
 * @param retries      extra attempts after an infrastructure failure (BROKEN): a scenario, or a
 *                     board's health check ({@value #RETRIES}, default 1). A FAIL is never retried.
 * @param boardTimeout the most one board may take, health check included ({@value #BOARD_TIMEOUT}, ISO-8601
 *                     or seconds; default 1 h); scenarios left when it runs out are BROKEN
 * @param resume       complete the interrupted run in {@code runDir}: run only what its journal lacks
 */
public record EngineSettings(Path plan, List<BoardRef> boards, Path farm, Path projectRoot, Path runDir,
                             int parallel, int retries, Duration boardTimeout, boolean resume) {
    public static final String PLAN = "qnxhil.plan";
    public static final String BOARDS = "qnxhil.boards";
    public static final String FARM = "qnxhil.farm";
    public static final String PROJECT_ROOT = "qnxhil.projectRoot";
    public static final String RUN_DIR = "qnxhil.runDir";
    public static final String PARALLEL = "qnxhil.parallel";
    public static final String RETRIES = "qnxhil.retries";
    public static final String BOARD_TIMEOUT = "qnxhil.boardTimeout";
    public static final String RESUME = "qnxhil.resume";
    public static final int DEFAULT_RETRIES = 1;
    public static final Duration DEFAULT_BOARD_TIMEOUT = Duration.ofHours(1);

    public EngineSettings {
        boards = List.copyOf(boards);
    }

    static Optional<EngineSettings> from(ConfigurationParameters params) {
        Optional<String> plan = params.get(PLAN);
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        Path root = params.get(PROJECT_ROOT).map(Path::of).orElseGet(EngineSettings::findProjectRoot);
        Path farmFile = params.get(FARM).filter(s -> !s.isBlank()).map(s -> resolve(root, s)).orElse(null);
        List<BoardRef> boards = new ArrayList<>();
        String defaultBoards = farmFile == null ? "board-configs/sim.yaml" : "";
        Arrays.stream(params.get(BOARDS).orElse(defaultBoards).split(","))
                .map(String::trim).filter(s -> !s.isEmpty())
                .forEach(s -> boards.add(BoardRef.parse(s, p -> resolve(root, p))));
        int farmParallel = 0;
        if (farmFile != null) {
            Farm farm = FarmLoader.load(farmFile);
            boards.addAll(farm.boards());
            farmParallel = farm.parallel();
        }
        Path planFile = resolve(root, plan.get());
        Path runDir = params.get(RUN_DIR).map(s -> resolve(root, s))
                .orElseGet(() -> defaultRunDir(root, planFile));
        int parallel = params.get(PARALLEL).map(Integer::parseInt).orElse(farmParallel);
        if (parallel <= 0) {
            parallel = Math.max(1, boards.size());
        }
        int retries = params.get(RETRIES).map(Integer::parseInt).orElse(DEFAULT_RETRIES);
        Duration boardTimeout = params.get(BOARD_TIMEOUT).map(EngineSettings::duration).orElse(DEFAULT_BOARD_TIMEOUT);
        boolean resume = params.getBoolean(RESUME).orElse(false);
        return Optional.of(new EngineSettings(planFile, boards, farmFile, root, runDir, parallel,
                Math.max(0, retries), boardTimeout, resume));
    }

    /** "PT30M", "90s", "15m", "2h" or plain seconds. */
    public static Duration duration(String text) {
        String t = text.trim();
        if (t.startsWith("P") || t.startsWith("p")) {
            return Duration.parse(t.toUpperCase());
        }
        char unit = Character.toLowerCase(t.charAt(t.length() - 1));
        String digits = Character.isDigit(unit) ? t : t.substring(0, t.length() - 1).trim();
        long n = Long.parseLong(digits);
        return switch (unit) {
            case 'h' -> Duration.ofHours(n);
            case 'm' -> Duration.ofMinutes(n);
            case 's' -> Duration.ofSeconds(n);
            default -> {
                if (!Character.isDigit(unit)) {
                    throw new IllegalArgumentException("unknown time unit '" + unit + "' in '" + text + "' (use s, m or h)");
                }
                yield Duration.ofSeconds(n);
            }
        };
    }

    private static Path resolve(Path root, String p) {
        Path path = Path.of(p);
        if (path.isAbsolute()) {
            return path;
        }
        Path cwd = Path.of("").toAbsolutePath().resolve(path);
        return Files.exists(cwd) ? cwd.normalize() : root.resolve(path).normalize();
    }

    /** {@code reports/<yyyyMMdd-HHmmss>-<plan>}. */
    public static Path defaultRunDir(Path root, Path planFile) {
        String name = planFile.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return root.resolve("reports").resolve(stamp + "-" + name);
    }

    /** The nearest directory, from the working directory upwards, that holds test-plans/ and board-configs/. */
    public static Path findProjectRoot() {
        String prop = System.getProperty(PROJECT_ROOT);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("test-plans")) && Files.isDirectory(d.resolve("board-configs"))) {
                return d;
            }
        }
        return dir;
    }
}
