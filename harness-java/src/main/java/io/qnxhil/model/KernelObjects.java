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
        /** True / false once a step made the process root / non-root; null while it has the agent's uid (unknown). */
        Boolean root;
        /** The uid a set_uid step gave it, or null for the agent's uid (the same in every actor). */
        Long uid;
        /** Abilities this process denied itself, and those it allowed (PROCMGR_AID_* values). */
        final java.util.Set<Long> denied = new java.util.HashSet<>();
        final java.util.Set<Long> allowed = new java.util.HashSet<>();
        /** The sentence behind the last SIGEV_MEMORY operation on this process's memory. */
        DocRef lastMemory;
        /** The process ended (exit, kill). */
        boolean gone;
        /** The actor's own 32-bit words (wait_event kind=memory, SIGEV_MEMORY word=N): null when not known. */
        final Long[] words = new Long[16];
        /** SIGEV_THREAD runs that no wait has taken yet. */
        final java.util.Deque<Delivery> threadRuns = new ArrayDeque<>();
        /** Mapping slots of mmap: the shared-memory object each maps. */
        final Map<Long, ShmObject> maps = new java.util.HashMap<>();

        Proc(String name) {
            this.name = name;
            java.util.Arrays.fill(words, 0L); // the agent's words start at 0
        }

        /** Whether the process holds the ability: from a deny/allow step, or root's default; null when not known. */
        Boolean has(long ability) {
            if (denied.contains(ability)) {
                return false;
            }
            if (allowed.contains(ability) || Boolean.TRUE.equals(root)) {
                return true;
            }
            return null;
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
        /** Why the registration may have failed (the docs do not decide), or null when it is known to exist. */
        String unknown;

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

    /** A shared-memory object (shm_create): its 32-bit words by byte offset, 0 when never written. */
    static final class ShmObject {
        final Proc creator;
        final Map<Long, Long> words = new java.util.HashMap<>();

        ShmObject(Proc creator) {
            this.creator = creator;
        }
    }

    /** A file descriptor for a shared-memory object, with its access mode (0 O_RDONLY, 1 O_WRONLY, 2 O_RDWR). */
    record ShmFd(Proc owner, ShmObject object, long access) {
    }

    /** A shm_create_handle() handle: made by {@code creator} for {@code recipient} with one access mode. */
    static final class ShmHandle {
        final Proc creator;
        final Proc recipient;
        final ShmObject object;
        final long access;
        final boolean noFd;
        boolean used;
        boolean revoked;

        ShmHandle(Proc creator, Proc recipient, ShmObject object, long access, boolean noFd) {
            this.creator = creator;
            this.recipient = recipient;
            this.object = object;
            this.access = access;
            this.noFd = noFd;
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
