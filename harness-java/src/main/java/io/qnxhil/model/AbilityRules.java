package io.qnxhil.model;

import io.qnxhil.model.KernelObjects.Conn;
import io.qnxhil.model.KernelObjects.Proc;
import io.qnxhil.plan.Step;

import java.util.List;

/**
 * Process identity and lifetime: procmgr_ability, set_uid, exit and kill. Their pages are not among
 * the specification pages, so each is a set-up step (a failure makes the scenario BROKEN); what they
 * change — abilities, uid, a process gone — decides later documented outcomes.
 */
final class AbilityRules {
    private static final long DENY = Kernel.symbol("PROCMGR_AOP_DENY");
    private static final long ALLOW = Kernel.symbol("PROCMGR_AOP_ALLOW");

    private AbilityRules() {
    }

    static Expectation ability(Kernel k, Proc p, Step s) {
        Long ability = k.number(s.args().get("ability"));
        Long action = k.flags(s.args().get("action"));
        Object pid = s.args().get("pid");
        Proc target = pid == null ? p : pid instanceof String name && k.proc(name) != null ? k.proc(name) : null;
        if (ability == null || action == null || target != p) {
            return Expectation.unspecified(Expectation.ANY, null,
                    "procmgr_ability on another process or with arguments the model does not follow");
        }
        if ((action & DENY) != 0) {
            p.denied.add(ability);
            p.allowed.remove(ability);
        } else if ((action & ALLOW) != 0) {
            if (!Boolean.TRUE.equals(p.has(ability)) && !Boolean.TRUE.equals(p.root)) {
                return Expectation.unspecified(Expectation.ANY, null, "allowing an ability needs root, and the "
                        + "model does not know whether '" + p + "' is root");
            }
            p.allowed.add(ability);
            p.denied.remove(ability);
        }
        return Expectation.precondition("0", "setup.procmgr-ability");
    }

    static Expectation setUid(Kernel k, Proc p, Step s) {
        Long uid = k.number(s.args().get("uid"));
        if (uid == null) {
            return Expectation.unspecified(Expectation.ANY, null, "set_uid to a value the model does not know");
        }
        if (Boolean.FALSE.equals(p.root)) {
            p.uid = null;
            p.root = null;
            return Expectation.unspecified(Expectation.ANY, null, "setuid by a process that is no longer root");
        }
        p.uid = uid;
        p.root = uid == 0;
        if (uid != 0) {
            p.allowed.clear(); // abilities allowed for root are not known to carry over to the new uid
        }
        return Expectation.precondition("0", "setup.set-uid");
    }

    static Expectation exit(Kernel k, Proc p, Step s) {
        gone(k, p);
        return Expectation.precondition("0", "setup.exit");
    }

    static Expectation kill(Kernel k, Proc p, Step s) {
        Proc target = k.proc(String.valueOf(s.args().get("to")));
        Object signo = s.args().get("signo");
        if (target == null || (signo != null && !"SIGKILL".equals(signo))) {
            return Expectation.unspecified(Expectation.ANY, null, "kill with a signal other than SIGKILL");
        }
        gone(k, target);
        return Expectation.precondition("0", "setup.kill");
    }

    /** A process that ended: its connections go with it (the kernel detaches them). */
    private static void gone(Kernel k, Proc p) {
        p.gone = true;
        for (Object o : k.objects()) {
            if (o instanceof Conn c && c.owner == p) {
                c.detached = true;
            }
        }
    }

    static List<Proc> others(Kernel k, Proc p) {
        return k.procs.values().stream().filter(q -> q != p).toList();
    }
}
