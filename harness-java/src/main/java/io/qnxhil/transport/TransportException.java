package io.qnxhil.transport;

/** The transport could not start or reach the agent: "local: agent binary ... not found". */
public class TransportException extends RuntimeException {
    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
