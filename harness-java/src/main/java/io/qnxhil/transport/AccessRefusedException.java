package io.qnxhil.transport;

/**
 * The board answered but refused us: unknown or changed host key, wrong credentials, a missing
 * secret. Retrying or power-cycling cannot help, so reconnect loops and health checks give up at once.
 */
public final class AccessRefusedException extends TransportException {
    public AccessRefusedException(String message) {
        super(message);
    }

    public AccessRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
