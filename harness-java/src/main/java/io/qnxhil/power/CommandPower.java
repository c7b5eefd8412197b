package io.qnxhil.power;

import io.qnxhil.board.PowerConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A PDU or relay switched by external commands (argv, no shell), each bounded by the configured timeout. */
final class CommandPower implements PowerControl {
    private final String board;
    private final PowerConfig.Command config;

    CommandPower(String board, PowerConfig.Command config) {
        this.board = board;
        this.config = config;
    }

    @Override
    public void on() {
        run("on", config.on());
    }

    @Override
    public void off() {
        run("off", config.off());
    }

    @Override
    public void cycle() {
        if (!config.cycle().isEmpty()) {
            run("cycle", config.cycle());
            return;
        }
        off();
        try {
            Thread.sleep(config.offTime().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PowerException(board + ": power cycle interrupted");
        }
        on();
    }

    private void run(String what, List<String> argv) {
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new PowerException(board + ": power " + what + ": cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        }
        try {
            if (!p.waitFor(config.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new PowerException(board + ": power " + what + ": " + argv.get(0) + " did not finish within "
                        + config.timeout().toMillis() + " ms");
            }
            if (p.exitValue() != 0) {
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                throw new PowerException(board + ": power " + what + ": " + argv.get(0) + " exited with " + p.exitValue()
                        + (out.isEmpty() ? "" : ": " + (out.length() > 300 ? out.substring(0, 300) + "..." : out)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new PowerException(board + ": power " + what + " interrupted");
        } catch (IOException e) {
            throw new PowerException(board + ": power " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean unattended() {
        return true;
    }

    @Override
    public String describe() {
        return "command " + config.on() + " / " + config.off();
    }
}
