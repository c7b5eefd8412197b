package io.qnxhil.model;

import io.qnxhil.plan.PlanLoader;
import io.qnxhil.plan.Scenario;
import io.qnxhil.testing.ExpectAgreement;
import io.qnxhil.testing.ProjectPaths;
import io.qnxhil.trace.BehaviourInventory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model checked against the scenario authors: for every plan under test-plans/ and both
 * releases, the model's prediction must agree with each step's {@code expect:}.
 */
class PlanExpectationsTest {

    private static List<Path> yaml(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith(BehaviourInventory.FILE_NAME))
                    .sorted().toList();
        }
    }

    /** Plans state outcomes for a default procnto (no -U), on each release the model knows. */
    @TestFactory
    Stream<DynamicTest> modelAgreesWithEveryExpectInEveryPlan() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String release : List.of("7.1", "8.0")) {
            ReferenceModel model = ReferenceModel.of(release, false);
            for (Path planFile : yaml(ProjectPaths.plans())) {
                for (Scenario s : PlanLoader.load(planFile).scenarios()) {
                    if (io.qnxhil.run.Applicability.skipReason(s, release) != null) {
                        continue; // skipped on that release: uses a name or an op it lacks
                    }
                    tests.add(DynamicTest.dynamicTest(release + " " + s.id(), s.location().file().toUri(),
                            () -> ExpectAgreement.agree(s, model.predict(s))));
                }
            }
        }
        return tests.stream();
    }

    @Test
    void thereAreExpectationsToCheck() throws IOException {
        long stated = 0;
        for (Path planFile : yaml(ProjectPaths.plans())) {
            stated += PlanLoader.load(planFile).scenarios().stream().flatMap(s -> s.steps().stream())
                    .filter(st -> st.expect() != null).count();
        }
        assertTrue(stated >= 8, "the plans state " + stated + " expectations");
    }
}
