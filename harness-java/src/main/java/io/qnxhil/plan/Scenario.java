package io.qnxhil.plan;

import java.util.List;

/** A step program over named actors, with the documentation sentence it checks. */
public record Scenario(String id, String title, DocRef doc, List<String> actors, List<Step> steps,
                       SourceLocation location) {
    public Scenario {
        actors = List.copyOf(actors);
        steps = List.copyOf(steps);
    }
}
