package io.qnxhil.board;

import io.qnxhil.plan.YamlFile;
import org.yaml.snakeyaml.nodes.Node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The board-access parts of a board config: the ssh and serial transports, secrets by reference,
 * power control. Every problem names file:line:column and the field, like the rest of the loader.
 */
final class AccessLoader {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:_\\[\\]-]{1,253}");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._-]{0,31}");
    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}=?|MD5(:[0-9a-f]{2}){16}");
    private static final Pattern FRAMING = Pattern.compile("[5-8][NEOMS](1|1\\.5|2)");
    private static final Set<Integer> BAUDS = Set.of(1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400,
            460800, 921600, 1000000, 1500000, 3000000);
    private static final List<String> TRANSFERS = List.of("auto", "printf", "base64");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost");
    private static final Pattern MEMORY = Pattern.compile("[1-9][0-9]{0,6}[MG]?");
    private static final List<String> NICS = List.of("virtio-net-pci", "e1000", "e1000e", "rtl8139");

    private final YamlFile yaml;
    private final Function<String, Path> paths;

    /** @param paths expands variables and resolves a path written in the config */
    AccessLoader(YamlFile yaml, Function<String, Path> paths) {
        this.yaml = yaml;
        this.paths = paths;
    }

    /** The fields a started peer provides: a config that names a peer may not set them. */
    private static final Set<String> PEER_SSH = Set.of("host", "port", "user", "identity", "identity_passphrase",
            "password", "known_hosts", "host_key_fingerprint");
    private static final Set<String> PEER_SERIAL = Set.of("path", "usb_serial", "location", "login");

    TransportConfig.Ssh ssh(Node node) {
        return ssh(node, false);
    }

    /**
     * @param peer the board names a simulated peer: its address, login, key and host key are the peer's, so the
     *             config may set only how the link behaves (keepalive_ms); the values returned are placeholders
     */
    TransportConfig.Ssh ssh(Node node, boolean peer) {
        String f = "transport.ssh";
        Map<String, Node> m = yaml.fields(node, f, Set.of("host", "port", "user", "identity", "identity_passphrase",
                "password", "known_hosts", "host_key_fingerprint", "keepalive_ms"), peer ? Set.of() : Set.of("host", "user"));
        if (peer) {
            refusePeerFields(m, f, PEER_SSH, "the simulated peer's sshd listens on 127.0.0.1 on a free port, with keys and"
                    + " a known_hosts the harness generates");
            return new TransportConfig.Ssh("127.0.0.1", 0, System.getProperty("user.name"), List.of(), null, null, null,
                    null, keepalive(m, f));
        }
        String host = matching(m.get("host"), f + ".host", HOST, "a host name or address");
        int port = m.containsKey("port") ? (int) range(m.get("port"), f + ".port", 1, 65535) : 22;
        String user = matching(m.get("user"), f + ".user", USER, "a user name");
        List<Path> identities = new ArrayList<>();
        if (m.containsKey("identity")) {
            for (String s : yaml.strings(m.get("identity"), f + ".identity")) {
                identities.add(paths.apply(s));
            }
        }
        Secret passphrase = m.containsKey("identity_passphrase")
                ? secret(m.get("identity_passphrase"), f + ".identity_passphrase") : null;
        Secret password = m.containsKey("password") ? secret(m.get("password"), f + ".password") : null;
        if (identities.isEmpty() && password == null) {
            throw yaml.error(node, f, "name an identity (private key file) or a password reference");
        }
        Path knownHosts = m.containsKey("known_hosts") ? paths.apply(yaml.string(m.get("known_hosts"), f + ".known_hosts")) : null;
        String fingerprint = null;
        if (m.containsKey("host_key_fingerprint")) {
            fingerprint = matching(m.get("host_key_fingerprint"), f + ".host_key_fingerprint", FINGERPRINT,
                    "a host key fingerprint as ssh-keygen -lf prints it (SHA256:<43 base64 characters>)");
        }
        if (knownHosts == null && fingerprint == null) {
            throw yaml.error(node, f, "name known_hosts or host_key_fingerprint: an unknown host key is never trusted");
        }
        return new TransportConfig.Ssh(host, port, user, identities, passphrase, password, knownHosts, fingerprint,
                keepalive(m, f));
    }

    private Duration keepalive(Map<String, Node> m, String f) {
        return m.containsKey("keepalive_ms")
                ? Duration.ofMillis(range(m.get("keepalive_ms"), f + ".keepalive_ms", 0, 600_000)) : Duration.ofSeconds(10);
    }

    private void refusePeerFields(Map<String, Node> m, String f, Set<String> peerFields, String why) {
        for (Map.Entry<String, Node> e : m.entrySet()) {
            if (peerFields.contains(e.getKey())) {
                throw yaml.error(e.getValue(), f + "." + e.getKey(), "set by the simulated peer (peer:), not by the config: "
                        + why + "; remove this line, or remove peer: to reach a board of your own");
            }
        }
    }

    TransportConfig.Serial serial(Node node) {
        return serial(node, false);
    }

    /** @param peer the board names a simulated peer: the console's path and login are the peer's (placeholders here) */
    TransportConfig.Serial serial(Node node, boolean peer) {
        String f = "transport.serial";
        Map<String, Node> m = yaml.fields(node, f, Set.of("path", "usb_serial", "location", "baud", "framing", "login",
                "login_prompt", "password_prompt", "shell_prompt", "transfer", "chunk_bytes"), Set.of());
        List<String> named = m.keySet().stream().filter(k -> Set.of("path", "usb_serial", "location").contains(k)).toList();
        if (peer) {
            refusePeerFields(m, f, PEER_SERIAL, "the simulated peer's console is a pseudo-terminal it makes, with a login"
                    + " and password it generates");
        } else if (named.size() != 1) {
            throw yaml.error(node, f, "name the port by exactly one of path, usb_serial, location (found "
                    + (named.isEmpty() ? "none" : String.join(", ", named)) + ")");
        }
        String path = peer ? "(the simulated peer's console)"
                : m.containsKey("path") ? paths.apply(yaml.string(m.get("path"), f + ".path")).toString() : null;
        String usb = m.containsKey("usb_serial") ? yaml.string(m.get("usb_serial"), f + ".usb_serial") : null;
        String location = m.containsKey("location") ? yaml.string(m.get("location"), f + ".location") : null;
        int baud = 115200;
        if (m.containsKey("baud")) {
            baud = (int) yaml.integer(m.get("baud"), f + ".baud");
            if (!BAUDS.contains(baud)) {
                throw yaml.error(m.get("baud"), f + ".baud", baud + " is not a standard rate (e.g. 9600, 115200, 921600)");
            }
        }
        String framing = m.containsKey("framing") ? matching(m.get("framing"), f + ".framing", FRAMING,
                "data bits, parity and stop bits like 8N1") : "8N1";
        String user = null;
        Secret password = null;
        if (m.containsKey("login")) {
            Map<String, Node> l = yaml.fields(m.get("login"), f + ".login", Set.of("user", "password"), Set.of("user"));
            user = matching(l.get("user"), f + ".login.user", USER, "a user name");
            password = l.containsKey("password") ? secret(l.get("password"), f + ".login.password") : null;
        }
        String transfer = "auto";
        if (m.containsKey("transfer")) {
            transfer = yaml.string(m.get("transfer"), f + ".transfer");
            if (!TRANSFERS.contains(transfer)) {
                throw yaml.error(m.get("transfer"), f + ".transfer", "'" + transfer + "' is not one of " + String.join(", ", TRANSFERS));
            }
        }
        int chunk = m.containsKey("chunk_bytes") ? (int) range(m.get("chunk_bytes"), f + ".chunk_bytes", 64, 1 << 20) : 16384;
        return new TransportConfig.Serial(path, usb, location, baud, framing, user, password,
                regex(m.get("login_prompt"), f + ".login_prompt", "login:\\s*$"),
                regex(m.get("password_prompt"), f + ".password_prompt", "[Pp]assword:\\s*$"),
                regex(m.get("shell_prompt"), f + ".shell_prompt", "[#$>] ?$"), transfer, chunk);
    }

    /** @param release, arch and transport: an mkqnximage QEMU board's NIC and forwarded ssh port follow them */
    PowerConfig power(Node node, String release, String arch, TransportConfig transport) {
        if (node == null) {
            return new PowerConfig.None();
        }
        Map<String, Node> m = yaml.fields(node, "power", Set.of("command", "qemu", "manual"), Set.of());
        if (m.size() != 1) {
            throw yaml.error(node, "power", "name exactly one power driver: command, qemu or manual");
        }
        if (m.containsKey("command")) {
            String f = "power.command";
            Map<String, Node> c = yaml.fields(m.get("command"), f, Set.of("on", "off", "cycle", "off_time_ms", "timeout_ms"),
                    Set.of("on", "off"));
            return new PowerConfig.Command(argv(c.get("on"), f + ".on"), argv(c.get("off"), f + ".off"),
                    c.containsKey("cycle") ? argv(c.get("cycle"), f + ".cycle") : List.of(),
                    Duration.ofMillis(c.containsKey("off_time_ms") ? range(c.get("off_time_ms"), f + ".off_time_ms", 0, 600_000) : 3000),
                    Duration.ofMillis(c.containsKey("timeout_ms") ? range(c.get("timeout_ms"), f + ".timeout_ms", 1, 600_000) : 30_000));
        }
        if (m.containsKey("qemu")) {
            return qemu(m.get("qemu"), release, arch, transport);
        }
        Map<String, Node> man = yaml.fields(m.get("manual"), "power.manual", Set.of("instructions"), Set.of("instructions"));
        return new PowerConfig.Manual(yaml.string(man.get("instructions"), "power.manual.instructions"));
    }

    /** {@code command: [argv]} as written, or {@code image: DIR} of mkqnximage output and a few fields. */
    private PowerConfig.Qemu qemu(Node node, String release, String arch, TransportConfig transport) {
        String f = "power.qemu";
        Map<String, Node> q = yaml.fields(node, f, Set.of("command", "image", "qemu", "memory", "smp", "kvm", "nic",
                "extra_args", "stop_timeout_ms"), Set.of());
        Duration stop = Duration.ofMillis(q.containsKey("stop_timeout_ms")
                ? range(q.get("stop_timeout_ms"), f + ".stop_timeout_ms", 1, 600_000) : 10_000);
        if (q.containsKey("command") == q.containsKey("image")) {
            throw yaml.error(node, f, "name exactly one of command (the whole QEMU argv) or image"
                    + " (the folder mkqnximage wrote ifs.bin and disk-qemu.vmdk to)");
        }
        if (q.containsKey("command")) {
            for (String k : List.of("qemu", "memory", "smp", "kvm", "nic", "extra_args")) {
                if (q.containsKey(k)) {
                    throw yaml.error(q.get(k), f + "." + k, "goes with image:, not with command: (write it into the command)");
                }
            }
            List<String> argv = new ArrayList<>();
            for (String a : argv(q.get("command"), f + ".command")) {
                argv.add(a.startsWith("./") || a.startsWith("~") ? paths.apply(a).toString() : a);
            }
            return new PowerConfig.Qemu(argv, stop);
        }
        Node image = q.get("image");
        if (!"x86_64".equals(arch)) {
            throw yaml.error(image, f + ".image", "builds the command line of x86_64 mkqnximage images only;"
                    + " for " + arch + " write the whole argv as command:");
        }
        if (!(transport instanceof TransportConfig.Ssh ssh) || !LOOPBACK.contains(ssh.host())) {
            throw yaml.error(image, f + ".image", "the image's sshd is forwarded to a loopback port: use"
                    + " transport.ssh with host 127.0.0.1 (its port is the forwarded one)");
        }
        String program = q.containsKey("qemu") ? yaml.string(q.get("qemu"), f + ".qemu") : "qemu-system-x86_64";
        String memory = q.containsKey("memory") ? matching(q.get("memory"), f + ".memory", MEMORY,
                "a QEMU memory size like 1G or 2048M") : "1G";
        int smp = q.containsKey("smp") ? (int) range(q.get("smp"), f + ".smp", 1, 64) : 2;
        boolean kvm = q.containsKey("kvm") && yaml.bool(q.get("kvm"), f + ".kvm");
        String nic = null;
        if (q.containsKey("nic")) {
            nic = yaml.string(q.get("nic"), f + ".nic");
            if (!NICS.contains(nic)) {
                throw yaml.error(q.get("nic"), f + ".nic", "'" + nic + "' is not one of " + String.join(", ", NICS)
                        + " (leave it out for the release's own: e1000 for 7.1, virtio-net-pci for 8.0)");
            }
        }
        List<String> extra = q.containsKey("extra_args") ? yaml.strings(q.get("extra_args"), f + ".extra_args") : List.of();
        return new PowerConfig.Qemu(List.of(), new PowerConfig.QemuImage(program,
                paths.apply(yaml.string(image, f + ".image")), release, memory, smp, kvm, nic,
                ((TransportConfig.Ssh) transport).port(), extra), stop);
    }

    /**
     * {@code {env: NAME}} or {@code {file: PATH}}. A literal value is refused: secrets never live in
     * a board config, where they would end up in version control and reports.
     */
    Secret secret(Node node, String field) {
        if (!(node instanceof org.yaml.snakeyaml.nodes.MappingNode)) {
            throw yaml.error(node, field, "secrets are never written in a board config: use {env: VARIABLE} or {file: PATH}");
        }
        Map<String, Node> m = yaml.fields(node, field, Set.of("env", "file"), Set.of());
        if (m.size() != 1) {
            throw yaml.error(node, field, "name exactly one of env, file");
        }
        if (m.containsKey("env")) {
            return new Secret.FromEnv(matching(m.get("env"), field + ".env", ENV_NAME, "an environment variable name"));
        }
        return new Secret.FromFile(paths.apply(yaml.string(m.get("file"), field + ".file")));
    }

    private List<String> argv(Node node, String field) {
        List<String> argv = yaml.strings(node, field);
        if (argv.isEmpty() || argv.get(0).isBlank()) {
            throw yaml.error(node, field, "expected a command as a list: [program, arg, ...]");
        }
        return argv;
    }

    long range(Node node, String field, long lo, long hi) {
        long v = yaml.integer(node, field);
        if (v < lo || v > hi) {
            throw yaml.error(node, field, "must be " + lo + ".." + hi + ", found " + v);
        }
        return v;
    }

    private String matching(Node node, String field, Pattern pattern, String what) {
        String v = yaml.string(node, field);
        if (!pattern.matcher(v).matches()) {
            throw yaml.error(node, field, "'" + v + "' is not " + what);
        }
        return v;
    }

    private String regex(Node node, String field, String fallback) {
        if (node == null) {
            return fallback;
        }
        String v = yaml.string(node, field);
        try {
            Pattern.compile(v);
        } catch (PatternSyntaxException e) {
            throw yaml.error(node, field, "not a regular expression: " + e.getDescription());
        }
        return v;
    }
}
