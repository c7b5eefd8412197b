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

    /**
     * The simulated board over SSH at a server a test started (not a peer the harness starts): sim-ssh.yaml
     * as it reads without {@code peer:}, with the port, this user, a key, a known_hosts or fingerprint line.
     */
    public static Path simSsh(Path dir, int port, Path key, String hostKeyLine, String workdir) throws IOException {
        return write(dir, "sim-ssh", String.join("\n",
                "name: sim-ssh",
                "os: qnxsim",
                "release: \"8.0\"",
                "arch: x86_64",
                "transport:",
                "  ssh:",
                "    host: 127.0.0.1",
                "    port: " + port,
                "    user: " + System.getProperty("user.name"),
                "    identity: " + key,
                hostKeyLine,
                "    keepalive_ms: 5000",
                "workdir: " + workdir,
                "timeouts: {step_ms: 5000, scenario_ms: 30000, connect_ms: 10000, command_ms: 30000, reconnect_ms: 30000}",
                "env: {}", ""));
    }

    /** The simulated board behind a virtual console a test started: sim-serial.yaml as it reads without {@code peer:}. */
    public static Path simSerial(Path dir, VirtualConsole console, String workdir) throws IOException {
        return write(dir, "sim-serial", String.join("\n",
                "name: sim-serial",
                "os: qnxsim",
                "release: \"8.0\"",
                "arch: x86_64",
                "transport:",
                "  serial:",
                "    path: " + console.link(),
                "    baud: 115200",
                "    framing: 8N1",
                "    login: {user: " + VirtualConsole.USER + ", password: {file: " + console.passwordFile() + "}}",
                "    transfer: auto",
                "workdir: " + workdir,
                "timeouts: {step_ms: 5000, scenario_ms: 30000, connect_ms: 15000, command_ms: 30000, reconnect_ms: 10000}",
                "env: {}", ""));
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        Path out = dir.resolve(name + "-" + Long.toHexString(System.nanoTime()) + ".yaml");
        Files.writeString(out, text);
        return out;
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
