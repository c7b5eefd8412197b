package io.qnxhil.model;

import io.qnxhil.plan.DocRef;

import java.util.Map;

/**
 * What the reference model predicts for one step.
 *
 * @param ret       the return value: an integer as text ("0", "-1", "1"), {@link #ID} for a kernel-chosen
 *                  id (chid, coid, rcvid, handle: compared symbolically, any value &ge; 0 matches),
 *                  {@link #SUCCESS} for "any value but -1" (MsgDeliverEvent's documented success), or
 *                  {@link #ANY} when the model does not predict it
 * @param errno     symbolic errno ("EOK", "EACCES"), or null when not predicted
 * @param delivered what a wait step receives: null means nothing arrives; a map like
 *                  {kind: signal, signo: SIGUSR1, value: 13} (only the keys given are compared);
 *                  ignored for steps that do not wait
 * @param documented true when the outcome follows from a documentation sentence (a mismatch FAILs);
 *                  false when the docs leave it open (observed, recorded, compared with a golden file)
 * @param citation  the sentence behind a documented expectation
 * @param rule      short name of the model rule that produced it, e.g. "deliver.handle-not-permitted",
 *                  or for unspecified outcomes why the docs do not decide
 * @param precondition true for a set-up step the scenario depends on but does not check (ChannelCreate,
 *                  MsgSend...): when it does not hold the scenario is BROKEN, not FAILed
 */
public record Expectation(String ret, String errno, Map<String, Object> delivered, boolean documented,
                          DocRef citation, String rule, boolean precondition) {

    public static final String ID = "id";
    public static final String ANY = "any";
    public static final String SUCCESS = "not -1";

    public Expectation(String ret, String errno, Map<String, Object> delivered, boolean documented,
                       DocRef citation, String rule) {
        this(ret, errno, delivered, documented, citation, rule, false);
    }

    public static Expectation documented(String ret, String errno, Map<String, Object> delivered,
                                         DocRef citation, String rule) {
        return new Expectation(ret, errno, delivered, true, citation, rule, false);
    }

    public static Expectation unspecified(String ret, String errno, String why) {
        return new Expectation(ret, errno, null, false, null, why, false);
    }

    public static Expectation precondition(String ret, String rule) {
        return new Expectation(ret, "EOK", null, true, null, rule, true);
    }

    /** "-1 EACCES", "id EOK", "1 EOK delivered {kind=signal, signo=SIGUSR1, value=13}". */
    public String describe() {
        StringBuilder sb = new StringBuilder(ret == null ? ANY : ret);
        if (errno != null) {
            sb.append(' ').append(errno);
        }
        if (delivered != null) {
            sb.append(" delivered ").append(new java.util.TreeMap<>(delivered));
        }
        return sb.toString();
    }
}
