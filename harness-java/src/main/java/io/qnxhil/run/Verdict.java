package io.qnxhil.run;

/**
 * The four result words, kept apart end to end (agent, model, harness, report).
 * <ul>
 * <li>PASS — every documented expectation held;</li>
 * <li>FAIL — a documented expectation did not hold: a product defect (or a model defect);</li>
 * <li>BROKEN — the harness could not carry the scenario out: board unreachable, agent crash,
 *     timeout, garbled record. An infrastructure problem, never a product verdict;</li>
 * <li>SKIPPED — not supported on this board/release, with the reason.</li>
 * </ul>
 */
public enum Verdict {
    PASS, FAIL, BROKEN, SKIPPED;

    /** The worse of two verdicts: BROKEN over FAIL over PASS; SKIPPED only when both are. */
    public Verdict worst(Verdict other) {
        return rank(other) > rank(this) ? other : this;
    }

    private static int rank(Verdict v) {
        return switch (v) {
            case SKIPPED -> 0;
            case PASS -> 1;
            case FAIL -> 2;
            case BROKEN -> 3;
        };
    }
}
