package io.qnxhil.cli;

import io.qnxhil.engine.HarnessVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code harness} — runs QNX kernel-facility scenarios on boards and reports them.
 * Exit status: 0 all passed (skips allowed), 1 a scenario failed, 2 broken infrastructure or bad usage.
 */
@Command(name = "harness", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "qnx-hil: hardware-in-the-loop tests of QNX event delivery on boards and on the simulated board.",
        subcommands = {RunCommand.class, ReportCommand.class, CheckCommand.class, InfoCommand.class, VerifyCommand.class,
                ExploreCommand.class, DeployCommand.class, BenchCommand.class, ProbeCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every scenario passed (or was skipped with a reason)",
                "1:a scenario failed: the board disagreed with a documented expectation",
                "2:broken infrastructure (board, transport, agent) or bad usage (plan, board config, options)"})
public final class Main {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BROKEN_OR_USAGE = 2;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("harness: " + ex.getMessage());
            return BROKEN_OR_USAGE;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("harness: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return BROKEN_OR_USAGE;
        });
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"qnx-hil harness " + HarnessVersion.get()};
        }
    }
}
