package io.qnxhil.model;

import io.qnxhil.plan.DocRef;
import io.qnxhil.plan.Plan;
import io.qnxhil.plan.PlanLoader;
import io.qnxhil.plan.Scenario;
import io.qnxhil.testing.ExpectAgreement;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The test plan with one scenario per further model rule (src/test/resources/plans/model-rules.yaml):
 * the model must agree with its authors' {@code expect:} on both releases. SimBoardSessionTest runs
 * the same plan on the simulated board.
 */
class ModelRulesPlanTest {

    static Plan plan() throws URISyntaxException {
        return PlanLoader.load(Path.of(ModelRulesPlanTest.class.getResource("/plans/model-rules.yaml").toURI()));
    }

    static List<DocRef> citations() throws URISyntaxException {
        return plan().scenarios().stream().map(Scenario::doc).toList();
    }

    @TestFactory
    Stream<DynamicTest> modelAgreesWithTheRulesPlan() throws URISyntaxException {
        Plan plan = plan();
        return Stream.of("7.1", "8.0").flatMap(release -> plan.scenarios().stream().map(s ->
                DynamicTest.dynamicTest(release + " " + s.id(),
                        () -> ExpectAgreement.agree(s, ReferenceModel.of(release, false).predict(s)))));
    }
}
