package io.qnxhil.latency;

import io.qnxhil.plan.YamlFile;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code latency:} section of a plan:
 *
 * <pre>
 * latency:
 *   defaults: {iterations: 2000, interval_us: 500, bucket_ns: 1000, ...}   # any measurement key
 *   matrix:                       # every combination becomes a measurement, id from its values
 *     kind: [pulse, signal, memory, thread]
 *     registered: [true, false]
 *     load: [none, cpu]
 *     priority: [0, 20]           # 0: the default scheduling; N: policy (default fifo) at N
 *   measurements:                 # single measurements, each with an id
 *     - {id: sendrecv.reference, kind: sendrecv}
 * </pre>
 *
 * Every problem is a {@link io.qnxhil.plan.ConfigException} naming file:line:column and the field.
 */
public final class LatencySection {
    public static final Set<String> KEYS = Set.of("defaults", "matrix", "measurements");
    static final Set<String> MEASUREMENT_KEYS = Set.of("id", "kind", "registered", "load", "policy", "priority",
            "cpu_server", "cpu_client", "iterations", "warmup", "interval_us", "bucket_ns", "buckets", "worst",
            "window", "raw", "load_policy", "load_priority", "load_cpu", "load_mib", "timeout_ms");
    private static final Set<String> MATRIX_KEYS = Set.of("kind", "registered", "load", "priority");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    private final YamlFile yaml;
    private final Map<String, Node> defaults;
    private final Map<String, String> ids = new HashMap<>();

    private LatencySection(YamlFile yaml, Map<String, Node> defaults) {
        this.yaml = yaml;
        this.defaults = defaults;
    }

    /** The measurements of a plan's {@code latency:} node, in file order (matrix first). */
    public static List<LatencySpec> parse(YamlFile yaml, Node node, String field) {
        Map<String, Node> f = yaml.fields(node, field, KEYS, Set.of());
        if (f.isEmpty()) {
            throw yaml.error(node, field, "a latency section needs 'matrix' or 'measurements'");
        }
        Map<String, Node> defaults = f.containsKey("defaults")
                ? yaml.fields(f.get("defaults"), field + ".defaults", without(MEASUREMENT_KEYS, "id"), Set.of())
                : Map.of();
        LatencySection s = new LatencySection(yaml, defaults);
        List<LatencySpec> out = new ArrayList<>();
        if (f.containsKey("matrix")) {
            out.addAll(s.matrix(f.get("matrix"), field + ".matrix"));
        }
        if (f.containsKey("measurements")) {
            List<Node> items = yaml.sequence(f.get("measurements"), field + ".measurements");
            for (int i = 0; i < items.size(); i++) {
                String at = field + ".measurements[" + i + "]";
                Map<String, Node> m = yaml.fields(items.get(i), at, MEASUREMENT_KEYS, Set.of("id"));
                out.add(s.build(items.get(i), at, m, Map.of()));
            }
        }
        if (out.isEmpty()) {
            throw yaml.error(node, field, "the latency section yields no measurement");
        }
        return out;
    }

    private List<LatencySpec> matrix(Node node, String field) {
        Map<String, Node> f = yaml.fields(node, field, MATRIX_KEYS, Set.of("kind"));
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (String key : List.of("kind", "registered", "load", "priority")) {
            if (!f.containsKey(key)) {
                continue;
            }
            List<String> values = yaml.strings(f.get(key), field + "." + key);
            if (values.isEmpty()) {
                throw yaml.error(f.get(key), field + "." + key, "an empty list gives no measurement");
            }
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (String v : values) {
                    Map<String, String> n = new LinkedHashMap<>(c);
                    n.put(key, v);
                    next.add(n);
                }
            }
            combos = next;
        }
        List<LatencySpec> out = new ArrayList<>();
        for (Map<String, String> c : combos) {
            out.add(build(node, field, Map.of(), c));
        }
        return out;
    }

    /** A measurement from explicit keys, matrix values and the defaults, in that order of precedence. */
    private LatencySpec build(Node node, String field, Map<String, Node> own, Map<String, String> matrixValues) {
        Values v = new Values(own, matrixValues, node, field);
        LatencySpec.Kind kind = v.enumValue("kind", LatencySpec.Kind.class, LatencySpec.Kind.PULSE);
        boolean registered = v.bool("registered", true);
        LatencySpec.Load load = v.enumValue("load", LatencySpec.Load.class, LatencySpec.Load.NONE);
        int priority = (int) v.number("priority", 0, 0, 255);
        LatencySpec.Policy policy = v.enumValue("policy", LatencySpec.Policy.class,
                priority == 0 ? LatencySpec.Policy.INHERIT : LatencySpec.Policy.FIFO);
        if ((policy == LatencySpec.Policy.INHERIT) != (priority == 0)) {
            throw v.error("priority", "policy " + LatencySpec.lower(policy) + " needs "
                    + (priority == 0 ? "a priority 1..255" : "priority 0 (inherit takes none)"));
        }
        int loadPriority = (int) v.number("load_priority", 0, 0, 255);
        LatencySpec.Policy loadPolicy = v.enumValue("load_policy", LatencySpec.Policy.class,
                loadPriority == 0 ? LatencySpec.Policy.INHERIT : LatencySpec.Policy.FIFO);
        if ((loadPolicy == LatencySpec.Policy.INHERIT) != (loadPriority == 0)) {
            throw v.error("load_priority", "load_policy " + LatencySpec.lower(loadPolicy) + " needs "
                    + (loadPriority == 0 ? "a load_priority 1..255" : "load_priority 0"));
        }
        if (kind == LatencySpec.Kind.SENDRECV && !registered) {
            throw v.error("registered", "kind sendrecv delivers no event: registered: false does not apply");
        }
        long iterations = v.number("iterations", 10_000, 1, 100_000_000);
        long window = v.number("window", Math.max(1, Math.min(1000, iterations / 10)), 1, 100_000_000);
        if ((iterations + window - 1) / window > 65_536) {
            throw v.error("window", "iterations/window gives more than 65536 windows: use a larger window");
        }
        int raw = (int) v.number("raw", 0, 0, 262_144);
        if (raw > iterations) {
            throw v.error("raw", "raw (" + raw + ") is more than iterations (" + iterations + ")");
        }
        String id = own.containsKey("id") ? yaml.string(own.get("id"), field + ".id") : generatedId(kind, registered, load, policy, priority);
        if (!ID.matcher(id).matches()) {
            throw v.error("id", "id '" + id + "' must be 1..128 characters of [A-Za-z0-9_.:-]");
        }
        String first = ids.putIfAbsent(id, yaml.at(node).toString());
        if (first != null) {
            throw v.error("id", "duplicate latency measurement id '" + id + "' (first at " + first + ")");
        }
        return new LatencySpec(id, kind, registered, load, policy, priority,
                (int) v.number("cpu_server", -1, -1, 31), (int) v.number("cpu_client", -1, -1, 31),
                iterations, v.number("warmup", 100, 0, 10_000_000), v.number("interval_us", 1000, 0, 10_000_000),
                v.number("bucket_ns", 1000, 1, 100_000_000), (int) v.number("buckets", 1000, 1, 100_000),
                (int) v.number("worst", 10, 0, 64), window, raw, loadPolicy, loadPriority,
                (int) v.number("load_cpu", -1, -1, 31), (int) v.number("load_mib", 16, 1, 256),
                (int) v.number("timeout_ms", 2000, 10, 60_000), yaml.at(node));
    }

    private static String generatedId(LatencySpec.Kind kind, boolean registered, LatencySpec.Load load,
                                      LatencySpec.Policy policy, int priority) {
        return LatencySpec.lower(kind)
                + (kind == LatencySpec.Kind.SENDRECV ? "" : registered ? ".registered" : ".unregistered")
                + "." + (load == LatencySpec.Load.NONE ? "idle" : LatencySpec.lower(load) + "-load")
                + "." + (policy == LatencySpec.Policy.INHERIT ? "default-prio" : LatencySpec.lower(policy) + priority);
    }

    private static Set<String> without(Set<String> keys, String key) {
        Set<String> s = new java.util.HashSet<>(keys);
        s.remove(key);
        return s;
    }

    /** Looks a key up in the measurement, then the matrix combination, then the defaults. */
    private final class Values {
        private final Map<String, Node> own;
        private final Map<String, String> matrix;
        private final Node node;
        private final String field;

        Values(Map<String, Node> own, Map<String, String> matrix, Node node, String field) {
            this.own = own;
            this.matrix = matrix;
            this.node = node;
            this.field = field;
        }

        private Node source(String key) {
            return own.containsKey(key) ? own.get(key) : defaults.get(key);
        }

        private String where(String key) {
            return !own.containsKey(key) && !matrix.containsKey(key) && defaults.containsKey(key)
                    ? "latency.defaults." + key : field + "." + key;
        }

        io.qnxhil.plan.ConfigException error(String key, String problem) {
            Node n = source(key);
            return yaml.error(n != null && !matrix.containsKey(key) ? n : node, where(key), problem);
        }

        String text(String key) {
            if (own.containsKey(key)) {
                return yaml.string(own.get(key), where(key));
            }
            if (matrix.containsKey(key)) {
                return matrix.get(key);
            }
            return defaults.containsKey(key) ? yaml.string(defaults.get(key), where(key)) : null;
        }

        long number(String key, long fallback, long lo, long hi) {
            String t = text(key);
            long x;
            if (t == null) {
                return fallback;
            }
            try {
                x = Long.parseLong(t.strip());
            } catch (NumberFormatException e) {
                throw error(key, key + ": expected an integer, found '" + t + "'");
            }
            if (x < lo || x > hi) {
                throw error(key, key + ": " + x + " is outside " + lo + ".." + hi);
            }
            return x;
        }

        boolean bool(String key, boolean fallback) {
            String t = text(key);
            if (t == null) {
                return fallback;
            }
            return switch (t) {
                case "true", "1", "yes" -> true;
                case "false", "0", "no" -> false;
                default -> throw error(key, key + ": expected true or false, found '" + t + "'");
            };
        }

        <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
            String t = text(key);
            if (t == null) {
                return fallback;
            }
            try {
                return Enum.valueOf(type, t.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                List<String> names = new ArrayList<>();
                for (E c : type.getEnumConstants()) {
                    names.add(LatencySpec.lower(c));
                }
                throw error(key, key + ": unknown value '" + t + "' (known: " + String.join(", ", names) + ")");
            }
        }
    }
}
