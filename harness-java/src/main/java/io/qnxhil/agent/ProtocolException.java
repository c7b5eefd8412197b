package io.qnxhil.agent;

/**
 * The agent's output could not be read as protocol records: a garbled record (bad length or CRC),
 * a truncated one, or a payload that is not the JSON the protocol defines. An infrastructure
 * problem (BROKEN), never a product failure.
 */
public final class ProtocolException extends RuntimeException {
    private final long offset;

    public ProtocolException(long offset, String message) {
        super("agent output at byte " + offset + ": " + message);
        this.offset = offset;
    }

    public ProtocolException(long offset, String message, Throwable cause) {
        super("agent output at byte " + offset + ": " + message, cause);
        this.offset = offset;
    }

    /** Byte offset in the agent's output stream where the bad record starts. */
    public long offset() {
        return offset;
    }
}
