package io.qnxhil.ctests;

import io.qnxhil.engine.EngineSettings;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs every C test program built by {@code make tests} (target-agent/build/&lt;variant&gt;/tests/) and
 * turns each TAP line into a test, so {@code mvn verify} reports the C and Java tests in one summary.
 * A variant directory holding an executable {@code run-test} (a cross-built variant run under qemu-user)
 * starts each of its programs as {@code run-test <program>}.
 */
class CTestsTest {
    private static final Pattern TAP = Pattern.compile("^(not ok|ok)\\s+(\\d+)\\s*-?\\s*(.*?)(\\s+#\\s*SKIP\\s*(.*))?$");
    private static final long TIMEOUT_S = 600;
    /**
     * Touched before the first program runs: the leak check (z_leaks.sh) judges only qnxsim
     * segments newer than this file, so a segment left by an earlier, killed run is noted
     * instead of failing this one.
     */
    private static Path runStamp;

    @TestFactory
    Stream<DynamicNode> cTestPrograms() throws IOException {
        Path build = EngineSettings.findProjectRoot().resolve("target-agent/build");
        List<Path> programs = new ArrayList<>();
        if (Files.isDirectory(build)) {
            try (var walk = Files.walk(build, 3)) {
                walk.filter(p -> p.getParent().getFileName().toString().equals("tests"))
                        .filter(Files::isRegularFile).filter(Files::isExecutable).sorted().forEach(programs::add);
            }
        }
        runStamp = Files.createTempFile("qnxsim-test-run", ".stamp");
        runStamp.toFile().deleteOnExit();
        try {
            Thread.sleep(1100); // file times have 1 s granularity on some filesystems
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (programs.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("no C test programs under " + build + ": `make -C target-agent tests` must build them in CI");
            }
            assumeTrue(false, "no C test programs under " + build + " (run mvn verify from the project root)");
        }
        return programs.stream().map(p -> container(build, p));
    }

    private static DynamicNode container(Path build, Path program) {
        String name = build.relativize(program).toString();
        List<DynamicNode> cases = new ArrayList<>();
        Result r = run(program);
        for (String line : r.output) {
            Matcher m = TAP.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            boolean ok = m.group(1).equals("ok");
            String skip = m.group(5);
            String desc = m.group(2) + " " + m.group(3);
            cases.add(DynamicTest.dynamicTest(desc, () -> {
                assumeTrue(skip == null, () -> "skipped: " + skip);
                if (!ok) {
                    fail(name + ": " + line + "\n" + context(r.output, line));
                }
            }));
        }
        cases.add(DynamicTest.dynamicTest("exit status", () -> {
            assertFalse(r.timedOut, name + " did not finish within " + TIMEOUT_S + " s");
            assertEquals(0, r.status, name + " exited with " + r.status + ":\n" + String.join("\n", r.output));
        }));
        return DynamicContainer.dynamicContainer(name, cases);
    }

    private static String context(List<String> output, String line) {
        int i = output.indexOf(line);
        return String.join("\n", output.subList(Math.max(0, i - 10), Math.min(output.size(), i + 10)));
    }

    private record Result(List<String> output, int status, boolean timedOut) {
    }

    private static Result run(Path program) {
        try {
            // A cross-built variant (aarch64 under qemu-user) starts its programs through its run-test.
            Path runner = program.getParent().getParent().resolve("run-test");
            List<String> command = Files.isExecutable(runner)
                    ? List.of(runner.toString(), program.toString()) : List.of(program.toString());
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .directory(program.getParent().toFile());
            if (runStamp != null) {
                pb.environment().put("QNXSIM_TEST_SINCE", runStamp.toString());
            }
            Path log = Files.createTempFile("ctest", ".log");
            pb.redirectOutput(log.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            boolean done = p.waitFor(TIMEOUT_S, TimeUnit.SECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
            }
            List<String> out = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            Files.deleteIfExists(log);
            return new Result(out, done ? p.exitValue() : -1, !done);
        } catch (IOException e) {
            return new Result(List.of("cannot run " + program + ": " + e.getMessage()), -1, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(List.of("interrupted"), -1, false);
        }
    }
}
