package io.qnxhil.plan;

import io.qnxhil.latency.LatencySection;
import io.qnxhil.latency.LatencySpec;
import org.yaml.snakeyaml.nodes.Node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads a plan from YAML (format: test-plans/smoke.yaml). Every problem is a {@link ConfigException}
 * naming file:line:column and the field path. {@code include: [other.yaml, ...]} pulls in the
 * scenarios of other plan files (paths relative to the including file), before the file's own.
 */
public final class PlanLoader {
    private static final Set<String> KEYS = Set.of("plan", "title", "include", "scenarios", "latency");

    private final Map<String, SourceLocation> ids = new HashMap<>();
    private final Set<Path> loading = new LinkedHashSet<>();

    private PlanLoader() {
    }

    public static Plan load(Path file) {
        return new PlanLoader().loadFile(file.toAbsolutePath().normalize(), file);
    }

    private Plan loadFile(Path absolute, Path shown) {
        if (!loading.add(absolute)) {
            throw new ConfigException(SourceLocation.of(shown), "include",
                    "include cycle: " + loading + " -> " + absolute);
        }
        YamlFile yaml = YamlFile.read(shown);
        Map<String, Node> f = yaml.fields(yaml.root(), "", KEYS, Set.of("plan"));
        String name = yaml.string(f.get("plan"), "plan");
        String title = f.containsKey("title") ? yaml.string(f.get("title"), "title") : name;
        if (!f.containsKey("include") && !f.containsKey("scenarios") && !f.containsKey("latency")) {
            throw yaml.error(yaml.root(), "", "a plan needs 'scenarios', 'include' or 'latency'");
        }
        List<Scenario> scenarios = new ArrayList<>();
        List<LatencySpec> latency = new ArrayList<>();
        if (f.containsKey("include")) {
            for (Plan p : includes(yaml, f.get("include"), shown)) {
                scenarios.addAll(p.scenarios());
                latency.addAll(p.latency());
            }
        }
        if (f.containsKey("scenarios")) {
            List<Node> nodes = yaml.sequence(f.get("scenarios"), "scenarios");
            ScenarioParser parser = new ScenarioParser(yaml);
            for (int i = 0; i < nodes.size(); i++) {
                String field = "scenarios[" + i + "]";
                Scenario s = parser.parse(nodes.get(i), field);
                unique(yaml, nodes.get(i), field, s);
                scenarios.add(s);
            }
        }
        if (f.containsKey("latency")) {
            latency.addAll(LatencySection.parse(yaml, f.get("latency"), "latency"));
        }
        loading.remove(absolute);
        return new Plan(name, title, shown, scenarios, latency);
    }

    private List<Plan> includes(YamlFile yaml, Node node, Path shown) {
        List<Plan> out = new ArrayList<>();
        List<Node> items = yaml.scalarOrList(node, "include");
        Path dir = shown.getParent() == null ? Path.of("") : shown.getParent();
        for (int i = 0; i < items.size(); i++) {
            String field = "include[" + i + "]";
            Path target = dir.resolve(yaml.string(items.get(i), field));
            if (!java.nio.file.Files.isRegularFile(target)) {
                throw yaml.error(items.get(i), field, "included plan not found: " + target);
            }
            out.add(loadFile(target.toAbsolutePath().normalize(), target));
        }
        return out;
    }

    private void unique(YamlFile yaml, Node node, String field, Scenario s) {
        SourceLocation first = ids.putIfAbsent(s.id(), s.location());
        if (first != null) {
            Node id = yaml.fields(node, field, ScenarioParser.KEYS, java.util.Set.of()).get("id");
            throw yaml.error(id, field + ".id", "duplicate scenario id '" + s.id() + "' (first at " + first + ")");
        }
    }
}
