package io.qnxhil.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where the project's files are, for tests: the root (Surefire's qnxhil.projectRoot), plans, configs, docs. */
public final class ProjectPaths {
    private ProjectPaths() {
    }

    /** The folder holding test-plans/: the system property qnxhil.projectRoot, or found by walking up. */
    public static Path root() {
        String prop = System.getProperty("qnxhil.projectRoot");
        if (prop != null && Files.isDirectory(Path.of(prop, "test-plans"))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("test-plans"))) {
                return p;
            }
        }
        throw new IllegalStateException("no folder with test-plans/ above " + Path.of("").toAbsolutePath()
                + "; set -Dqnxhil.projectRoot");
    }

    public static Path plans() {
        return root().resolve("test-plans");
    }

    public static Path boardConfigs() {
        return root().resolve("board-configs");
    }

    /**
     * The QNX documentation pages the model cites: the system property qnxhil.qnxDocs, or a
     * qnx-docs/ folder in or next to the project.
     */
    public static Optional<Path> qnxDocs() {
        String prop = System.getProperty("qnxhil.qnxDocs");
        Path root = root();
        List<Path> candidates = prop != null ? List.of(Path.of(prop))
                : List.of(root.resolve("qnx-docs"), root.resolve("docs/qnx-docs"), root.resolveSibling("shared/qnx-docs"));
        return candidates.stream().filter(p -> Files.isRegularFile(p.resolve("MsgRegisterEvent.txt"))).findFirst();
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
