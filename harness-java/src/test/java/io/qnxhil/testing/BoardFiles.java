package io.qnxhil.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Board configs for tests: an example from board-configs/ with some lines changed (port, key, paths). */
public final class BoardFiles {
    private BoardFiles() {
    }

    /** A copy of {@code board-configs/<example>} in {@code dir} with each (multi-line) regex replaced; each must match. */
    public static Path patched(Path dir, String example, Map<String, String> replacements) throws IOException {
        String text = Files.readString(ProjectPaths.boardConfigs().resolve(example));
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            Matcher m = Pattern.compile(r.getKey(), Pattern.MULTILINE).matcher(text);
            if (!m.find()) {
                throw new AssertionError(example + " has no line matching " + r.getKey());
            }
            text = m.replaceAll(Matcher.quoteReplacement(r.getValue()));
        }
        Path out = dir.resolve(example.replace(".yaml", "") + "-" + Long.toHexString(System.nanoTime()) + ".yaml");
        Files.writeString(out, text);
        return out;
    }

    /** board-configs/sim-ssh.yaml pointed at a test server: port, this user, a key, a known_hosts or fingerprint line. */
    public static Path simSsh(Path dir, int port, Path key, String hostKeyLine, String workdir) throws IOException {
        return patched(dir, "sim-ssh.yaml", map(
                "^    port: 2222$", "    port: " + port,
                "^    user: qnxuser$", "    user: " + System.getProperty("user.name"),
                "^    identity: .*$", "    identity: " + key,
                "^    known_hosts: .*$", hostKeyLine,
                "^workdir: .*$", "workdir: " + workdir));
    }

    /** board-configs/sim-serial.yaml pointed at a virtual console. */
    public static Path simSerial(Path dir, VirtualConsole console, String workdir) throws IOException {
        return patched(dir, "sim-serial.yaml", map(
                "^    path: .*$", "    path: " + console.link(),
                "^    login: .*$", "    login: {user: " + VirtualConsole.USER + ", password: {file: " + console.passwordFile() + "}}",
                "^workdir: .*$", "workdir: " + workdir));
    }

    public static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Removes the qnxsim node segments agents reached through SSH or a console may leave when killed with their board. */
    public static void removeRemoteSimNodes() {
        String prefix = "qnxsim-hil-" + ProcessHandle.current().pid() + "-";
        try (var s = Files.list(Path.of("/dev/shm"))) {
            s.filter(p -> p.getFileName().toString().startsWith(prefix)
                            && p.getFileName().toString().substring(prefix.length()).matches("(ssh|serial|deploy)\\d+"))
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // no /dev/shm: nothing to remove
        }
    }
}
