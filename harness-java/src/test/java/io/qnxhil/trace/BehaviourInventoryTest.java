package io.qnxhil.trace;

import io.qnxhil.model.Citations;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The behaviour inventory against the pages, the model's citations and the certification plan. */
class BehaviourInventoryTest {
    private static final BehaviourInventory INVENTORY = BehaviourInventory.forProject(ProjectPaths.root());

    @Test
    void everySentenceIsOnItsPageWordForWord() throws IOException {
        var docs = ProjectPaths.qnxDocs();
        if (docs.isEmpty() && ProjectPaths.inCi()) {
            throw new AssertionError("the QNX doc pages are missing: set -Dqnxhil.qnxDocs");
        }
        Assumptions.assumeTrue(docs.isPresent(), "QNX doc pages not found");
        List<String> missing = new ArrayList<>();
        for (Behaviour b : INVENTORY.all()) {
            List<DocRef> refs = new ArrayList<>(b.also());
            refs.add(b.ref());
            for (DocRef r : refs) {
                String page = Behaviour.normalize(Files.readString(docs.get().resolve(r.page())));
                if (!page.contains(Behaviour.normalize(r.sentence()))) {
                    missing.add(b.id() + ": " + r);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyModelCitationIsAnInventoryBehaviour() {
        List<String> unlisted = Citations.all().stream().filter(c -> INVENTORY.find(c).isEmpty())
                .map(DocRef::toString).toList();
        assertEquals(List.of(), unlisted);
    }

    @Test
    void everyCertificationScenarioCitesAnInventoryBehaviour() {
        Path plan = ProjectPaths.plans().resolve("bsp-certification.yaml");
        List<String> unlisted = PlanLoader.load(plan).scenarios().stream().map(Scenario::doc)
                .filter(d -> INVENTORY.find(d).isEmpty()).map(DocRef::toString).toList();
        assertEquals(List.of(), unlisted);
    }

    @Test
    void everyUnprovokableBehaviourSaysWhy() {
        INVENTORY.all().stream().filter(b -> !b.provokable())
                .forEach(b -> assertTrue(b.notProvokable().length() > 20, b.id()));
        assertTrue(INVENTORY.provokableCount() > INVENTORY.all().size() / 2);
    }

    @Test
    void aSentenceMatchesAcrossLineBreaksButNotAcrossPages() {
        DocRef wrapped = new DocRef("ConnectFlags.txt", "_NTO_COF_CLOEXEC — close the connection if the\nprocess "
                + "calls an exec*() function to start a new process.");
        assertEquals("flags.cloexec", INVENTORY.find(wrapped).orElseThrow().id());
        assertTrue(INVENTORY.find(new DocRef("sigevent.txt", wrapped.sentence())).isEmpty());
    }
}
