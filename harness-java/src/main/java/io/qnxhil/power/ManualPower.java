package io.qnxhil.power;

/** A board switched by a person (or not at all): unattended operations are refused with the instructions. */
final class ManualPower implements PowerControl {
    private final String board;
    private final String instructions;

    ManualPower(String board, String instructions) {
        this.board = board;
        this.instructions = instructions;
    }

    private PowerException refuse(String what) {
        return new PowerException(board + ": power " + what + " needs a person"
                + (instructions == null ? " (no power driver configured)" : ": " + instructions));
    }

    @Override
    public void on() {
        throw refuse("on");
    }

    @Override
    public void off() {
        throw refuse("off");
    }

    @Override
    public void cycle() {
        throw refuse("cycle");
    }

    @Override
    public boolean unattended() {
        return false;
    }

    @Override
    public String describe() {
        return instructions == null ? "none" : "manual: " + instructions;
    }
}
