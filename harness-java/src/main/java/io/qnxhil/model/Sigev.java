package io.qnxhil.model;

import io.qnxhil.model.KernelObjects.Conn;
import io.qnxhil.model.KernelObjects.Registration;
import io.qnxhil.model.KernelObjects.ShmObject;

/**
 * A struct sigevent as a process holds it. For a registered event ({@link #handle()} set) the value
 * and code fields hold whatever the holder wrote into its copy; the kernel's copy is in the
 * registration.
 *
 * @param value null when not known (never set, or the contents of a handle the holder did not write)
 * @param code  null when not known
 * @param coid  the delivery connection of a SIGEV_PULSE, or null
 * @param priority a pulse's sigev_priority (-1 for SIGEV_PULSE_PRIO_INHERIT), or null
 * @param memop a SIGEV_MEMORY operation (1..6 are valid), or null
 * @param mem   where a SIGEV_MEMORY event writes, or null
 */
record Sigev(String type, Long signo, Long value, Long code, Conn coid, boolean updateable,
             boolean codeUpdateable, Registration handle, Long priority, Long memop, Mem mem) {

    /** A SIGEV_MEMORY address: a word of the builder's own ({@code word}), an offset in a mapping, or a raw address. */
    record Mem(KernelObjects.Proc owner, Integer word, ShmObject object, Long offset, boolean raw) {
    }

    boolean isSignal() {
        return type.equals("SIGEV_SIGNAL") || type.equals("SIGEV_SIGNAL_CODE") || type.equals("SIGEV_SIGNAL_THREAD");
    }

    boolean isPulse() {
        return type.equals("SIGEV_PULSE");
    }

    /** What MsgRegisterEvent leaves in the caller's sigevent: a handle; its other fields are not documented. */
    Sigev asHandle(Registration r) {
        return new Sigev(type, signo, null, null, coid, updateable, codeUpdateable, r, priority, memop, mem);
    }

    Sigev withValue(Long v) {
        return new Sigev(type, signo, v, code, coid, updateable, codeUpdateable, handle, priority, memop, mem);
    }

    Sigev withCode(Long c) {
        return new Sigev(type, signo, value, c, coid, updateable, codeUpdateable, handle, priority, memop, mem);
    }
}
