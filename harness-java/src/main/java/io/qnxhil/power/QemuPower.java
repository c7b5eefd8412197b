package io.qnxhil.power;

import io.qnxhil.board.PowerConfig;
import io.qnxhil.transport.BoundedText;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A board that is a QEMU process (an image made with mkqnximage): on starts the process, off ends
 * it (SIGTERM, then SIGKILL after the stop timeout). The process never outlives the harness.
 */
final class QemuPower implements PowerControl {
    private final String board;
    private final PowerConfig.Qemu config;
    private final BoundedText console = new BoundedText(64 * 1024);
    private Process process;
    private Thread hook;

    QemuPower(String board, PowerConfig.Qemu config) {
        this.board = board;
        this.config = config;
    }

    @Override
    public synchronized void on() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> argv = command();
        if (config.image() != null) {
            for (String file : List.of(QemuCommandLine.IFS, QemuCommandLine.DISK)) {
                if (!Files.isRegularFile(config.image().dir().resolve(file))) {
                    throw new PowerException(board + ": power on: no " + file + " in " + config.image().dir()
                            + " (the folder mkqnximage --type=qemu --arch=x86_64 writes its output to)");
                }
            }
        }
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new PowerException(board + ": power on: cannot start " + argv.get(0) + ": " + e.getMessage(), e);
        }
        Process p = process;
        Thread drain = new Thread(() -> {
            byte[] buf = new byte[4096];
            try (InputStream in = p.getInputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    console.append(buf, n);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, board + "-qemu-output");
        drain.setDaemon(true);
        drain.start();
        hook = new Thread(this::stop, board + "-qemu-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (p.waitFor(300, TimeUnit.MILLISECONDS)) {
                drain.join(1000);
                throw new PowerException(board + ": power on: " + argv.get(0) + " exited at once with "
                        + p.exitValue() + ": " + console.all().strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The argv the process is started with: as configured, or built from the mkqnximage image. */
    List<String> command() {
        return config.image() != null ? QemuCommandLine.of(config.image()) : config.command();
    }

    @Override
    public synchronized void off() {
        stop();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
            hook = null;
        }
    }

    private synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(config.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void cycle() {
        off();
        on();
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /** What the QEMU process printed last (its serial console when -nographic). */
    public String output() {
        return console.all();
    }

    @Override
    public boolean unattended() {
        return true;
    }

    @Override
    public String describe() {
        return "qemu " + command().get(0);
    }

    @Override
    public void close() {
        off();
    }
}
