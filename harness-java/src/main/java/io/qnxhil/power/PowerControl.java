package io.qnxhil.power;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.PowerConfig;

/**
 * Switches a board's power: a PDU or relay command, a QEMU process, or a person. Every operation is
 * bounded; a failure is a {@link PowerException} naming the board, the driver and what happened.
 */
public interface PowerControl extends AutoCloseable {

    void on();

    void off();

    /** Off, then on. */
    void cycle();

    /** False when no one can switch the board unattended (manual, none): the health check then stops trying. */
    boolean unattended();

    /** "command [pdu on 3]", "qemu", "manual: ...", "none", for messages. */
    String describe();

    /** Releases what the driver holds (a QEMU process is stopped). */
    @Override
    default void close() {
    }

    static PowerControl of(BoardConfig board) {
        PowerConfig p = board.access().power();
        if (p instanceof PowerConfig.Command c) {
            return new CommandPower(board.name(), c);
        }
        if (p instanceof PowerConfig.Qemu q) {
            return new QemuPower(board.name(), q);
        }
        if (p instanceof PowerConfig.Manual m) {
            return new ManualPower(board.name(), m.instructions());
        }
        return new ManualPower(board.name(), null);
    }
}
