package io.qnxhil.engine;

import org.junit.platform.engine.ConfigurationParameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The engine's configuration parameters. Without {@value #PLAN} the engine discovers nothing, so it
 * stays silent when it merely sits on a test class path (e.g. under Surefire).
 */
public record EngineSettings(Path plan, List<Path> boards, Path projectRoot, Path runDir) {
    public static final String PLAN = "qnxhil.plan";
    public static final String BOARDS = "qnxhil.boards";
    public static final String PROJECT_ROOT = "qnxhil.projectRoot";
    public static final String RUN_DIR = "qnxhil.runDir";

    static Optional<EngineSettings> from(ConfigurationParameters params) {
        Optional<String> plan = params.get(PLAN);
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        Path root = params.get(PROJECT_ROOT).map(Path::of).orElseGet(EngineSettings::findProjectRoot);
        List<Path> boards = Arrays.stream(params.get(BOARDS).orElse("board-configs/sim.yaml").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(s -> resolve(root, s)).toList();
        Path planFile = resolve(root, plan.get());
        Path runDir = params.get(RUN_DIR).map(s -> resolve(root, s))
                .orElseGet(() -> defaultRunDir(root, planFile));
        return Optional.of(new EngineSettings(planFile, boards, root, runDir));
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
