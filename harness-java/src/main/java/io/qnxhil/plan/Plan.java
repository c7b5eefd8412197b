package io.qnxhil.plan;

import java.nio.file.Path;
import java.util.List;

/** A named, ordered list of scenarios loaded from one YAML file under test-plans/. */
public record Plan(String name, String title, Path file, List<Scenario> scenarios) {
    public Plan {
        scenarios = List.copyOf(scenarios);
    }
}
