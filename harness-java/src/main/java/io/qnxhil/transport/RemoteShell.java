package io.qnxhil.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/** Commands and file uploads on a board: over SSH, or typed into its serial console. */
public interface RemoteShell extends AutoCloseable {

    /** What a command printed and its exit status. Over a console stdout and stderr arrive merged in {@code out}. */
    record Result(int exit, String out, String err) {
        public boolean ok() {
            return exit == 0;
        }
    }

    /**
     * Runs {@code command} with the board's POSIX shell and waits for it, at most {@code timeout}.
     * {@code lines} receives its output line by line as it arrives (may be null).
     *
     * @throws TransportException when the board does not answer within the timeout or the link is lost
     */
    Result run(String command, Duration timeout, Consumer<String> lines);

    default Result run(String command, Duration timeout) {
        return run(command, timeout, null);
    }

    /**
     * Runs a command that only reads (changes nothing on the board) and whose output is parsed. Over a
     * serial console a kernel message may land inside the output and split one of its lines: the console
     * asks again. Elsewhere the same as {@link #run}.
     */
    default Result query(String command, Duration timeout) {
        return run(command, timeout, null);
    }

    /** Copies a local file to {@code remote} (its directory exists) and makes it executable. */
    void upload(Path local, String remote);

    /** "ssh qnx@rpi4:22", "serial /dev/ttyUSB0", for messages. */
    String describe();

    @Override
    void close();

    /** {@code text} as one POSIX sh word. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
