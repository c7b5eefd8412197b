package io.qnxhil.trace;

import io.qnxhil.plan.DocRef;

import java.util.List;
import java.util.Set;

/**
 * One documented behaviour of the specification pages: a behavioural sentence or an entry of an
 * Errors section (test-plans/documented-behaviours.yaml).
 *
 * @param also          the same sentence on other pages; citing any of them checks this behaviour
 * @param releases      the releases it applies to; empty means every release
 * @param notProvokable why user space cannot make it happen, or null when a scenario can
 * @param gap           for a provokable behaviour no scenario checks yet: what the harness lacks, or null
 */
public record Behaviour(String id, DocRef ref, String kind, Set<String> releases, List<DocRef> also,
                        String notProvokable, String gap) {
    public Behaviour {
        releases = Set.copyOf(releases);
        also = List.copyOf(also);
    }

    public boolean provokable() {
        return notProvokable == null;
    }

    public boolean appliesTo(String release) {
        return releases.isEmpty() || releases.contains(release);
    }

    /** True when {@code r} cites this behaviour (whitespace-insensitive, on the same page). */
    public boolean citedBy(DocRef r) {
        if (r == null) {
            return false;
        }
        if (same(ref, r)) {
            return true;
        }
        return also.stream().anyMatch(a -> same(a, r));
    }

    private static boolean same(DocRef a, DocRef b) {
        return a.page().equals(b.page()) && normalize(a.sentence()).equals(normalize(b.sentence()));
    }

    static String normalize(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
