package io.qnxhil.model;

import io.qnxhil.plan.DocRef;

/**
 * The documentation sentences the model's rules rest on, copied verbatim from the pages in
 * qnx-docs/ (a unit test checks each one is there).
 */
public final class Citations {
    private static final String REG = "MsgRegisterEvent.txt";
    private static final String DLV = "MsgDeliverEvent.txt";
    private static final String CF = "ConnectFlags.txt";
    private static final String SIG = "sigevent.txt";
    private static final String R_FORM = "If successful, this function returns EOK. This function does NOT set errno, "
            + "even on success. If an error occurs, it may return any value from the Errors section.";
    public static final DocRef REGISTER_R = new DocRef(REG, R_FORM);
    public static final DocRef DELIVER_R = new DocRef(DLV, R_FORM);
    public static final DocRef FLAGS_R = new DocRef(CF,
            "ConnectFlags_r() returns the negative of a value from the Errors section and doesn't set errno.");

    public static final DocRef REGISTER_CONVERTS = new DocRef(REG, "MsgRegisterEvent() registers the given "
            + "sigevent with the kernel and converts it into a handle that you can use in any API that passes an event.");
    public static final DocRef HANDLE_DELIVERED = new DocRef(REG,
            "If the handle exists and the server is allowed to deliver it, the kernel delivers the registered event.");
    public static final DocRef ONLY_REGISTERED = new DocRef(REG, "(QNX Neutrino 7.1 or later) By default, you can "
            + "use only registered events, but you can use the -U option to procnto to allow unregistered events "
            + "to be used temporarily while you're converting your programs to use registered events.");
    public static final DocRef VALUE_UPDATEABLE = new DocRef(REG, "A server is allowed to provide its own value "
            + "to the registered event if and only if the SIGEV_FLAG_UPDATEABLE flag is set on the event.");
    public static final DocRef CODE_UPDATEABLE = new DocRef(REG, "(QNX Neutrino 7.0.4 or later) A server is "
            + "allowed to update the code for the registered event if and only if the SIGEV_FLAG_CODE_UPDATEABLE "
            + "flag is set on the event.");
    public static final DocRef ORIGINAL_VALUE = new DocRef(REG, "If a server modifies the code or a value of a "
            + "registered event before delivering it, and the client has not marked the UPDATEABLE field, then the "
            + "event is successfully delivered with the original value that the client registered.");
    public static final DocRef REGISTER_ANY_COID = new DocRef(REG, "The coid argument can contain any type of "
            + "connection ID, including a side channel ID, message queue descriptor, socket descriptor, or file descriptor.");
    public static final DocRef REGISTER_BAD_COID = new DocRef(REG, "The connection ID is invalid.");
    public static final DocRef REGISTER_TWICE = new DocRef(REG, "The event is already registered as a secure event.");
    public static final DocRef UNREGISTER = new DocRef(REG,
            "You can use MsgUnregisterEvent() to unregister the secure event.");

    public static final DocRef DELIVER = new DocRef(DLV, "The MsgDeliverEvent() and MsgDeliverEvent_r() kernel "
            + "calls deliver an event from a server to a client through a channel connection.");
    public static final DocRef DELIVER_TO_SELF = new DocRef(DLV, "The kernel then creates an artificial rcvid "
            + "that references the calling thread—as if a server had received the message from it via MsgReceive()—"
            + "and then the rest of the MsgDeliverEvent() proceeds normally.");
    public static final DocRef REG_EVENTS_ONLY = new DocRef(DLV, "(QNX Neutrino 7.0.1 or later) The sigevent isn't "
            + "an event handle, and the client set _NTO_COF_REG_EVENTS on the connection to indicate that it accepts "
            + "only sigevents that were registered as secure events with MsgRegisterEvent().");
    public static final DocRef NOEVENT = new DocRef(DLV,
            "(QNX Neutrino 7.0 or later) The _NTO_COF_NOEVENT flag is set on the channel.");
    public static final DocRef INSECURE = new DocRef(DLV, "If this flag is set, calls to MsgDeliverEvent() with an "
            + "event type of SIGEV_MEMORY or SIGEV_THREAD fail with an error of EACCES.");
    public static final DocRef DETACHED = new DocRef(DLV, "The thread indicated by rcvid had its connection detached.");
    public static final DocRef SIGNAL_RANGE = new DocRef(DLV, "SIGEV_SIGNAL: the signal is out of range.");
    public static final DocRef CODE_RANGE = new DocRef(DLV,
            "SIGEV_SIGNAL_CODE, SIGEV_SIGNAL_THREAD: the signal or the sigev_code is out of range.");

    public static final DocRef FLAGS_INVALID_MASK = new DocRef(CF, "The mask includes invalid bits.");
    public static final DocRef INSECURE_KERNEL_CLEARS = new DocRef(CF, "In QNX Neutrino 7.0 and later, the server "
            + "or client can set this flag if it doesn't trust the program at the other end of the connection, but "
            + "only the kernel can clear it.");
    public static final DocRef NOEVENT_CLIENT_CLEARS = new DocRef(CF, "Only the client can clear this bit.");
    public static final DocRef SIGEV_NONE = new DocRef(SIG, "Don't send any notification.");
    public static final DocRef SIGEV_UNBLOCK = new DocRef(SIG, "Force a thread to become unblocked.");
    public static final DocRef UNBLOCK_INTR_ALLOWED = new DocRef(DLV, "The notify types of SIGEV_UNBLOCK and "
            + "SIGEV_INTR are allowed, but aren't very useful with MsgDeliverEvent().");
    public static final DocRef REGISTER_THREAD_ABILITY = new DocRef(REG, "(QNX Neutrino 7.0.4 or later) In order to "
            + "register an event of type SIGEV_THREAD, your process must have the PROCMGR_AID_SIGEV_THREAD ability enabled.");
    public static final DocRef NO_THREAD = new DocRef(DLV, "The thread indicated by rcvid doesn't exist.");
    public static final DocRef MEMOP_INVALID = new DocRef(DLV,
            "SIGEV_MEMORY: the memory operation specified by sigev_memop isn't valid.");
    public static final DocRef PULSE_PRIORITY_INVALID = new DocRef(DLV, "SIGEV_PULSE: the priority is out of range.");
    public static final DocRef PULSE_PRIORITY_EPERM = new DocRef(DLV, "For SIGEV_PULSE events, the priority of the "
            + "pulse is outside the range for nonprivileged processes, and the target process doesn't have the "
            + "PROCMGR_AID_PRIORITY ability enabled (see procmgr_ability()).");
    public static final DocRef MEM_ASSIGN = new DocRef(SIG, "SIGEV_MEM_ASSIGN — set the location in memory to the given value.");
    public static final DocRef MEM_ADD = new DocRef(SIG, "SIGEV_MEM_ADD — use atomic_add() to add the value to the location in memory.");
    public static final DocRef MEM_SUB = new DocRef(SIG, "SIGEV_MEM_SUB — use atomic_sub() to subtract the value from the location in memory.");
    public static final DocRef MEM_BITSET = new DocRef(SIG, "SIGEV_MEM_BITSET — use atomic_set() to set the bits in the location in memory.");
    public static final DocRef MEM_BITCLR = new DocRef(SIG, "SIGEV_MEM_BITCLR — use atomic_clr() to clear the bits in the location in memory.");
    public static final DocRef MEM_BITTOGGLE = new DocRef(SIG, "SIGEV_MEM_BITTOGGLE — use atomic_toggle() to toggle the bits in the location in memory.");
    public static final DocRef THREAD_CREATES = new DocRef(SIG, "Create a new thread.");
    public static final DocRef THREAD_VALUE = new DocRef(SIG, "A value that's to be passed to the notification function.");
    public static final DocRef FLAGS_EPERM = new DocRef(CF,
            "The calling process doesn't have the required permission; see procmgr_ability().");
    public static final DocRef FLAGS_ESRCH = new DocRef(CF, "The process ID is invalid.");
    public static final DocRef FLAGS_XPROCESS = new DocRef(CF, "In order to request information about another "
            + "process, your process must have the PROCMGR_AID_XPROCESS_QUERY ability enabled.");
    public static final DocRef FLAGS_CONNECTION = new DocRef(CF, "In order to change the connection flags on a coid "
            + "for another process with a different user ID, your process must have the PROCMGR_AID_CONNECTION ability enabled.");
    public static final DocRef FLAGS_PID = new DocRef(CF,
            "The ID of the process that the connection ID belongs to, or 0 for the current process.");
    private static final String SHM = "shm_open_handle.txt";
    public static final DocRef SHM_RETURNS_FD = new DocRef(SHM, "The shm_open_handle() function returns a file "
            + "descriptor that's associated with the shared memory object specified by handle.");
    public static final DocRef SHM_O_CLOEXEC = new DocRef(SHM,
            "You can also specify O_CLOEXEC but this flag has no effect because it's always set (see below).");
    public static final DocRef SHM_EINVAL = new DocRef(SHM, "An illegal flag, meaning a flag other than one "
            + "indicating the access mode, was given in flags (see the parameter description).");
    public static final DocRef SHM_PID_MISMATCH = new DocRef(SHM, "(shm_open_handle_pid() only) The specified PID "
            + "doesn't match the PID of the process that created the handle.");
    public static final DocRef SHM_PID_0 = new DocRef(SHM, "For a zero value, the OS doesn't perform the PID check.");
    public static final DocRef SHM_PID_MATCH = new DocRef(SHM, "For a nonzero value, the OS verifies that the given "
            + "PID matches that of the handle creator; if it doesn't, the call fails.");
    public static final DocRef SHM_RECIPIENT = new DocRef(SHM, "The handle argument must have been created with "
            + "shm_create_handle() specifically for the calling process (i.e., the recipient).");
    public static final DocRef SHM_EACCES = new DocRef(SHM, "Permission to access the shared memory object is denied "
            + "because the access modes specified by flags are denied.");
    public static final DocRef SHM_NO_HANDLE = new DocRef(SHM, "The specified handle does not exist.");
    public static final DocRef SHM_PERSISTS = new DocRef(SHM, "The state of the shared memory object, including all "
            + "data associated with it, persists until the object is unlinked and all other references are gone.");
    public static final DocRef FLAGS_PREVIOUS = new DocRef(CF,
            "The previous value of the flags associated with the connection.");
    public static final DocRef FLAGS_LISTED = new DocRef(CF,
            "This value includes only the _NTO_COF_* bits listed above.");
    public static final DocRef FLAGS_BAD_COID = new DocRef(CF, "The coid isn't a valid connection ID for the process.");

    private Citations() {
    }

    /** Every citation, for the test that checks them against the pages. */
    public static java.util.List<DocRef> all() {
        return java.util.List.of(REGISTER_CONVERTS, HANDLE_DELIVERED, ONLY_REGISTERED, VALUE_UPDATEABLE,
                CODE_UPDATEABLE, ORIGINAL_VALUE, REGISTER_BAD_COID, REGISTER_TWICE, UNREGISTER, DELIVER,
                DELIVER_TO_SELF, REG_EVENTS_ONLY, NOEVENT, INSECURE, DETACHED, SIGNAL_RANGE, CODE_RANGE,
                FLAGS_PREVIOUS, FLAGS_LISTED, FLAGS_BAD_COID, FLAGS_INVALID_MASK, INSECURE_KERNEL_CLEARS,
                NOEVENT_CLIENT_CLEARS, SIGEV_NONE, SIGEV_UNBLOCK, UNBLOCK_INTR_ALLOWED, REGISTER_THREAD_ABILITY, NO_THREAD,
                MEMOP_INVALID, PULSE_PRIORITY_INVALID, PULSE_PRIORITY_EPERM, MEM_ASSIGN, MEM_ADD, MEM_SUB, MEM_BITSET,
                MEM_BITCLR, MEM_BITTOGGLE, THREAD_CREATES, THREAD_VALUE, FLAGS_EPERM, FLAGS_ESRCH, FLAGS_XPROCESS,
                FLAGS_CONNECTION, FLAGS_PID, SHM_RETURNS_FD, SHM_O_CLOEXEC, SHM_EINVAL, SHM_PID_MISMATCH, SHM_PID_0,
                SHM_PID_MATCH, SHM_RECIPIENT, SHM_EACCES, SHM_NO_HANDLE, SHM_PERSISTS, REGISTER_ANY_COID);
    }
}
