package io.qnxhil.probe;

import io.qnxhil.transport.RemoteShell;
import io.qnxhil.transport.TransportException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The shell of this machine ({@code /bin/sh -c}), for probing a local (simulated) board. No uploads. */
public final class LocalShell implements RemoteShell {
    private final java.util.Map<String, String> env;

    public LocalShell() {
        this(java.util.Map.of());
    }

    /** @param env added to every command's environment (e.g. a PATH with stand-in utilities first) */
    public LocalShell(java.util.Map<String, String> env) {
        this.env = java.util.Map.copyOf(env);
    }

    @Override
    public Result run(String command, Duration timeout, Consumer<String> lines) {
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            p = pb.start();
        } catch (IOException e) {
            throw new TransportException("local /bin/sh: " + e.getMessage(), e);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> copy(p.getErrorStream(), err), "local-sh-stderr");
        drain.setDaemon(true);
        drain.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(p.getInputStream(), out), "local-sh-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new TransportException("local /bin/sh: '" + command.lines().findFirst().orElse("")
                        + "' did not finish within " + timeout.toMillis() + " ms");
            }
            reader.join(timeout.toMillis());
            drain.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new TransportException("interrupted");
        }
        String text;
        synchronized (out) {
            text = out.toString(StandardCharsets.UTF_8);
        }
        if (lines != null) {
            text.lines().forEach(lines);
        }
        synchronized (err) {
            return new Result(p.exitValue(), text, err.toString(StandardCharsets.UTF_8));
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream to) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (to) {
                    to.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    @Override
    public void upload(Path local, String remote) {
        throw new UnsupportedOperationException("a local board has nothing to upload");
    }

    @Override
    public String describe() {
        return "local /bin/sh";
    }

    @Override
    public void close() {
    }
}
