package io.qnxhil.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A virtual serial console (the resource virtual_console.py run by python3): a real pty with a login
 * prompt and a shell behind it, opened by path ({@link #link()}) like a USB serial adapter. Its options
 * make it as strict as a QNX board's console (io-char's 256-byte canonical lines and 2 KiB input buffer,
 * boot chatter, bash's bracketed paste, kernel messages at random bytes), pace it to a baud rate, and
 * choose the shell, its home and environment. The script ends itself when its parent (the harness) dies.
 */
public final class ConsolePeer implements AutoCloseable {
    private static final long READY_MS = 15_000;
    private final Process process;
    private final Path link;
    private final Path passwordFile;

    /**
     * @param dir     a folder of the console's own: the port's link, the password file, the script
     * @param user    the login name the console accepts (its password is generated into {@link #passwordFile()})
     * @param options the script's further options (--strict, --shell, --home, --env, --noise-lines, --baud, ...)
     */
    public ConsolePeer(Path dir, String user, List<String> options) {
        Path python = HostTools.require("python3", "python3", "the simulated board's serial console");
        try {
            Files.createDirectories(dir);
            Path script = dir.resolve("virtual_console.py");
            try (InputStream in = ConsolePeer.class.getResourceAsStream("virtual_console.py")) {
                if (in == null) {
                    throw new PeerException("virtual_console.py is missing from the harness's resources");
                }
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            link = dir.resolve("ttyV0");
            passwordFile = dir.resolve("console-password");
            byte[] secret = new byte[12];
            new SecureRandom().nextBytes(secret);
            Files.writeString(passwordFile, "pw-" + HexFormat.of().formatHex(secret) + "\n");
            List<String> argv = new ArrayList<>(List.of(python.toString(), script.toString(), "--link", link.toString(),
                    "--user", user, "--password-file", passwordFile.toString()));
            argv.addAll(options);
            process = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("console.log")
                    .toFile())).start();
        } catch (IOException e) {
            throw new PeerException("cannot start the virtual console in " + dir + ": " + e.getMessage(), e);
        }
        String ready = readyLine();
        if (ready == null || !ready.startsWith("READY ")) {
            close();
            throw new PeerException("the virtual console did not start (" + ready + "): " + log(dir));
        }
    }

    /** The script's first line within {@link #READY_MS}, or null. */
    private String readyLine() {
        BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_MS);
        try {
            while (System.nanoTime() < deadline) {
                if (r.ready()) {
                    return r.readLine();
                }
                if (!process.isAlive()) {
                    return r.ready() ? r.readLine() : null;
                }
                Thread.sleep(20);
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("console.log")).strip();
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** The port, by path (a symlink to the pty). */
    public Path link() {
        return link;
    }

    /** The file holding the login password (a board config refers to it; nothing prints it). */
    public Path passwordFile() {
        return passwordFile;
    }

    public String password() throws IOException {
        return Files.readString(passwordFile).strip();
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: the script kills its shell and removes the link
            try {
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(3, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
