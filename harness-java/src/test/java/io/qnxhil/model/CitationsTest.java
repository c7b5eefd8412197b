package io.qnxhil.model;

import io.qnxhil.plan.DocRef;
import io.qnxhil.plan.PlanLoader;
import io.qnxhil.plan.Scenario;
import io.qnxhil.testing.ProjectPaths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every sentence the model or a plan cites is on the page it names, word for word. */
class CitationsTest {

    private static Path docs() {
        var found = ProjectPaths.qnxDocs();
        if (found.isEmpty() && ProjectPaths.inCi()) {
            throw new AssertionError("the QNX doc pages are missing: set -Dqnxhil.qnxDocs");
        }
        Assumptions.assumeTrue(found.isPresent(), "QNX doc pages not found (set -Dqnxhil.qnxDocs)");
        return found.get();
    }

    /** Whitespace-insensitive: the pages wrap lines inside sentences. */
    private static String normalize(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    private static List<String> missing(Path docs, List<DocRef> refs) throws IOException {
        List<String> out = new ArrayList<>();
        for (DocRef r : refs) {
            Path page = docs.resolve(r.page());
            if (!Files.isRegularFile(page) || !normalize(Files.readString(page)).contains(normalize(r.sentence()))) {
                out.add(r.toString());
            }
        }
        return out;
    }

    @Test
    void modelCitationsAreVerbatim() throws IOException {
        assertEquals(List.of(), missing(docs(), Citations.all()));
    }

    @Test
    void planCitationsAreVerbatim() throws Exception {
        Path docs = docs();
        List<DocRef> refs = new ArrayList<>();
        try (Stream<Path> s = Files.list(ProjectPaths.plans())) {
            for (Path p : s.filter(f -> f.toString().endsWith(".yaml")
                    && !f.endsWith(io.qnxhil.trace.BehaviourInventory.FILE_NAME)).toList()) {
                PlanLoader.load(p).scenarios().stream().map(Scenario::doc).forEach(refs::add);
            }
        }
        assertTrue(refs.size() >= 4);
        refs.addAll(ModelRulesPlanTest.citations());
        assertEquals(List.of(), missing(docs, refs));
    }

    @Test
    void aSentenceNotOnThePageIsCaught() throws IOException {
        assertEquals(1, missing(docs(), List.of(new DocRef("MsgRegisterEvent.txt", "The kernel ignores handles."))).size());
    }
}
