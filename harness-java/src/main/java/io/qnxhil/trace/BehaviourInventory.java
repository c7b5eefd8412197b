package io.qnxhil.trace;

import io.qnxhil.plan.ConfigException;
import io.qnxhil.plan.DocRef;
import io.qnxhil.plan.YamlFile;
import org.yaml.snakeyaml.nodes.Node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The list of documented behaviours (test-plans/documented-behaviours.yaml): the rows of the
 * traceability matrix and the denominator of the coverage figure.
 */
public final class BehaviourInventory {
    public static final String FILE_NAME = "documented-behaviours.yaml";
    public static final String FILE = "test-plans/" + FILE_NAME;
    private static final Set<String> KEYS = Set.of("id", "page", "sentence", "kind", "releases", "also",
            "not_provokable", "gap");
    private static final Set<String> KINDS = Set.of("behaviour", "error");

    private final List<Behaviour> behaviours;

    private BehaviourInventory(List<Behaviour> behaviours) {
        this.behaviours = List.copyOf(behaviours);
    }

    public static BehaviourInventory forProject(Path projectRoot) {
        return load(projectRoot.resolve(FILE));
    }

    public static BehaviourInventory load(Path file) {
        YamlFile yaml = YamlFile.read(file);
        Map<String, Node> top = yaml.fields(yaml.root(), "", Set.of("behaviours"), Set.of("behaviours"));
        List<Node> items = yaml.sequence(top.get("behaviours"), "behaviours");
        List<Behaviour> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String field = "behaviours[" + i + "]";
            Map<String, Node> f = yaml.fields(items.get(i), field, KEYS, Set.of("id", "page", "sentence", "kind"));
            String id = yaml.string(f.get("id"), field + ".id");
            if (!ids.add(id)) {
                throw yaml.error(f.get("id"), field + ".id", "duplicate behaviour id '" + id + "'");
            }
            String kind = yaml.string(f.get("kind"), field + ".kind");
            if (!KINDS.contains(kind)) {
                throw yaml.error(f.get("kind"), field + ".kind", "kind must be one of " + KINDS + ", not '" + kind + "'");
            }
            DocRef ref = new DocRef(yaml.string(f.get("page"), field + ".page"),
                    yaml.string(f.get("sentence"), field + ".sentence"));
            Set<String> releases = f.containsKey("releases") ? Set.copyOf(yaml.strings(f.get("releases"), field
                    + ".releases")) : Set.of();
            List<DocRef> also = new ArrayList<>();
            if (f.containsKey("also")) {
                List<Node> alsoNodes = yaml.sequence(f.get("also"), field + ".also");
                for (int j = 0; j < alsoNodes.size(); j++) {
                    String af = field + ".also[" + j + "]";
                    Map<String, Node> a = yaml.fields(alsoNodes.get(j), af, Set.of("page", "sentence"),
                            Set.of("page", "sentence"));
                    also.add(new DocRef(yaml.string(a.get("page"), af + ".page"),
                            yaml.string(a.get("sentence"), af + ".sentence")));
                }
            }
            String why = f.containsKey("not_provokable") ? yaml.string(f.get("not_provokable"),
                    field + ".not_provokable") : null;
            String gap = f.containsKey("gap") ? yaml.string(f.get("gap"), field + ".gap") : null;
            out.add(new Behaviour(id, ref, kind, releases, also, why, gap));
        }
        if (out.isEmpty()) {
            throw new ConfigException(io.qnxhil.plan.SourceLocation.of(file), "behaviours", "no behaviours listed");
        }
        return new BehaviourInventory(out);
    }

    public List<Behaviour> all() {
        return behaviours;
    }

    /** The behaviour a citation checks, if the inventory lists it. */
    public Optional<Behaviour> find(DocRef citation) {
        return behaviours.stream().filter(b -> b.citedBy(citation)).findFirst();
    }

    public long provokableCount() {
        return behaviours.stream().filter(Behaviour::provokable).count();
    }
}
