package io.qnxhil.model;

import io.qnxhil.model.KernelObjects.AnyServer;
import io.qnxhil.model.KernelObjects.Conn;
import io.qnxhil.model.KernelObjects.Permit;
import io.qnxhil.model.KernelObjects.Proc;
import io.qnxhil.model.KernelObjects.Procnto;
import io.qnxhil.model.KernelObjects.Registration;
import io.qnxhil.model.KernelObjects.Server;
import io.qnxhil.plan.Step;

import java.util.Map;

/** Building sigevents (the SIGEV_*_INIT macros) and MsgRegisterEvent / MsgUnregisterEvent. */
final class EventRules {
    private static final long SYSMGR_COID = Kernel.symbol("SYSMGR_COID");

    private EventRules() {
    }

    /** The agent's {@code event} op: a sigevent built locally with the init macros; no kernel call. */
    static Expectation create(Kernel k, Proc p, Step s) {
        Map<String, Object> a = s.args();
        Conn coid = k.resolve(a.get("coid")) instanceof Conn c ? c : null;
        Sigev ev = new Sigev((String) a.get("type"), k.number(a.get("signo")), k.number(a.get("value")),
                k.number(a.get("code")), coid, Boolean.TRUE.equals(a.get("updateable")),
                Boolean.TRUE.equals(a.get("code_updateable")), null);
        p.events.put((String) a.get("as"), ev);
        return Expectation.precondition("0", "setup.event");
    }

    static Expectation register(Kernel k, Proc p, Step s) {
        String name = (String) s.args().get("event");
        Sigev ev = p.events.get(name);
        if (ev == null) {
            return unknownEvent(name);
        }
        if (ev.handle() != null) {
            return Expectation.documented("-1", "EINVAL", null, Citations.REGISTER_TWICE, "register.already-registered");
        }
        Object coid = k.resolve(s.args().get("coid"));
        Permit permit;
        if (coid instanceof Long l && l == -1) {
            permit = new AnyServer();
        } else if (coid instanceof Long l && l == SYSMGR_COID) {
            permit = new Procnto();
        } else if (coid instanceof Conn c && c.owner == p && !c.detached) {
            permit = new Server(c.chan.owner);
        } else if (coid instanceof Conn c && c.detached) {
            return Expectation.documented("-1", "EINVAL", null, Citations.REGISTER_BAD_COID, "register.detached-coid");
        } else {
            return Expectation.unspecified(Expectation.ANY, null, "registration coid " + s.args().get("coid")
                    + " is not a connection the model tracks (it could be any file descriptor)");
        }
        Registration r = new Registration(p, ev, permit);
        p.events.put(name, ev.asHandle(r));
        return Expectation.documented("0", "EOK", null, Citations.REGISTER_CONVERTS, "register.converts-to-handle");
    }

    static Expectation unregister(Kernel k, Proc p, Step s) {
        Sigev ev = p.events.get((String) s.args().get("event"));
        if (ev == null) {
            return unknownEvent((String) s.args().get("event"));
        }
        Registration r = ev.handle();
        if (r != null && r.alive && r.owner == p) {
            r.alive = false;
            return Expectation.documented("0", "EOK", null, Citations.UNREGISTER, "unregister.registered-handle");
        }
        return Expectation.unspecified("-1", null, r == null
                ? "MsgUnregisterEvent of an event that is not a handle (its errors are not in the specification pages)"
                : "MsgUnregisterEvent of a handle that is no longer registered (errors not in the specification pages)");
    }

    static Expectation unknownEvent(String name) {
        return Expectation.unspecified(Expectation.ANY, null,
                "event '" + name + "' never reached this actor in the model (an earlier step was not predicted)");
    }
}
