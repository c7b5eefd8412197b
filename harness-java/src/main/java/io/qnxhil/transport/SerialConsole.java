package io.qnxhil.transport;

import com.fazecast.jSerialComm.SerialPort;
import io.qnxhil.board.Secret;
import io.qnxhil.board.TransportConfig;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A board's serial console (jSerialComm): logs in, then runs shell commands framed by unique markers
 * that carry the exit status. The markers are split by quotes in the command line, so an echo of the
 * line never looks like them; kernel messages around them do not matter. A read of -1 means the port
 * went away: every waiter is woken and told so.
 */
public final class SerialConsole implements RemoteShell {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration PROMPT_NUDGE = Duration.ofSeconds(2);
    /** A prompt counts once no other follows it this soon (the console has caught up with lines typed ahead). */
    private static final Duration PROMPT_SETTLE = Duration.ofMillis(300);

    private final TransportConfig.Serial serial;
    private final Duration connectTimeout;
    private final SerialPort port;
    private final ConsoleLog log = new ConsoleLog();
    private final Thread reader;
    private final String redact;
    private volatile boolean loggedIn;

    private SerialConsole(TransportConfig.Serial serial, SerialPort port, Duration connectTimeout, String redact) {
        this.serial = serial;
        this.port = port;
        this.connectTimeout = connectTimeout;
        this.redact = redact;
        this.reader = new Thread(this::readLoop, "serial-" + port.getSystemPortName());
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the port and logs in (or finds a shell already logged in). */
    public static SerialConsole open(TransportConfig.Serial serial, Duration connectTimeout) {
        SerialPort port = SerialPorts.resolve(serial);
        SerialPorts.configure(port, serial);
        if (!port.openPort()) {
            throw new TransportException("serial " + serial.port() + ": cannot open " + port.getSystemPortPath()
                    + " (error " + port.getLastErrorCode() + "; in use, or no permission?)");
        }
        String pw = null;
        if (serial.password() != null) {
            try {
                pw = serial.password().reveal();
            } catch (Secret.SecretUnavailableException e) {
                port.closePort();
                throw new AccessRefusedException("serial " + serial.port() + ": login.password (" + serial.password()
                        + "): " + e.getMessage());
            }
        }
        SerialConsole c = new SerialConsole(serial, port, connectTimeout, pw);
        try {
            c.login(pw);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void readLoop() {
        byte[] buf = new byte[8192];
        while (true) {
            int n = port.readBytes(buf, buf.length);
            if (n < 0) { // the peer closed or the device vanished (isOpen() may still say true)
                log.close("serial " + serial.port() + ": the port closed underneath (device gone or console ended)");
                return;
            }
            if (n > 0) {
                log.append(buf, n);
            } else if (!port.isOpen()) {
                log.close("serial " + serial.port() + ": port closed");
                return;
            }
        }
    }

    ConsoleLog log() {
        return log;
    }

    public boolean connected() {
        return !log.closed();
    }

    void write(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        write(b, b.length);
    }

    void write(byte[] b, int len) {
        if (log.closed()) {
            throw new TransportException(log.closedWhy());
        }
        int off = 0;
        while (off < len) {
            byte[] part = off == 0 ? b : java.util.Arrays.copyOfRange(b, off, len);
            int n = port.writeBytes(part, len - off);
            if (n < 0) {
                log.close("serial " + serial.port() + ": writing failed (port gone)");
                throw new TransportException(log.closedWhy());
            }
            off += n;
        }
    }

    private void login(String password) {
        long deadline = System.nanoTime() + connectTimeout.toNanos();
        Pattern login = Pattern.compile(serial.loginPrompt());
        Pattern pass = Pattern.compile(serial.passwordPrompt());
        Pattern shell = Pattern.compile(serial.shellPrompt());
        Pattern any = Pattern.compile("(?:" + serial.loginPrompt() + ")|(?:" + serial.passwordPrompt() + ")|(?:"
                + serial.shellPrompt() + ")");
        boolean sentUser = false;
        boolean sentPassword = false;
        long from = log.end();
        long start = from;
        write("\n");
        while (true) {
            // Nudge (an empty line) only while no user has been typed: after it, an extra line would be read
            // as the password. Each nudge may draw a login prompt of its own, answered late on a slow console.
            long nudge = sentUser ? deadline : Math.min(deadline, System.nanoTime() + PROMPT_NUDGE.toNanos());
            long[] m = await(any, from, nudge);
            if (m == null) {
                if (log.closed()) {
                    throw new TransportException(log.closedWhy());
                }
                if (System.nanoTime() >= deadline) {
                    String what = !sentUser ? "no login or shell prompt"
                            : !sentPassword ? "no password or shell prompt after the login name '" + serial.user() + "'"
                            : "no shell prompt after the password";
                    throw new TransportException("serial " + serial.port() + ": " + what + " within "
                            + connectTimeout.toMillis() + " ms; the console shows: " + tail(log.text(from, log.end())));
                }
                if (!sentUser && shellAnswers()) {
                    break;
                }
                from = log.end();
                write("\n");
                continue;
            }
            // A slow console answers every line typed ahead (nudges, a probe) with a prompt of its own: act only
            // on the prompt it settles on, so the login name and the password each answer the prompt for them.
            for (long[] next; (next = await(any, m[1], Math.min(deadline, System.nanoTime() + PROMPT_SETTLE.toNanos()))) != null; ) {
                m = next;
            }
            String seen = log.text(m[0], m[1]);
            from = m[1];
            if (pass.matcher(seen).find()) {
                if (password == null) {
                    throw new AccessRefusedException("serial " + serial.port() + ": the console asks for a password but"
                            + " the board config has no login.password reference");
                }
                if (!sentUser) {
                    // a login attempt begun by lines we did not mean as a name (a shell probe): let it fail
                    write("\n");
                    continue;
                }
                if (sentPassword) {
                    throw new AccessRefusedException("serial " + serial.port() + ": login as '" + serial.user()
                            + "' refused (asked for the password again); the console shows: " + tail(log.text(start, log.end())));
                }
                sentPassword = true;
                write(password + "\n");
            } else if (login.matcher(seen).find()) {
                if (serial.user() == null) {
                    throw new AccessRefusedException("serial " + serial.port() + ": the console asks for a login but the"
                            + " board config has no login.user");
                }
                if (sentPassword) {
                    // a login prompt after our password means no
                    throw new AccessRefusedException("serial " + serial.port() + ": login as '" + serial.user()
                            + "' refused (wrong user or password); the console shows: " + tail(log.text(start, log.end())));
                }
                if (sentUser) {
                    // still answering lines typed before the name: the prompt for the name's answer follows
                    continue;
                }
                sentUser = true;
                write(serial.user() + "\n");
            } else if (shell.matcher(seen).find()) {
                break;
            }
        }
        loggedIn = true;
        // no echo (nothing typed comes back), no prompts (command output is only the command's)
        Result r = run("stty -echo; PS1=''; PS2=''", connectTimeout);
        if (!r.ok()) {
            throw new TransportException("serial " + serial.port() + ": the shell refused 'stty -echo': " + tail(r.out()));
        }
    }

    /** True when a shell runs a framed no-op: a console left logged in without a prompt. */
    private boolean shellAnswers() {
        String id = newId();
        long from = log.end();
        write(beginLine(id) + "true\n" + endLine(id));
        return await(endPattern(id), from, System.nanoTime() + PROMPT_NUDGE.toNanos()) != null;
    }

    private long[] await(Pattern p, long from, long deadlineNanos) {
        try {
            return log.await(p, from, deadlineNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted");
        }
    }

    /** A fresh marker id: 12 hex digits. */
    static String newId() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The command line that prints the begin marker: QHB + id, split by quotes so an echo never matches. */
    static String beginLine(String id) {
        return "printf '%s\\n' \"QHB\"'" + id + "'\n";
    }

    static String endLine(String id) {
        return "printf '%s%s:%d\\n' QHE '" + id + "' $?\n";
    }

    static Pattern beginPattern(String id) {
        return Pattern.compile("QHB" + id + "\r?\n");
    }

    static Pattern endPattern(String id) {
        return Pattern.compile("QHE" + id + ":(\\d+)");
    }

    @Override
    public synchronized Result run(String command, Duration timeout, Consumer<String> lines) {
        String id = newId();
        long from = log.end();
        write(beginLine(id) + command + "\n" + endLine(id));
        long deadline = System.nanoTime() + timeout.toNanos();
        long[] begin = await(beginPattern(id), from, deadline);
        long[] end = begin == null ? null : await(endPattern(id), begin[1], deadline);
        if (end == null) {
            if (log.closed()) {
                throw new TransportException(log.closedWhy() + " (during '" + summary(command) + "')");
            }
            write("\u0003"); // interrupt whatever hangs, so the console can be used again
            throw new TransportException("serial " + serial.port() + ": '" + summary(command) + "' did not finish within "
                    + timeout.toMillis() + " ms (the board stopped answering?); the console shows: "
                    + tail(log.text(from, log.end())));
        }
        String out = log.text(begin[1], end[0]);
        if (lines != null) {
            out.lines().forEach(lines);
        }
        return new Result((int) end[2], out, "");
    }

    @Override
    public void upload(Path local, String remote) {
        new ConsoleTransfer(this, serial).upload(local, remote);
    }

    @Override
    public String describe() {
        return "serial " + serial.port();
    }

    boolean loggedIn() {
        return loggedIn;
    }

    /** The console's text for a message: the last 400 characters, with the password masked. */
    String tail(String text) {
        String t = text.replace("\r", "").strip();
        if (redact != null && !redact.isEmpty()) {
            t = t.replace(redact, "****");
        }
        return t.isEmpty() ? "(nothing)" : t.length() > 400 ? "..." + t.substring(t.length() - 400) : t;
    }

    private static String summary(String command) {
        String c = command.strip();
        int nl = c.indexOf('\n');
        if (nl >= 0) {
            c = c.substring(0, nl) + " ...";
        }
        return c.length() > 60 ? c.substring(0, 60) + "..." : c;
    }

    @Override
    public void close() {
        log.close("serial " + serial.port() + ": closed by the harness");
        port.closePort();
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
