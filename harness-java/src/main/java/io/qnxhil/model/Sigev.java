package io.qnxhil.model;

import io.qnxhil.model.KernelObjects.Conn;
import io.qnxhil.model.KernelObjects.Registration;

/**
 * A struct sigevent as a process holds it. For a registered event ({@link #handle()} set) the value
 * and code fields hold whatever the holder wrote into its copy; the kernel's copy is in the
 * registration.
 *
 * @param value null when not known (never set, or the contents of a handle the holder did not write)
 * @param code  null when not known
 * @param coid  the delivery connection of a SIGEV_PULSE, or null
 */
record Sigev(String type, Long signo, Long value, Long code, Conn coid, boolean updateable,
             boolean codeUpdateable, Registration handle) {

    boolean isSignal() {
        return type.equals("SIGEV_SIGNAL") || type.equals("SIGEV_SIGNAL_CODE") || type.equals("SIGEV_SIGNAL_THREAD");
    }

    boolean isPulse() {
        return type.equals("SIGEV_PULSE");
    }

    /** What MsgRegisterEvent leaves in the caller's sigevent: a handle; its other fields are not documented. */
    Sigev asHandle(Registration r) {
        return new Sigev(type, signo, null, null, coid, updateable, codeUpdateable, r);
    }

    Sigev withValue(Long v) {
        return new Sigev(type, signo, v, code, coid, updateable, codeUpdateable, handle);
    }

    Sigev withCode(Long c) {
        return new Sigev(type, signo, value, c, coid, updateable, codeUpdateable, handle);
    }
}
