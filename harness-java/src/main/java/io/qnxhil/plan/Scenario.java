package io.qnxhil.plan;

import java.util.List;
import java.util.Set;

/**
 * A step program over named actors, with the documentation sentence it checks.
 *
 * @param releases the QNX releases whose behaviour the scenario checks (7.1, 8.0); empty means every release.
 *                 On a board of another release the scenario is SKIPPED with that reason.
 */
public record Scenario(String id, String title, DocRef doc, List<String> actors, List<Step> steps,
                       SourceLocation location, Set<String> releases) {
    public Scenario {
        actors = List.copyOf(actors);
        steps = List.copyOf(steps);
        releases = Set.copyOf(releases);
    }

    public Scenario(String id, String title, DocRef doc, List<String> actors, List<Step> steps,
                    SourceLocation location) {
        this(id, title, doc, actors, steps, location, Set.of());
    }
}
