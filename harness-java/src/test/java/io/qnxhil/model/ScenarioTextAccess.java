package io.qnxhil.model;

import io.qnxhil.plan.Scenario;

/** Lets tests in other packages write scenarios as plan steps. */
public final class ScenarioTextAccess {
    private ScenarioTextAccess() {
    }

    public static Scenario parse(String steps) {
        return ScenarioText.parse(steps);
    }
}
