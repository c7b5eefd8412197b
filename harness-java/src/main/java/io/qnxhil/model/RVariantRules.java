package io.qnxhil.model;

import io.qnxhil.plan.DocRef;
import io.qnxhil.plan.Step;

/**
 * The {@code _r} forms of MsgRegisterEvent, MsgDeliverEvent and ConnectFlags (a step with
 * {@code r_variant: true}): the same kernel rules as the errno form, told differently. The agent
 * reports such a call as: ret 0 (EOK) or, for ConnectFlags_r, the previous flags; on an error, the
 * error code's name as errno and its sign as ret (-1 or 1); and a difference when the call changed
 * errno, which all three pages forbid.
 * <ul>
 *   <li>Success: MsgRegisterEvent_r and MsgDeliverEvent_r return EOK (their pages); ConnectFlags_r
 *       returns the previous flags like ConnectFlags.</li>
 *   <li>Error E: ConnectFlags_r returns -E ("the negative of a value from the Errors section").
 *       The other two pages say "it may return any value from the Errors section": the code is E,
 *       its sign is left open (recorded per board, not failed).</li>
 * </ul>
 */
final class RVariantRules {
    private RVariantRules() {
    }

    static boolean applies(Step s) {
        return Boolean.TRUE.equals(s.args().get("r_variant"));
    }

    /** The _r form's expectation, from the errno form's {@code e} for the same step. */
    static Expectation of(Step s, Expectation e) {
        DocRef cite = switch (s.op()) {
            case "register_event" -> Citations.REGISTER_R;
            case "deliver_event" -> Citations.DELIVER_R;
            case "connect_flags" -> Citations.FLAGS_R;
            default -> throw new IllegalArgumentException("no _r form of " + s.op() + " in the protocol");
        };
        String rule = s.op() + "-r";
        if (e.errno() == null) {
            // the errno form's outcome is not predicted: neither is the _r form's
            return e;
        }
        if (e.errno().equals("EOK")) {
            if (s.op().equals("connect_flags")) {
                return e;   // ConnectFlags_r succeeds as ConnectFlags does: the previous flags
            }
            // EOK is the documented success of the _r form whatever the errno form's success value
            return new Expectation(e.documented() ? "0" : Expectation.ANY, "EOK", e.delivered(), e.documented(),
                    e.documented() ? cite : null,
                    e.documented() ? rule + ".returns-eok" : e.rule(), e.precondition());
        }
        if (s.op().equals("connect_flags")) {
            return new Expectation("-1", e.errno(), e.delivered(), e.documented(), e.documented() ? cite : null,
                    e.documented() ? rule + ".negative-errno " + e.errno() : e.rule(), e.precondition());
        }
        // the error code is documented; which sign carries it is not (the ret is not compared)
        return new Expectation(Expectation.ANY, e.errno(), e.delivered(), e.documented(), e.documented() ? cite : null,
                e.documented() ? rule + ".error-code " + e.errno() + " (sign left open by the page)" : e.rule(),
                e.precondition());
    }
}
