package io.qnxhil.plan;

import org.yaml.snakeyaml.nodes.Node;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Parses a step's {@code expect: {ret, errno, delivered}}: the author's statement of the outcome. */
final class ExpectParser {
    private static final Set<String> KEYS = Set.of("ret", "errno", "delivered");
    private static final Set<String> DELIVERED_KEYS = Set.of("kind", "signo", "value", "code", "same_process");

    private final YamlFile yaml;

    ExpectParser(YamlFile yaml) {
        this.yaml = yaml;
    }

    StepExpect parse(Node node, String field) {
        Map<String, Node> f = yaml.fields(node, field, KEYS, Set.of());
        String ret = null;
        if (f.containsKey("ret")) {
            Node r = f.get("ret");
            ret = yaml.isInteger(r) ? Long.toString(yaml.integer(r, field + ".ret")) : yaml.string(r, field + ".ret");
            if (!ret.equals("id") && !yaml.isInteger(r)) {
                throw yaml.error(r, field + ".ret", "expected an integer or 'id', found '" + ret + "'");
            }
        }
        String errno = null;
        if (f.containsKey("errno")) {
            errno = yaml.string(f.get("errno"), field + ".errno");
            if (Symbols.lookup(errno, Set.of(Symbols.Group.ERRNO)).isEmpty()) {
                throw yaml.error(f.get("errno"), field + ".errno", "unknown errno '" + errno + "'");
            }
        }
        Node d = f.get("delivered");
        if (d == null) {
            return new StepExpect(ret, errno, null, false);
        }
        if (yaml.isNull(d) || "none".equals(scalarText(d))) {
            return new StepExpect(ret, errno, null, true);
        }
        return new StepExpect(ret, errno, delivered(d, field + ".delivered"), false);
    }

    private String scalarText(Node d) {
        return d instanceof org.yaml.snakeyaml.nodes.ScalarNode s ? s.getValue() : null;
    }

    private Map<String, Object> delivered(Node node, String field) {
        Map<String, Node> f = yaml.fields(node, field, DELIVERED_KEYS, Set.of("kind"));
        Map<String, Object> out = new LinkedHashMap<>();
        String kind = yaml.string(f.get("kind"), field + ".kind");
        if (!Set.of("signal", "pulse", "memory", "thread").contains(kind)) {
            throw yaml.error(f.get("kind"), field + ".kind", "expected 'signal', 'pulse', 'memory' or 'thread', found '"
                    + kind + "'");
        }
        out.put("kind", kind);
        if (f.containsKey("signo")) {
            String s = yaml.string(f.get("signo"), field + ".signo");
            if (Symbols.lookup(s, Set.of(Symbols.Group.SIGNAL)).isEmpty()) {
                throw yaml.error(f.get("signo"), field + ".signo", "unknown signal '" + s + "'");
            }
            out.put("signo", s);
        }
        if (f.containsKey("value")) {
            out.put("value", yaml.integer(f.get("value"), field + ".value"));
        }
        if (f.containsKey("code")) {
            Node c = f.get("code");
            out.put("code", yaml.isInteger(c) ? (Object) yaml.integer(c, field + ".code") : yaml.string(c, field + ".code"));
        }
        if (f.containsKey("same_process")) {
            out.put("same_process", yaml.bool(f.get("same_process"), field + ".same_process"));
        }
        return out;
    }
}
