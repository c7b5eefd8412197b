package io.qnxhil.model;

import io.qnxhil.model.KernelObjects.Blocked;
import io.qnxhil.model.KernelObjects.Proc;
import io.qnxhil.plan.Scenario;
import io.qnxhil.plan.Step;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The Java reference model of the QNX kernel facilities the harness checks: an independent reading
 * of the documentation pages in qnx-docs/. It interprets a scenario's step program against kernel
 * objects for one release (7.1 or 8.0, with or without procnto -U) and predicts every step's
 * outcome, each prediction citing the sentence it follows from or saying why the docs leave it open.
 */
public final class ReferenceModel {
    private final String release;
    private final boolean unregisteredEvents;

    private ReferenceModel(String release, boolean unregisteredEvents) {
        this.release = release;
        this.unregisteredEvents = unregisteredEvents;
    }

    /**
     * @param release            "7.1" or "8.0"
     * @param unregisteredEvents procnto runs with -U (unregistered events allowed)
     */
    public static ReferenceModel of(String release, boolean unregisteredEvents) {
        if (!release.equals("7.1") && !release.equals("8.0")) {
            throw new IllegalArgumentException("no model for QNX release " + release + " (known: 7.1, 8.0)");
        }
        return new ReferenceModel(release, unregisteredEvents);
    }

    public String release() {
        return release;
    }

    /** One expectation per step, in step order. */
    public List<Expectation> predict(Scenario scenario) {
        Kernel k = new Kernel(release, unregisteredEvents, scenario.actors());
        Expectation[] out = new Expectation[scenario.steps().size()];
        for (Step step : scenario.steps()) {
            Proc p = k.proc(step.actor());
            Object outcome = interpret(k, p, step);
            if (outcome instanceof Blocked b) {
                p.blocked.add(b);
            } else if (RVariantRules.applies(step)) {
                out[step.index()] = RVariantRules.of(step, (Expectation) outcome);
            } else {
                out[step.index()] = (Expectation) outcome;
            }
            if (step.op().equals("await")) {
                finish(p, out);
            }
            sweep(k, out);
        }
        k.procs.values().forEach(p -> finish(p, out));
        return Arrays.asList(out);
    }

    private static Object interpret(Kernel k, Proc p, Step s) {
        return switch (s.op()) {
            case "channel_create" -> ConnectionRules.channelCreate(k, p, s);
            case "connect_attach" -> ConnectionRules.attach(k, p, s);
            case "connect_detach" -> ConnectionRules.detach(k, p, s);
            case "connect_flags" -> ConnectionRules.flags(k, p, s);
            case "event" -> EventRules.create(k, p, s);
            case "register_event" -> EventRules.register(k, p, s);
            case "unregister_event" -> EventRules.unregister(k, p, s);
            case "send_events" -> MessageRules.send(k, p, s);
            case "receive" -> MessageRules.receive(k, p, s);
            case "reply" -> MessageRules.reply(k, p, s);
            case "deliver_event" -> DeliveryRules.deliver(k, p, s);
            case "wait_event" -> WaitRules.waitEvent(k, p, s);
            case "procmgr_ability" -> AbilityRules.ability(k, p, s);
            case "set_uid" -> AbilityRules.setUid(k, p, s);
            case "exit" -> AbilityRules.exit(k, p, s);
            case "kill" -> AbilityRules.kill(k, p, s);
            case "shm_create" -> ShmRules.create(k, p, s);
            case "shm_create_handle" -> ShmRules.createHandle(k, p, s);
            case "shm_open_handle" -> ShmRules.open(k, p, s, false);
            case "shm_open_handle_pid" -> ShmRules.open(k, p, s, true);
            case "shm_revoke" -> ShmRules.revoke(k, p, s);
            case "mmap" -> ShmRules.mmap(k, p, s);
            case "mem_write" -> ShmRules.write(k, p, s);
            case "mem_read" -> ShmRules.read(k, p, s);
            case "munmap", "close" -> Expectation.precondition("0", "setup." + s.op());
            case "await" -> Expectation.precondition("0", "await");
            default -> Expectation.unspecified(Expectation.ANY, null, "the model has no rule for op " + s.op());
        };
    }

    /** Completes every async call that can complete now (a reply arrived, a signal is pending...). */
    private static void sweep(Kernel k, Expectation[] out) {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Proc p : k.procs.values()) {
                for (Iterator<Blocked> it = p.blocked.iterator(); it.hasNext(); ) {
                    Blocked b = it.next();
                    Expectation e = b.tryComplete();
                    if (e != null) {
                        out[b.step()] = e;
                        it.remove();
                        progress = true;
                    }
                }
            }
        }
    }

    private static void finish(Proc p, Expectation[] out) {
        p.blocked.forEach(b -> out[b.step()] = b.atEnd());
        p.blocked.clear();
    }
}
