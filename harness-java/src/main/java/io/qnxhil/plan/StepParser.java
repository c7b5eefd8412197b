package io.qnxhil.plan;

import io.qnxhil.plan.OpCatalog.Arg;
import io.qnxhil.plan.OpCatalog.Kind;
import io.qnxhil.plan.OpCatalog.Op;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Parses the steps of one scenario in order, tracking what earlier steps bound: {@code $refs}
 * (any actor), event names (per actor), and the events a {@code receive} can pick up.
 */
final class StepParser {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Set<String> STEP_KEYS = Set.of("async", "expect");
    private static final int MAX_ARGS = 16;

    private final YamlFile yaml;
    private final List<String> actors;
    private final Map<String, SourceLocation> refs = new HashMap<>();
    private final Map<String, Set<String>> events = new HashMap<>();
    private final Set<String> sent = new LinkedHashSet<>();

    StepParser(YamlFile yaml, List<String> actors) {
        this.yaml = yaml;
        this.actors = actors;
        actors.forEach(a -> events.put(a, new LinkedHashSet<>()));
    }

    Step parse(int index, Node node, String field) {
        MappingNode m = yaml.mapping(node, field);
        if (m.getValue().size() != 1) {
            throw yaml.error(node, field, "a step is one entry '<actor> <op>: {args}', found "
                    + m.getValue().size() + " entries");
        }
        NodeTuple entry = m.getValue().get(0);
        String[] head = yaml.string(entry.getKeyNode(), field).trim().split("\\s+");
        if (head.length != 2) {
            throw yaml.error(entry.getKeyNode(), field, "a step key is '<actor> <op>', found '"
                    + String.join(" ", head) + "'");
        }
        String actor = head[0];
        if (!actors.contains(actor)) {
            throw yaml.error(entry.getKeyNode(), field, "unknown actor '" + actor + "' (declared: "
                    + String.join(", ", actors) + ")");
        }
        Op op = OpCatalog.lookup(head[1]).orElseThrow(() -> yaml.error(entry.getKeyNode(), field,
                "unknown op '" + head[1] + "' (known: " + String.join(", ", OpCatalog.names()) + ")"));
        return body(index, actor, op, entry.getValueNode(), field, yaml.at(entry.getKeyNode()));
    }

    private Step body(int index, String actor, Op op, Node value, String field, SourceLocation at) {
        Map<String, Node> given = new LinkedHashMap<>();
        if (!yaml.isNull(value)) {
            Set<String> allowed = new TreeSet<>(op.args().keySet());
            allowed.addAll(STEP_KEYS);
            given.putAll(yaml.fields(value, field, allowed, Set.of()));
        }
        boolean async = given.containsKey("async") && yaml.bool(given.remove("async"), field + ".async");
        Node expectNode = given.remove("expect");
        if (given.size() > MAX_ARGS) {
            throw yaml.error(value, field, "at most " + MAX_ARGS + " arguments a step");
        }
        for (Arg a : op.args().values()) {
            if (a.required() && !given.containsKey(a.name())) {
                throw yaml.error(value, field, "op '" + op.name() + "' needs argument '" + a.name() + "'");
            }
        }
        if (op.name().equals("send_events") && !async) {
            throw yaml.error(value, field, "send_events blocks until the server replies: mark it 'async: true'");
        }
        Map<String, Object> args = new LinkedHashMap<>();
        given.forEach((k, n) -> args.put(k, arg(actor, op.args().get(k), n, field + "." + k)));
        StepExpect expect = expectNode == null ? null : new ExpectParser(yaml).parse(expectNode, field + ".expect");
        bind(actor, op, args, at, field);
        return new Step(index, actor, op.name(), args, async, at, expect);
    }

    private Object arg(String actor, Arg a, Node n, String field) {
        return switch (a.kind()) {
            case INT -> intValue(a, n, field);
            case FLAGS -> {
                List<Object> out = new ArrayList<>();
                List<Node> items = yaml.scalarOrList(n, field);
                for (int i = 0; i < items.size(); i++) {
                    out.add(intValue(a, items.get(i), field + "[" + i + "]"));
                }
                yield out;
            }
            case ACTOR -> yaml.isInteger(n) ? (Object) yaml.integer(n, field) // a raw pid (PROTOCOL.md: actor or integer)
                    : known(yaml.string(n, field), actors, "actor", n, field);
            case EVENT -> known(yaml.string(n, field), events.get(actor), "event of " + actor, n, field);
            case EVENTS -> {
                if (yaml.strings(n, field).isEmpty()) {
                    throw yaml.error(n, field, "name at least one event");
                }
                List<Object> out = new ArrayList<>();
                for (String e : yaml.strings(n, field)) {
                    out.add(known(e, events.get(actor), "event of " + actor, n, field));
                }
                yield out;
            }
            case BIND, EVENT_NAME -> name(n, field);
            case BOOL -> yaml.bool(n, field);
            case SYMBOL -> symbol(a, n, field);
            case WORD -> {
                String v = yaml.string(n, field);
                if (!a.accepts(v)) {
                    throw yaml.error(n, field, "'" + v + "' is not one of " + String.join(", ", new TreeSet<>(a.only())));
                }
                yield v;
            }
        };
    }

    private Object intValue(Arg a, Node n, String field) {
        if (yaml.isInteger(n)) {
            return yaml.integer(n, field);
        }
        String v = yaml.string(n, field);
        if (v.startsWith("$")) {
            if (!refs.containsKey(v.substring(1))) {
                throw yaml.error(n, field, "reference '" + v + "' is not bound by an earlier 'as'"
                        + (refs.isEmpty() ? "" : " (bound: $" + String.join(", $", new TreeSet<>(refs.keySet())) + ")"));
            }
            return v;
        }
        if (a.symbols().isEmpty()) {
            throw yaml.error(n, field, "expected an integer or a $reference, found '" + v + "'");
        }
        return symbol(a, n, field);
    }

    private String symbol(Arg a, Node n, String field) {
        String v = yaml.string(n, field);
        if (Symbols.lookup(v, a.symbols()).isEmpty() || !a.accepts(v)) {
            List<String> known = Symbols.names(a.symbols()).stream().filter(a::accepts).toList();
            throw yaml.error(n, field, (Symbols.lookup(v).isPresent() ? "symbol '" + v + "' is not accepted here"
                    : "unknown symbol '" + v + "'") + " (known: " + String.join(", ", known) + ")");
        }
        return v;
    }

    private String known(String v, Set<String> names, String what, Node n, String field) {
        return known(v, List.copyOf(names), what, n, field);
    }

    private String known(String v, List<String> names, String what, Node n, String field) {
        if (!names.contains(v)) {
            throw yaml.error(n, field, "'" + v + "' is not a defined " + what
                    + (names.isEmpty() ? " (none defined yet)" : " (defined: " + String.join(", ", names) + ")"));
        }
        return v;
    }

    private String name(Node n, String field) {
        String v = yaml.string(n, field);
        if (!NAME.matcher(v).matches()) {
            throw yaml.error(n, field, "'" + v + "' is not a valid name (an identifier, no '$')");
        }
        return v;
    }

    /** What a step makes available to later steps. */
    private void bind(String actor, Op op, Map<String, Object> args, SourceLocation at, String field) {
        Object as = args.get("as");
        if (as != null && op.args().get("as").kind() == Kind.BIND) {
            SourceLocation first = refs.putIfAbsent((String) as, at);
            if (first != null) {
                throw new ConfigException(at, field + ".as", "'" + as + "' is already bound at " + first);
            }
        } else if (as != null) {
            events.get(actor).add((String) as);
        }
        if (op.name().equals("send_events")) {
            ((List<?>) args.get("events")).forEach(e -> sent.add((String) e));
        }
        if (op.name().equals("receive")) {
            events.get(actor).addAll(sent);
        }
    }
}
