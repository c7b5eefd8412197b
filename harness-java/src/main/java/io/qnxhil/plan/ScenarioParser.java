package io.qnxhil.plan;

import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses one scenario of a plan: id, title, doc citation, actors and the step program. */
final class ScenarioParser {
    /** Bounds of the agent protocol (PROTOCOL.md), checked here so a plan fails at load time. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    static final Pattern ACTOR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,30}");
    static final int MAX_ACTORS = 8;
    static final int MAX_STEPS = 256;

    static final Set<String> KEYS = Set.of("id", "title", "doc", "actors", "steps", "releases");
    private static final Set<String> REQUIRED = Set.of("id", "title", "doc", "actors", "steps");
    private static final Set<String> RELEASES = Set.of("7.1", "8.0");
    private static final Set<String> DOC_KEYS = Set.of("page", "sentence");

    private final YamlFile yaml;

    ScenarioParser(YamlFile yaml) {
        this.yaml = yaml;
    }

    Scenario parse(Node node, String field) {
        Map<String, Node> f = yaml.fields(node, field, KEYS, REQUIRED);
        String id = yaml.string(f.get("id"), field + ".id");
        if (!ID.matcher(id).matches()) {
            throw yaml.error(f.get("id"), field + ".id",
                    "scenario id '" + id + "' must be 1..128 characters of [A-Za-z0-9_.:-]");
        }
        String title = yaml.string(f.get("title"), field + ".title");
        DocRef doc = doc(f.get("doc"), field + ".doc");
        List<String> actors = actors(f.get("actors"), field + ".actors");
        List<Node> stepNodes = yaml.sequence(f.get("steps"), field + ".steps");
        if (stepNodes.isEmpty() || stepNodes.size() > MAX_STEPS) {
            throw yaml.error(f.get("steps"), field + ".steps", "a scenario has 1.." + MAX_STEPS + " steps, found "
                    + stepNodes.size());
        }
        StepParser steps = new StepParser(yaml, actors);
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < stepNodes.size(); i++) {
            out.add(steps.parse(i, stepNodes.get(i), field + ".steps[" + i + "]"));
        }
        Set<String> releases = f.containsKey("releases") ? Set.copyOf(yaml.strings(f.get("releases"), field + ".releases"))
                : Set.of();
        for (String r : releases) {
            if (!RELEASES.contains(r)) {
                throw yaml.error(f.get("releases"), field + ".releases", "unknown QNX release '" + r + "' (known: "
                        + new java.util.TreeSet<>(RELEASES) + ")");
            }
        }
        return new Scenario(id, title, doc, actors, out, yaml.at(node), releases);
    }

    private DocRef doc(Node node, String field) {
        Map<String, Node> f = yaml.fields(node, field, DOC_KEYS, DOC_KEYS);
        String page = yaml.string(f.get("page"), field + ".page");
        String sentence = yaml.string(f.get("sentence"), field + ".sentence").strip();
        if (sentence.isEmpty()) {
            throw yaml.error(f.get("sentence"), field + ".sentence", "the cited sentence is empty");
        }
        return new DocRef(page, sentence);
    }

    private List<String> actors(Node node, String field) {
        List<Node> items = yaml.sequence(node, field);
        if (items.isEmpty() || items.size() > MAX_ACTORS) {
            throw yaml.error(node, field, "a scenario has 1.." + MAX_ACTORS + " actors, found " + items.size());
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String name = yaml.string(items.get(i), field + "[" + i + "]");
            if (!ACTOR.matcher(name).matches()) {
                throw yaml.error(items.get(i), field + "[" + i + "]",
                        "actor name '" + name + "' must be an identifier of at most 31 characters");
            }
            if (out.contains(name)) {
                throw yaml.error(items.get(i), field + "[" + i + "]", "actor '" + name + "' is declared twice");
            }
            out.add(name);
        }
        return out;
    }
}
