package io.qnxhil.run;

/** The board cannot be reached or its agent stopped answering: "sim: agent exited with status 3 after ...". */
public class BoardUnavailableException extends RuntimeException {
    public BoardUnavailableException(String message) {
        super(message);
    }

    public BoardUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
