package io.qnxhil.plan;

import java.util.Map;

/**
 * The scenario author's statement of a step's outcome ({@code expect:} in a plan). Never used for
 * verdicts (the reference model decides); a unit test checks that the model agrees with every one.
 *
 * @param ret       an integer as text, or "id" (a kernel-chosen id), or null when not stated
 * @param errno     symbolic errno, or null when not stated
 * @param delivered what a wait receives (only the keys given), or null
 * @param nothingDelivered true when the author states that nothing arrives ({@code delivered: none})
 */
public record StepExpect(String ret, String errno, Map<String, Object> delivered, boolean nothingDelivered) {
    public StepExpect {
        delivered = delivered == null ? null : Map.copyOf(delivered);
    }
}
