package io.qnxhil.power;

/** A power operation failed or cannot be done unattended: "rpi4-lab1: power off: pdu exited with 1: ...". */
public final class PowerException extends RuntimeException {
    public PowerException(String message) {
        super(message);
    }

    public PowerException(String message, Throwable cause) {
        super(message, cause);
    }
}
