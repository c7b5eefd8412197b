package io.qnxhil.sim;

/** A simulated peer could not be started: a program missing (named with its Debian package), or it did not come up. */
public final class PeerException extends RuntimeException {
    public PeerException(String message) {
        super(message);
    }

    public PeerException(String message, Throwable cause) {
        super(message, cause);
    }
}
