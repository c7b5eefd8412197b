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
    static final long SIGEV_THREAD_AID = Kernel.symbol("PROCMGR_AID_SIGEV_THREAD");

    private EventRules() {
    }

    /** The agent's {@code event} op: a sigevent built locally with the init macros; no kernel call. */
    static Expectation create(Kernel k, Proc p, Step s) {
        Map<String, Object> a = s.args();
        Conn coid = k.resolve(a.get("coid")) instanceof Conn c ? c : null;
        String type = (String) a.get("type");
        Long priority = a.containsKey("priority") ? k.number(a.get("priority"))
                : type.equals("SIGEV_PULSE") ? Long.valueOf(-1) : null;
        Sigev ev = new Sigev(type, k.number(a.get("signo")), k.number(a.get("value")),
                k.number(a.get("code")), coid, Boolean.TRUE.equals(a.get("updateable")),
                Boolean.TRUE.equals(a.get("code_updateable")), null, priority, k.number(a.get("memop")),
                type.equals("SIGEV_MEMORY") ? memory(k, p, a) : null);
        p.events.put((String) a.get("as"), ev);
        return Expectation.precondition("0", "setup.event");
    }

    /** Where a SIGEV_MEMORY event writes: {@code addr} (raw), {@code map} + {@code offset}, or the actor's {@code word}. */
    private static Sigev.Mem memory(Kernel k, Proc p, Map<String, Object> a) {
        if (a.containsKey("addr")) {
            return new Sigev.Mem(p, null, null, null, true);
        }
        if (a.containsKey("map")) {
            Object m = k.resolve(a.get("map"));
            Long offset = a.containsKey("offset") ? k.number(a.get("offset")) : Long.valueOf(0);
            return m instanceof KernelObjects.ShmObject o ? new Sigev.Mem(p, null, o, offset, false)
                    : new Sigev.Mem(p, null, null, null, true);
        }
        Long word = a.containsKey("word") ? k.number(a.get("word")) : Long.valueOf(0);
        return word == null ? new Sigev.Mem(p, null, null, null, true) : new Sigev.Mem(p, word.intValue(), null, null, false);
    }

    /** Why the event's contents may make MsgRegisterEvent fail (its page does not say it checks them), or null. */
    private static String questionable(Sigev ev) {
        if (!DeliveryRules.invalid(ev).isEmpty()) {
            return "the event's contents are out of range (" + DeliveryRules.invalid(ev).get(0).rule()
                    + "): MsgRegisterEvent's page does not say whether it checks them";
        }
        return null;
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
        } else if (coid instanceof KernelObjects.ShmFd fd && fd.owner() == p) {
            // a file descriptor of a shared-memory object: its server is the process manager, not a user process
            Registration r = new Registration(p, ev, new Procnto());
            p.events.put(name, ev.asHandle(r));
            return Expectation.documented("0", "EOK", null, Citations.REGISTER_ANY_COID, "register.file-descriptor-coid");
        } else if (coid instanceof Conn c && c.detached) {
            return Expectation.documented("-1", "EINVAL", null, Citations.REGISTER_BAD_COID, "register.detached-coid");
        } else {
            return Expectation.unspecified(Expectation.ANY, null, "registration coid " + s.args().get("coid")
                    + " is not a connection the model tracks (it could be any file descriptor)");
        }
        if (ev.type().equals("SIGEV_THREAD")) {
            Boolean able = p.has(SIGEV_THREAD_AID);
            if (Boolean.FALSE.equals(able)) {
                return Expectation.documented("-1", null, null, Citations.REGISTER_THREAD_ABILITY,
                        "register.sigev-thread-without-the-ability (errno not documented)");
            }
            if (able == null) {
                Registration r = new Registration(p, ev, permit);
                r.unknown = "whether '" + p + "' holds PROCMGR_AID_SIGEV_THREAD is not known (it runs with the agent's uid)";
                p.events.put(name, ev.asHandle(r));
                return Expectation.unspecified(Expectation.ANY, null, r.unknown);
            }
        }
        Registration r = new Registration(p, ev, permit);
        String odd = questionable(ev);
        if (odd != null) {
            r.unknown = odd;
            p.events.put(name, ev.asHandle(r));
            return Expectation.unspecified(Expectation.ANY, null, odd);
        }
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
