package io.qnxhil.board;

import io.qnxhil.plan.YamlFile;
import org.yaml.snakeyaml.nodes.Node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads a board config (format: board-configs/sim.yaml). Unknown keys are errors, so a typo never
 * passes silently; every problem names file:line:column and the field.
 */
public final class BoardConfigLoader {
    private static final Set<String> KEYS = Set.of("name", "os", "release", "arch", "procnto", "transport",
            "timeouts", "env", "workdir", "agent_build", "power", "health", "peer");
    private static final Set<String> REQUIRED = Set.of("name", "os", "release", "arch", "transport");
    private static final List<String> OSES = List.of("qnxsim", "qnx");
    private static final List<String> RELEASES = List.of("7.1", "8.0");
    private static final List<String> ARCHES = List.of("x86_64", "aarch64le");
    private static final List<String> TRANSPORTS = List.of("local", "ssh", "serial");
    private static final Pattern WORKDIR = Pattern.compile("(?:/|~/)[A-Za-z0-9_./-]{1,200}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Duration DEFAULT_STEP = Duration.ofSeconds(5);
    private static final Duration DEFAULT_SCENARIO = Duration.ofSeconds(30);

    private final YamlFile yaml;
    private final Path projectRoot;

    private BoardConfigLoader(YamlFile yaml, Path projectRoot) {
        this.yaml = yaml;
        this.projectRoot = projectRoot;
    }

    /** @param projectRoot the folder relative paths in the config (the agent binary) are resolved against */
    public static BoardConfig load(Path file, Path projectRoot) {
        return new BoardConfigLoader(YamlFile.read(file), projectRoot).config();
    }

    private BoardConfig config() {
        Map<String, Node> f = yaml.fields(yaml.root(), "", KEYS, REQUIRED);
        String name = yaml.string(f.get("name"), "name");
        if (!NAME.matcher(name).matches()) {
            throw yaml.error(f.get("name"), "name", "board name '" + name + "' must be 1..64 of [A-Za-z0-9_.-]");
        }
        String os = oneOf(f.get("os"), "os", OSES);
        String release = oneOf(f.get("release"), "release", RELEASES);
        String arch = oneOf(f.get("arch"), "arch", ARCHES);
        boolean unregistered = procnto(f.get("procnto"));
        String profile = "7.1".equals(release) ? "nto710" : "nto800";
        Map<String, String> vars = Map.of("profile", profile, "arch", arch, "release", release);
        Node peerNode = f.get("peer");
        if (peerNode != null && !"qnxsim".equals(os)) {
            throw yaml.error(peerNode, "peer", "a simulated peer stands in only for the simulated board: use it with"
                    + " os: qnxsim (this board says os: " + os + "), or remove peer:");
        }
        TransportConfig transport = transport(f.get("transport"), vars, peerNode != null);
        PeerConfig peer = peerNode == null ? null : peer(peerNode, transport);
        if (peer != null && f.containsKey("power")) {
            throw yaml.error(f.get("power"), "power", "the harness starts and stops a simulated peer itself: remove power:"
                    + " (or peer:)");
        }
        Duration[] timeouts = timeouts(f.get("timeouts"));
        Map<String, String> env = env(f.get("env"));
        BoardAccess access = access(f, transport, os, vars, timeouts);
        return new BoardConfig(name, os, release, arch, unregistered, transport, env, timeouts[0], timeouts[1],
                yaml.file(), access, peer);
    }

    /** {@code peer: {userland: qsti-8.0 | qnx-7.1 | host, console: {strict, noise_lines, baud}}}, ssh or serial only. */
    private PeerConfig peer(Node node, TransportConfig transport) {
        Map<String, Node> p = yaml.fields(node, "peer", Set.of("userland", "console"), Set.of("userland"));
        String userland = oneOf(p.get("userland"), "peer.userland", PeerConfig.USERLANDS);
        if (transport instanceof TransportConfig.Local) {
            throw yaml.error(node, "peer", "a local board runs the agent as a process of the harness: a peer needs"
                    + " transport ssh or serial");
        }
        PeerConfig.Console console = PeerConfig.Console.defaults();
        if (p.containsKey("console")) {
            Node c = p.get("console");
            if (!(transport instanceof TransportConfig.Serial)) {
                throw yaml.error(c, "peer.console", "describes a serial console: this board's transport is not serial");
            }
            Map<String, Node> m = yaml.fields(c, "peer.console", Set.of("strict", "noise_lines", "baud"), Set.of());
            boolean strict = !m.containsKey("strict") || yaml.bool(m.get("strict"), "peer.console.strict");
            double noise = 0;
            if (m.containsKey("noise_lines")) {
                String v = yaml.string(m.get("noise_lines"), "peer.console.noise_lines");
                try {
                    noise = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    noise = -1;
                }
                if (!(noise >= 0 && noise <= 1)) {
                    throw yaml.error(m.get("noise_lines"), "peer.console.noise_lines", "'" + v + "' is not a chance"
                            + " from 0 to 1 (0.1: a kernel message in one output line of ten)");
                }
            }
            int baud = 0;
            if (m.containsKey("baud")) {
                long b = yaml.integer(m.get("baud"), "peer.console.baud");
                if (b < 0 || b > 4_000_000) {
                    throw yaml.error(m.get("baud"), "peer.console.baud", "must be 0 (no pacing) .. 4000000, found " + b);
                }
                baud = (int) b;
            }
            console = new PeerConfig.Console(strict, noise, baud);
        }
        return new PeerConfig(userland, console, projectRoot.resolve("target-agent/build/peer/libqnxsim-shmem-tmp.so"));
    }

    private BoardAccess access(Map<String, Node> f, TransportConfig transport, String os, Map<String, String> vars,
                               Duration[] timeouts) {
        AccessLoader access = new AccessLoader(yaml, s -> path(s, vars, null, "path"));
        String workdir = BoardAccess.DEFAULT_WORKDIR;
        if (f.containsKey("workdir")) {
            workdir = yaml.string(f.get("workdir"), "workdir");
            if (!WORKDIR.matcher(workdir).matches() || workdir.contains("..")) {
                throw yaml.error(f.get("workdir"), "workdir", "'" + workdir
                        + "' must be an absolute path on the board, or ~/path under the login's home, of [A-Za-z0-9_./-]"
                        + " without '..'");
            }
        }
        Path build = null;
        if (f.containsKey("agent_build")) {
            build = path(yaml.string(f.get("agent_build"), "agent_build"), vars, f.get("agent_build"), "agent_build");
        } else if (!(transport instanceof TransportConfig.Local)) {
            // the simulated board runs the qnxsim build; a QNX board the qcc build for its arch and release
            // (make -C target-agent qnx-<arch> with the SDP of the release; 7.1 builds kept apart in build-sdp710)
            build = path("qnxsim".equals(os) ? "target-agent/build/${profile}/qnx-hil-agent"
                    : "8.0".equals(vars.get("release")) ? "target-agent/build/qnx-${arch}/qnx-hil-agent"
                    : "target-agent/build-sdp710/qnx-${arch}/qnx-hil-agent", vars, null, "agent_build");
        }
        PowerConfig power = access.power(f.get("power"), vars.get("release"), vars.get("arch"), transport);
        int retries = 0;
        Duration bootWait = Duration.ofSeconds(60);
        if (f.containsKey("health")) {
            Map<String, Node> h = yaml.fields(f.get("health"), "health", Set.of("retries", "boot_wait_ms"), Set.of());
            if (h.containsKey("retries")) {
                retries = (int) access.range(h.get("retries"), "health.retries", 0, 10);
            }
            if (h.containsKey("boot_wait_ms")) {
                bootWait = Duration.ofMillis(access.range(h.get("boot_wait_ms"), "health.boot_wait_ms", 0, 3_600_000));
            }
            if (retries > 0 && power instanceof PowerConfig.None) {
                throw yaml.error(f.get("health"), "health.retries", "power cycles need a power driver: add power:");
            }
        }
        return new BoardAccess(workdir, build, power, retries, bootWait, timeouts[2], timeouts[3], timeouts[4]);
    }

    /** Expands ${profile}, ${arch}, ${release}, ${HOME} and a leading ~; relative paths are under the project root. */
    private Path path(String value, Map<String, String> vars, Node node, String field) {
        String expanded = value.startsWith("~/") ? "${HOME}" + value.substring(1) : value;
        for (Map.Entry<String, String> v : vars.entrySet()) {
            expanded = expanded.replace("${" + v.getKey() + "}", v.getValue());
        }
        expanded = expanded.replace("${HOME}", System.getProperty("user.home"));
        if (expanded.contains("${")) {
            throw new io.qnxhil.plan.ConfigException(node == null ? io.qnxhil.plan.SourceLocation.of(yaml.file())
                    : yaml.at(node), field, "unknown variable in '" + value + "' (known: ${profile}, ${arch}, ${release}, ${HOME})");
        }
        Path p = Path.of(expanded);
        return p.isAbsolute() ? p.normalize() : projectRoot.resolve(p).normalize();
    }

    private String oneOf(Node node, String field, List<String> allowed) {
        String v = yaml.string(node, field);
        if (!allowed.contains(v)) {
            throw yaml.error(node, field, "'" + v + "' is not one of " + String.join(", ", allowed));
        }
        return v;
    }

    private boolean procnto(Node node) {
        if (node == null) {
            return false;
        }
        Map<String, Node> f = yaml.fields(node, "procnto", Set.of("unregistered_events"), Set.of());
        return f.containsKey("unregistered_events")
                && yaml.bool(f.get("unregistered_events"), "procnto.unregistered_events");
    }

    private TransportConfig transport(Node node, Map<String, String> vars, boolean peer) {
        Map<String, Node> f = yaml.fields(node, "transport", Set.copyOf(TRANSPORTS), Set.of());
        if (f.size() != 1) {
            throw yaml.error(node, "transport", "name exactly one transport (known: "
                    + String.join(", ", TRANSPORTS) + ")");
        }
        AccessLoader access = new AccessLoader(yaml, s -> path(s, vars, null, "path"));
        if (f.containsKey("ssh")) {
            return access.ssh(f.get("ssh"), peer);
        }
        if (f.containsKey("serial")) {
            return access.serial(f.get("serial"), peer);
        }
        String profile = vars.get("profile");
        Map<String, Node> local = yaml.fields(f.get("local"), "transport.local", Set.of("agent"), Set.of("agent"));
        Node agentNode = local.get("agent");
        String agent = yaml.string(agentNode, "transport.local.agent");
        String expanded = agent.replace("${profile}", profile);
        if (expanded.contains("${")) {
            throw yaml.error(agentNode, "transport.local.agent",
                    "unknown variable in '" + agent + "' (known: ${profile})");
        }
        Path path = Path.of(expanded);
        return new TransportConfig.Local(path.isAbsolute() ? path : projectRoot.resolve(path).normalize());
    }

    private Duration[] timeouts(Node node) {
        Duration step = DEFAULT_STEP;
        Duration scenario = DEFAULT_SCENARIO;
        BoardAccess d = BoardAccess.local();
        Duration connect = d.connectTimeout();
        Duration command = d.commandTimeout();
        Duration reconnect = d.reconnectTimeout();
        if (node != null) {
            Map<String, Node> f = yaml.fields(node, "timeouts", Set.of("step_ms", "scenario_ms", "connect_ms",
                    "command_ms", "reconnect_ms"), Set.of());
            if (f.containsKey("connect_ms")) {
                connect = millis(f.get("connect_ms"), "timeouts.connect_ms");
            }
            if (f.containsKey("command_ms")) {
                command = millis(f.get("command_ms"), "timeouts.command_ms");
            }
            if (f.containsKey("reconnect_ms")) {
                reconnect = millis(f.get("reconnect_ms"), "timeouts.reconnect_ms");
            }
            if (f.containsKey("step_ms")) {
                step = millis(f.get("step_ms"), "timeouts.step_ms");
            }
            if (f.containsKey("scenario_ms")) {
                scenario = millis(f.get("scenario_ms"), "timeouts.scenario_ms");
            }
        }
        if (scenario.compareTo(step) < 0) {
            throw yaml.error(node, "timeouts", "scenario_ms (" + scenario.toMillis()
                    + ") must be at least step_ms (" + step.toMillis() + ")");
        }
        return new Duration[] {step, scenario, connect, command, reconnect};
    }

    private Duration millis(Node node, String field) {
        long ms = yaml.integer(node, field);
        if (ms < 1 || ms > 3_600_000) {
            throw yaml.error(node, field, "must be 1..3600000 milliseconds, found " + ms);
        }
        return Duration.ofMillis(ms);
    }

    private Map<String, String> env(Node node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || yaml.isNull(node)) {
            return out;
        }
        yaml.mapping(node, "env").getValue().forEach(t -> {
            String key = yaml.string(t.getKeyNode(), "env");
            if (!ENV_NAME.matcher(key).matches()) {
                throw yaml.error(t.getKeyNode(), "env." + key, "not a valid environment variable name");
            }
            if (out.put(key, yaml.string(t.getValueNode(), "env." + key)) != null) {
                throw yaml.error(t.getKeyNode(), "env." + key, "duplicate key '" + key + "'");
            }
        });
        return out;
    }

}
