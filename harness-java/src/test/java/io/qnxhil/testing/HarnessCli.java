package io.qnxhil.testing;

import io.qnxhil.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The {@code harness} command line run in this JVM, as a user types it, with what it printed captured. */
public final class HarnessCli {
    private HarnessCli() {
    }

    /** Exit status, standard output and standard error of one command. */
    public record Outcome(int exit, String out, String err) {
    }

    /** Runs {@code harness args...}; one at a time, since the standard streams are the JVM's. */
    public static synchronized Outcome harness(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.execute(args);
            return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
