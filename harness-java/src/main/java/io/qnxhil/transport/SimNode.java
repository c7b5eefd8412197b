package io.qnxhil.transport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * qnxsim node names for simulated boards reached through SSH or a console: each agent gets its own
 * simulated kernel state, as with the local transport, so runs on one machine never share it.
 */
public final class SimNode {
    private static final AtomicLong NEXT = new AtomicLong();

    private SimNode() {
    }

    public static String next(String tag) {
        return "/qnxsim-hil-" + ProcessHandle.current().pid() + "-" + tag + NEXT.incrementAndGet();
    }
}
