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
    /** The longest line typed to the board: io-char's canonical input limit (-C 256) less the newline. */
    static final int MAX_LINE = 255;
    /** How often a read-only command is asked again because a console message landed in its output. */
    static final int QUERY_TRIES = 5;

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
            String seen = ConsoleText.joined(log.text(m[0], m[1])).text();
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
        // no ^D ever logs the console out (ksh, bash and dash know ignoreeof; a shell that does not is left as it is)
        Result r = run("stty -echo; PS1=''; PS2=''; set -o ignoreeof 2>/dev/null; true", connectTimeout);
        if (!r.ok()) {
            throw new TransportException("serial " + serial.port() + ": the shell refused 'stty -echo': " + tail(r.out()));
        }
    }

    /** True when a shell runs a framed no-op: a console left logged in without a prompt. */
    private boolean shellAnswers() {
        String id = newId();
        long from = log.end();
        write(framed(id, "true"));
        return await(endPattern(id), from, System.nanoTime() + PROMPT_NUDGE.toNanos()) != null;
    }

    private long[] await(Pattern p, long from, long deadlineNanos) {
        try {
            return log.awaitJoined(p, from, deadlineNanos);
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

    /**
     * {@code command} framed for the shell: the begin marker, the command in a brace group, and the end marker
     * with the group's exit status on the group's closing line. The shell reads the whole group, closing line
     * included, before it runs any of it, so a program the command starts in the foreground never reads the
     * end marker as its own input. The markers are split by quotes in what is typed, so an echo of the line
     * never looks like them.
     */
    static String framed(String id, String command) {
        return "printf '%s\\n' \"QHB\"'" + id + "'; {\n" + command + "\n}; printf 'QHE%s:%d.\\n' '" + id + "' $?\n";
    }

    static Pattern beginPattern(String id) {
        return Pattern.compile("QHB" + id);
    }

    /** The end marker in the joined view: the status ends with a dot, so digits cut off by a message are not taken. */
    static Pattern endPattern(String id) {
        return Pattern.compile("QHE" + id + ":(\\d+)\\.");
    }

    /**
     * Every line of {@code text} fits the board's canonical input line (io-char's {@code -C}, 256 bytes with
     * the newline by default): the tty discards what goes past it.
     */
    void checkLines(String text) {
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            if (end - start > MAX_LINE) {
                throw new TransportException("serial " + serial.port() + ": a line of " + (end - start) + " characters"
                        + " exceeds the console's canonical input limit (" + MAX_LINE + " plus the newline): '"
                        + summary(text.substring(start, end)) + "'");
            }
            start = end + 1;
        }
    }

    /** A command typed to the shell whose end has not been awaited yet. */
    record Pending(String id, String command, long from) {
    }

    /** Types {@code command}, framed; the caller awaits it with {@link #finish}. The caller holds this console's lock. */
    Pending submit(String command) {
        String id = newId();
        String text = framed(id, command);
        checkLines(text);
        long from = log.end();
        write(text);
        return new Pending(id, command, from);
    }

    /** What a command printed, without console messages, and how many messages were taken out of it. */
    record Outcome(RemoteShell.Result result, int messages) {
    }

    Outcome finish(Pending p, Duration timeout) {
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        long[] begin = await(beginPattern(p.id()), p.from(), deadlineNanos);
        long[] end = begin == null ? null : await(endPattern(p.id()), begin[1], deadlineNanos);
        if (end == null) {
            if (log.closed()) {
                throw new TransportException(log.closedWhy() + " (during '" + summary(p.command()) + "')");
            }
            write("\u0003"); // interrupt whatever hangs, so the console can be used again
            throw new TransportException("serial " + serial.port() + ": '" + summary(p.command()) + "' did not finish within "
                    + timeout.toMillis() + " ms (the board stopped answering?); the console shows: "
                    + tail(log.text(p.from(), log.end())));
        }
        String raw = log.text(begin[1], end[0]);
        String out = ConsoleText.withoutMessages(raw).replaceFirst("^\r*\n", "");
        return new Outcome(new Result((int) end[2], out, ""), ConsoleText.messages(raw));
    }

    @Override
    public synchronized Result run(String command, Duration timeout, Consumer<String> lines) {
        Result r = finish(submit(command), timeout).result();
        if (lines != null) {
            r.out().lines().forEach(lines);
        }
        return r;
    }

    /**
     * Runs a command that changes nothing again while a console message landed inside its output (which
     * may have split a line of it), up to {@link #QUERY_TRIES} times; the last output otherwise.
     */
    @Override
    public synchronized Result query(String command, Duration timeout) {
        Outcome o = null;
        for (int i = 0; i < QUERY_TRIES; i++) {
            o = finish(submit(command), timeout);
            if (o.messages() == 0) {
                break;
            }
        }
        return o.result();
    }

    @Override
    public synchronized void upload(Path local, String remote) {
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

    static String summary(String command) {
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
