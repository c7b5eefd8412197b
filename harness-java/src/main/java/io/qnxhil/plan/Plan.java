package io.qnxhil.plan;

import io.qnxhil.latency.LatencySpec;

import java.nio.file.Path;
import java.util.List;

/**
 * A named, ordered list of scenarios loaded from one YAML file under test-plans/, and the latency
 * measurements of its {@code latency:} section (run on each board after the scenarios).
 */
public record Plan(String name, String title, Path file, List<Scenario> scenarios, List<LatencySpec> latency) {
    public Plan {
        scenarios = List.copyOf(scenarios);
        latency = List.copyOf(latency);
    }

    public Plan(String name, String title, Path file, List<Scenario> scenarios) {
        this(name, title, file, scenarios, List.of());
    }
}
