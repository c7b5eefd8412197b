package io.qnxhil.board;

import java.time.Duration;
import java.util.List;

/** How a board's power is switched: nothing configured, an external command, a QEMU process, or a person. */
public sealed interface PowerConfig permits PowerConfig.None, PowerConfig.Command, PowerConfig.Qemu,
        PowerConfig.Manual {

    /** No power control: an unreachable board is reported BROKEN without a power cycle. */
    record None() implements PowerConfig {
    }

    /**
     * A PDU or relay driven by commands (argv lists, run without a shell). {@code cycle} may be
     * empty: then a cycle is off, {@code offTime}, on.
     */
    record Command(List<String> on, List<String> off, List<String> cycle, Duration offTime, Duration timeout)
            implements PowerConfig {
        public Command {
            on = List.copyOf(on);
            off = List.copyOf(off);
            cycle = List.copyOf(cycle);
        }
    }

    /** The board is a QEMU process started by the harness from {@code command}; off ends it. */
    record Qemu(List<String> command, Duration stopTimeout) implements PowerConfig {
        public Qemu {
            command = List.copyOf(command);
        }
    }

    /** A person switches the board: unattended runs cannot power-cycle it and say so. */
    record Manual(String instructions) implements PowerConfig {
    }
}
