package io.qnxhil.plan;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A YAML file read as a node tree, so that every value keeps the line and column it came from.
 * The accessors validate shape and type and throw {@link ConfigException}s naming file:line:column
 * and the field path ("scenarios[2].steps[3]").
 */
public final class YamlFile {
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern HEX = Pattern.compile("[-+]?0[xX][0-9a-fA-F]+");

    private final Path file;
    private final Node root;

    private YamlFile(Path file, Node root) {
        this.file = file;
        this.root = root;
    }

    /** Reads and parses {@code file}; a missing file or a syntax error is a ConfigException. */
    public static YamlFile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(SourceLocation.of(file), null, "cannot read file: " + e, e);
        }
        return parse(file, new java.io.StringReader(text));
    }

    static YamlFile parse(Path file, Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by fields() with both locations
        options.setMaxAliasesForCollections(10);
        try {
            Node root = new Yaml(options).compose(reader);
            if (root == null) {
                throw new ConfigException(SourceLocation.of(file), null, "the file is empty");
            }
            return new YamlFile(file, root);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            SourceLocation at = mark == null ? SourceLocation.of(file)
                    : new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new ConfigException(at, null, "YAML syntax error: " + problem + context, e);
        } catch (YAMLException e) {
            throw new ConfigException(SourceLocation.of(file), null, "YAML error: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public Node root() {
        return root;
    }

    public SourceLocation at(Node node) {
        Mark m = node.getStartMark();
        return m == null ? SourceLocation.of(file) : new SourceLocation(file, m.getLine() + 1, m.getColumn() + 1);
    }

    public ConfigException error(Node node, String field, String problem) {
        return new ConfigException(at(node), field, problem);
    }

    /**
     * The members of a mapping, in file order. Every key must be in {@code allowed}, every key in
     * {@code required} must be present, and no key may appear twice.
     */
    public Map<String, Node> fields(Node node, String field, Set<String> allowed, Set<String> required) {
        MappingNode mapping = mapping(node, field);
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            String key = keyOf(t.getKeyNode(), field);
            String path = join(field, key);
            if (!allowed.contains(key)) {
                throw error(t.getKeyNode(), path, "unknown key '" + key + "' (known: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
            if (out.containsKey(key)) {
                throw error(t.getKeyNode(), path, "duplicate key '" + key + "' (first at "
                        + at(out.get(key)) + ")");
            }
            out.put(key, t.getValueNode());
        }
        for (String r : required) {
            if (!out.containsKey(r)) {
                throw error(node, field, "missing required key '" + r + "'");
            }
        }
        return out;
    }

    public MappingNode mapping(Node node, String field) {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw error(node, field, "expected a mapping, found " + kind(node));
    }

    public List<Node> sequence(Node node, String field) {
        if (node instanceof SequenceNode s) {
            return s.getValue();
        }
        throw error(node, field, "expected a list, found " + kind(node));
    }

    /** A scalar or a list of scalars, as a list of nodes (a lone scalar is a list of one). */
    public List<Node> scalarOrList(Node node, String field) {
        if (node instanceof ScalarNode) {
            return List.of(node);
        }
        List<Node> items = sequence(node, field);
        for (int i = 0; i < items.size(); i++) {
            scalar(items.get(i), field + "[" + i + "]");
        }
        return items;
    }

    public ScalarNode scalar(Node node, String field) {
        if (node instanceof ScalarNode s) {
            return s;
        }
        throw error(node, field, "expected a single value, found " + kind(node));
    }

    public String string(Node node, String field) {
        ScalarNode s = scalar(node, field);
        if (Tag.NULL.equals(s.getTag()) && s.getValue().isEmpty()) {
            throw error(node, field, "expected a value, found nothing");
        }
        return s.getValue();
    }

    public boolean isNull(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    /** True when the scalar is an unquoted integer: decimal or 0x-hexadecimal. */
    public boolean isInteger(Node node) {
        return node instanceof ScalarNode s && s.isPlain()
                && (DECIMAL.matcher(s.getValue()).matches() || HEX.matcher(s.getValue()).matches());
    }

    public long integer(Node node, String field) {
        String v = string(node, field);
        try {
            if (node instanceof ScalarNode s && s.isPlain() && HEX.matcher(v).matches()) {
                boolean neg = v.startsWith("-");
                String digits = v.replaceFirst("^[-+]?0[xX]", "");
                long n = Long.parseUnsignedLong(digits, 16);
                return neg ? -n : n;
            }
            if (node instanceof ScalarNode s && s.isPlain() && DECIMAL.matcher(v).matches()) {
                return Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
            }
        } catch (NumberFormatException e) {
            throw error(node, field, "integer out of range: " + v);
        }
        throw error(node, field, "expected an integer (decimal or 0x hex), found '" + v + "'");
    }

    public boolean bool(Node node, String field) {
        String v = string(node, field);
        return switch (v) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw error(node, field, "expected true or false, found '" + v + "'");
        };
    }

    public List<String> strings(Node node, String field) {
        List<String> out = new ArrayList<>();
        List<Node> items = scalarOrList(node, field);
        for (int i = 0; i < items.size(); i++) {
            out.add(string(items.get(i), field + "[" + i + "]"));
        }
        return out;
    }

    private String keyOf(Node key, String field) {
        if (key instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(key, field, "a key must be a plain name, found " + kind(key));
    }

    public static String join(String parent, String key) {
        return parent == null || parent.isEmpty() ? key : parent + "." + key;
    }

    private static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) node;
        return Tag.NULL.equals(s.getTag()) ? "nothing" : "'" + s.getValue() + "'";
    }
}
