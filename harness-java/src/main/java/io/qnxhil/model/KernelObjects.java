package io.qnxhil.model;

import io.qnxhil.plan.DocRef;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The kernel objects the model tracks, one small class per kind. */
final class KernelObjects {
    private KernelObjects() {
    }

    /** An actor: a process with its local events, the signals pending for it and its async calls. */
    static final class Proc {
        final String name;
        final Map<String, Sigev> events = new LinkedHashMap<>();
        final SignalQueue signals = new SignalQueue();
        final List<Blocked> blocked = new ArrayList<>();
        /** The sentence behind the last refused delivery to this process: why nothing arrives. */
        DocRef lastRefusal;

        Proc(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A channel: owned by one process; messages and pulses wait on it in arrival order. */
    static final class Chan {
        final Proc owner;
        final Deque<Object> queue = new ArrayDeque<>();

        Chan(Proc owner) {
            this.owner = owner;
        }
    }

    /** A connection from {@code owner} to {@code chan}, with its _NTO_COF_* flags. */
    static final class Conn {
        final Proc owner;
        final Chan chan;
        long flags;
        boolean detached;
        /** The sentence saying a flag the process asked to clear stays set (cited at the next query), or null. */
        DocRef clearTried;
        /** Why the flags are no longer known (an earlier step the docs leave open), or null. */
        String flagsUnknown;

        Conn(Proc owner, Chan chan, long flags) {
            this.owner = owner;
            this.chan = chan;
            this.flags = flags;
        }
    }

    /** Who may deliver a registered event. */
    sealed interface Permit permits AnyServer, Procnto, Server {
    }

    record AnyServer() implements Permit {
    }

    record Procnto() implements Permit {
    }

    record Server(Proc process) implements Permit {
    }

    /** A MsgRegisterEvent() registration: the kernel's copy of the event and who may deliver it. */
    static final class Registration {
        final Proc owner;
        final Sigev original;
        final Permit permit;
        boolean alive = true;

        Registration(Proc owner, Sigev original, Permit permit) {
            this.owner = owner;
            this.original = original;
            this.permit = permit;
        }
    }

    /** A message in flight: sent on {@code conn}, received as an rcvid, replied to. */
    static final class Msg {
        final Proc sender;
        final Conn conn;
        final Map<String, Sigev> events;
        boolean received;
        boolean replied;
        long status;
        /** A SIGEV_UNBLOCK delivered through its rcvid forced the sender out of MsgSend before any reply. */
        boolean unblocked;

        Msg(Proc sender, Conn conn, Map<String, Sigev> events) {
            this.sender = sender;
            this.conn = conn;
            this.events = events;
        }
    }

    /** An async step waiting for something: completes later with its expectation. */
    interface Blocked {
        int step();

        /** The expectation once the call can complete now, or null while it still waits. */
        Expectation tryComplete();

        /** The expectation when the actor awaits it or the scenario ends while it still waits. */
        Expectation atEnd();
    }
}
