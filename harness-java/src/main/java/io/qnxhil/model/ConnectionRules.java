package io.qnxhil.model;

import io.qnxhil.model.KernelObjects.Chan;
import io.qnxhil.model.KernelObjects.Conn;
import io.qnxhil.model.KernelObjects.Proc;
import io.qnxhil.plan.Step;

/** Channels and connections: ChannelCreate, ConnectAttach, ConnectDetach (set-up) and ConnectFlags. */
final class ConnectionRules {
    static final long CLOEXEC = Kernel.symbol("_NTO_COF_CLOEXEC");
    static final long NOEVENT = Kernel.symbol("_NTO_COF_NOEVENT");
    static final long REG_EVENTS = Kernel.symbol("_NTO_COF_REG_EVENTS");
    static final long INSECURE = 0x1000;
    /** _NTO_COF_MASK: a bit outside it is no connection flag in any release. */
    static final long COF_MASK = 0xffff;
    private static final long XPROCESS_QUERY = Kernel.symbol("PROCMGR_AID_XPROCESS_QUERY");
    private static final long CONNECTION = Kernel.symbol("PROCMGR_AID_CONNECTION");

    private ConnectionRules() {
    }

    static Expectation channelCreate(Kernel k, Proc p, Step s) {
        k.bind(s, new Chan(p));
        return Expectation.precondition(Expectation.ID, "setup.channel-create");
    }

    static Expectation attach(Kernel k, Proc p, Step s) {
        Proc to = s.args().containsKey("to") ? k.proc((String) s.args().get("to")) : p; // pid 0: the caller
        Long flags = k.flags(s.args().get("flags"));
        Object index = s.args().get("index");
        Long idx = index == null ? Long.valueOf(Kernel.symbol("_NTO_SIDE_CHANNEL")) : k.number(index);
        boolean side = Long.valueOf(Kernel.symbol("_NTO_SIDE_CHANNEL")).equals(idx);
        boolean fd = idx != null && idx == 0; // index 0: the coid is a file descriptor (lowest free)
        if (!(k.resolve(s.args().get("chid")) instanceof Chan chan) || chan.owner != to || flags == null
                || !(side || fd)) {
            return Expectation.unspecified(Expectation.ANY, null,
                    "ConnectAttach to something other than a channel of '" + to + "' created in this scenario "
                            + "(its page is not among the specification pages)");
        }
        k.bind(s, new Conn(p, chan, flags));
        return Expectation.precondition(Expectation.ID, "setup.connect-attach");
    }

    static Expectation detach(Kernel k, Proc p, Step s) {
        if (k.resolve(s.args().get("coid")) instanceof Conn c && c.owner == p && !c.detached) {
            c.detached = true;
            return Expectation.precondition("0", "setup.connect-detach");
        }
        return Expectation.unspecified(Expectation.ANY, null,
                "ConnectDetach of a coid the model does not know (its page is not among the specification pages)");
    }

    /** The flags ConnectFlags' page lists for this release: only these are reported back. */
    static long listedFlags(Kernel k) {
        return k.release.equals("7.1") ? CLOEXEC | INSECURE | NOEVENT : CLOEXEC;
    }

    static Expectation flags(Kernel k, Proc p, Step s) {
        Object pid = s.args().get("pid");
        Proc target = pid == null || Long.valueOf(0).equals(pid) ? p : pid instanceof String name ? k.proc(name) : null;
        Long mask = k.flags(s.args().get("mask"));
        Long bits = k.flags(s.args().get("bits"));
        Object coid = k.resolve(s.args().get("coid"));
        if (target == null || target.gone) {
            return k.release.equals("7.1")
                    ? Expectation.documented("-1", "ESRCH", null, Citations.FLAGS_ESRCH, "connect-flags.no-such-process")
                    : Expectation.unspecified(Expectation.ANY, null, "QNX 8.0 ConnectFlags with a pid other than 0 or "
                    + "the caller's own (qnx-facts: not allowed; the error is unconfirmed)");
        }
        if (target != p && k.release.equals("7.1")) {
            Expectation denied = otherProcess(p, target, mask);
            if (denied != null) {
                if (!denied.documented() && coid instanceof Conn c && mask != null && mask != 0) {
                    c.flagsUnknown = c.flagsUnknown == null ? denied.rule() : c.flagsUnknown;
                }
                return denied;
            }
        }
        if (!(coid instanceof Conn c) || c.owner != target) {
            return Expectation.unspecified(Expectation.ANY, null, "ConnectFlags on a coid that is not a connection "
                    + "of '" + target + "' made in this scenario (the model does not track file descriptors)");
        }
        if (c.detached) {
            return Expectation.documented("-1", "EBADF", null, Citations.FLAGS_BAD_COID, "connect-flags.detached-coid");
        }
        if (mask != null && (mask & ~COF_MASK) != 0 && k.release.equals("7.1")) {
            return Expectation.documented("-1", "EINVAL", null, Citations.FLAGS_INVALID_MASK,
                    "connect-flags.invalid-mask-bits");
        }
        if (mask != null && bits != null && c.flagsUnknown == null && mask == INSECURE && (bits & INSECURE) == 0
                && (c.flags & INSECURE) != 0) {
            c.clearTried = Citations.INSECURE_KERNEL_CLEARS;
            return Expectation.unspecified(Expectation.ANY, null, "clearing _NTO_COF_INSECURE: only the kernel "
                    + "can clear it, but whether the call fails (and with which errno) is not documented");
        }
        if (mask != null && bits != null && c.flagsUnknown == null && mask == NOEVENT && (bits & NOEVENT) == 0
                && (c.flags & NOEVENT) != 0 && p != c.owner && k.release.equals("7.1")) {
            c.clearTried = Citations.NOEVENT_CLIENT_CLEARS;
            return Expectation.unspecified(Expectation.ANY, null, "the server clearing _NTO_COF_NOEVENT: only the "
                    + "client can clear it, but whether the call fails (and with which errno) is not documented");
        }
        boolean serverSetsInsecure = p != c.owner && mask != null && bits != null && (mask & INSECURE) != 0
                && (bits & INSECURE) != 0 && k.release.equals("7.1");
        String open = openQuestion(k, p, target, c, mask, bits);
        if (open != null) {
            c.flagsUnknown = c.flagsUnknown == null && mask != null && mask != 0 ? open : c.flagsUnknown;
            return Expectation.unspecified(Expectation.ANY, null, open);
        }
        long previous = c.flags & listedFlags(k);
        if (previous != c.flags) {
            applyFlags(c, mask, bits);
            return Expectation.unspecified(Expectation.ANY, null, String.format("the connection also has flags 0x%x "
                    + "that ConnectFlags' page does not list: 'This value includes only the _NTO_COF_* bits listed "
                    + "above' but 'The bits currently defined include' them", c.flags & ~listedFlags(k)));
        }
        applyFlags(c, mask, bits);
        if (c.clearTried != null && mask == 0) {
            var why = c.clearTried;
            c.clearTried = null;
            return Expectation.documented(Long.toString(previous), "EOK", null, why,
                    "connect-flags.flag-stays-set-after-a-clear-it-may-not-make");
        }
        if (serverSetsInsecure) {
            return Expectation.documented(Long.toString(previous), "EOK", null, Citations.INSECURE_KERNEL_CLEARS,
                    "connect-flags.server-sets-insecure");
        }
        boolean clientClearedNoevent = (mask & NOEVENT) != 0 && (bits & NOEVENT) == 0 && (previous & NOEVENT) != 0;
        return Expectation.documented(Long.toString(previous), "EOK", null,
                clientClearedNoevent ? Citations.NOEVENT_CLIENT_CLEARS : Citations.FLAGS_PREVIOUS,
                clientClearedNoevent ? "connect-flags.client-clears-noevent" : "connect-flags.returns-previous-listed-flags");
    }

    /** The ability checks for a call on another process's connection (7.1), or null when they pass. */
    private static Expectation otherProcess(Proc caller, Proc target, Long mask) {
        Boolean query = caller.has(XPROCESS_QUERY);
        if (Boolean.FALSE.equals(query)) {
            return Expectation.documented("-1", "EPERM", null, Citations.FLAGS_XPROCESS, "connect-flags.needs-xprocess-query");
        }
        boolean otherUid = !java.util.Objects.equals(caller.uid, target.uid);
        Boolean connection = caller.has(CONNECTION);
        if (otherUid && mask != null && mask != 0 && Boolean.FALSE.equals(connection)) {
            return Expectation.documented("-1", "EPERM", null, Citations.FLAGS_CONNECTION, "connect-flags.needs-connection");
        }
        if (query == null || (otherUid && mask != null && mask != 0 && connection == null)) {
            return Expectation.unspecified(Expectation.ANY, null, "whether '" + caller + "' holds "
                    + (query == null ? "PROCMGR_AID_XPROCESS_QUERY" : "PROCMGR_AID_CONNECTION")
                    + " is not known (it runs with the agent's uid)");
        }
        return null;
    }

    private static void applyFlags(Conn c, long mask, long bits) {
        long next = (c.flags & ~mask) | (bits & mask);
        if ((c.flags & INSECURE) != 0) {
            next |= INSECURE; // "only the kernel can clear it": asked to clear, the flag stays
        }
        c.flags = next;
    }

    /** Why the docs do not decide this ConnectFlags call, or null when they do. */
    private static String openQuestion(Kernel k, Proc caller, Proc target, Conn c, Long mask, Long bits) {
        if (mask == null || bits == null) {
            return "mask or bits are not plain flags";
        }
        if (c.flagsUnknown != null) {
            return "the connection's flags are not known: " + c.flagsUnknown;
        }
        if (target != caller && k.release.equals("8.0")) {
            return "QNX 8.0 ConnectFlags on another process's connection (qnx-facts: only pid 0 or the caller's own; unconfirmed)";
        }
        if ((mask & ~listedFlags(k)) != 0) {
            return String.format("mask 0x%x has bits ConnectFlags' page does not list for QNX %s", mask, k.release);
        }
        if ((mask & NOEVENT) != 0 && (bits & NOEVENT) == 0 && (c.flags & NOEVENT) != 0 && caller != c.owner) {
            return "a server clearing _NTO_COF_NOEVENT (only the client can clear it; the error is not documented)";
        }
        if ((mask & INSECURE) != 0 && (bits & INSECURE) == 0 && (c.flags & INSECURE) != 0) {
            return "clearing _NTO_COF_INSECURE (only the kernel can clear it; whether the call fails is not documented)";
        }
        return null;
    }
}
