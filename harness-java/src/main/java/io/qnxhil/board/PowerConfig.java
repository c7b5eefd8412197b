package io.qnxhil.board;

import java.nio.file.Path;
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

    /**
     * The board is a QEMU process started by the harness; off ends it. Either {@code command} is the
     * whole argv as written in the config, or {@code image} describes an mkqnximage output folder and
     * the harness builds the command line the way {@code mkqnximage --run} boots it ({@code command} empty).
     */
    record Qemu(List<String> command, QemuImage image, Duration stopTimeout) implements PowerConfig {
        public Qemu {
            command = List.copyOf(command);
            if (command.isEmpty() == (image == null)) {
                throw new IllegalArgumentException("a QEMU board needs exactly one of command, image");
            }
        }

        /** A QEMU board started from an argv given in full. */
        public Qemu(List<String> command, Duration stopTimeout) {
            this(command, null, stopTimeout);
        }
    }

    /**
     * An x86_64 image made by {@code mkqnximage --type=qemu}: {@code dir} holds {@code ifs.bin} (booted
     * with -kernel) and {@code disk-qemu.vmdk}. The NIC follows the release ({@code e1000} for 7.1-era
     * images, {@code virtio-net-pci} for 8.0) unless {@code nic} names one; user-mode networking forwards
     * {@code 127.0.0.1:sshPort} to the board's port 22 (the image must take its address by DHCP).
     *
     * @param qemu   the QEMU program (qemu-system-x86_64)
     * @param memory QEMU's -m value, e.g. "1G"
     * @param kvm    -enable-kvm -cpu host; otherwise -cpu max under TCG
     * @param extra  arguments appended as they are
     */
    record QemuImage(String qemu, Path dir, String release, String memory, int smp, boolean kvm, String nic,
                     int sshPort, List<String> extra) {
        public QemuImage {
            extra = List.copyOf(extra);
        }

        /** The NIC model mkqnximage's images of the release use, or the one the config names. */
        public String nicModel() {
            return nic != null ? nic : "7.1".equals(release) ? "e1000" : "virtio-net-pci";
        }
    }

    /** A person switches the board: unattended runs cannot power-cycle it and say so. */
    record Manual(String instructions) implements PowerConfig {
    }
}
