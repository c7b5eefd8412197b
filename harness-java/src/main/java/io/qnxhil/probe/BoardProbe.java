package io.qnxhil.probe;

import io.qnxhil.agent.AgentRecord;
import io.qnxhil.agent.FrameReader;
import io.qnxhil.agent.ProtocolException;
import io.qnxhil.agent.RecordDecoder;
import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardInfo;
import io.qnxhil.board.TransportConfig;
import io.qnxhil.deploy.Deployer;
import io.qnxhil.transport.RemoteShell;
import io.qnxhil.transport.SerialConsole;
import io.qnxhil.transport.SimNode;
import io.qnxhil.transport.SshConnection;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Asks a board, read-only, what the harness needs to know before its first run: OS release, shell,
 * utilities and their output formats, usable work directories, the console's line discipline,
 * procnto -U, SFTP, fork, and the agent's clock when an agent is already deployed. The only things
 * it creates are scratch files and directories under the candidate work directories, and it removes
 * them (the report says when it could not). It never deploys.
 */
public final class BoardProbe {
    /** The utilities the harness may use on a board; each one found is named with its path. */
    public static final List<String> UTILITIES = List.of("cksum", "base64", "sha256sum", "uudecode", "stty", "mkdir",
            "od", "pidin", "ps", "getconf");
    private static final Pattern HASH_DIR = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern WORKDIR = Pattern.compile("/[A-Za-z0-9_./-]{1,200}");

    private final BoardConfig board;
    private final RemoteShell shell;
    private final Duration timeout;

    public BoardProbe(BoardConfig board, RemoteShell shell) {
        this.board = board;
        this.shell = shell;
        this.timeout = board.access().commandTimeout();
    }

    /** Every fact, in the order the report prints them. */
    public ProbeReport probe() {
        ProbeReport r = new ProbeReport(board, shell.describe());
        ProbeParsers.Uname u = ProbeParsers.uname(out("uname -s; uname -r; uname -m; uname -a"));
        r.uname(u);
        Map<String, String> env = ProbeParsers.keyValues(out("echo \"ZERO=$0\"; echo \"SHELL=$SHELL\"; echo \"HOME=$HOME\";"
                + " echo \"USER=${USER:-$(id -un 2>/dev/null)}\"; echo \"BASH=$BASH_VERSION\"; echo \"KSH=$KSH_VERSION\""));
        r.shell(env);
        StringBuilder which = new StringBuilder();
        for (String util : UTILITIES) {
            which.append("if p=$(command -v ").append(util).append(" 2>/dev/null); then echo \"have ").append(util)
                    .append(" $p\"; else echo 'none ").append(util).append("'; fi\n");
        }
        Map<String, String> utils = ProbeParsers.utilities(out(which.toString()));
        r.utilities(utils);
        r.cksum(utils.get("cksum") == null ? null : ProbeParsers.cksum(out("printf '' | cksum"), new byte[0]),
                utils.get("cksum") == null ? null : ProbeParsers.cksum(out("printf 'qnx-hil probe\\n' | cksum"),
                        ProbeParsers.BASE64_TEXT.getBytes(StandardCharsets.US_ASCII)));
        r.base64(utils.get("base64") == null ? null
                : ProbeParsers.base64Decodes(out("printf '%s\\n' " + ProbeParsers.BASE64_SAMPLE + " | base64 -d 2>&1")));
        r.printf(utils.get("cksum") == null ? null
                : ProbeParsers.printfOctal(out("printf '" + ProbeParsers.escapes(ProbeParsers.PRINTF_BYTES) + "' | cksum")));
        List<ProbeParsers.Workdir> dirs = new ArrayList<>();
        for (String d : candidates(env)) {
            dirs.addAll(ProbeParsers.workdirs(out(workdirScript(d))));  // one at a time: short commands on a console
        }
        r.workdirs(dirs);
        boolean console = shell instanceof SerialConsole;
        if (console) {
            String tty = out("stty -a 2>&1");
            r.console(ProbeParsers.stty(tty), ProbeParsers.maxCanon(out("getconf MAX_CANON \"$(tty)\" 2>/dev/null")), tty);
        } else {
            r.notAConsole(board.transport() instanceof TransportConfig.Ssh);
        }
        r.procnto(ProbeParsers.procnto(out("pidin -p 1 arg 2>/dev/null; pidin arg 2>/dev/null | grep procnto;"
                + " ps -o args= -p 1 2>/dev/null")));
        r.sftp(shell instanceof SshConnection ssh ? sftp(ssh) : null);
        r.fork(ProbeParsers.forks(out("sh -c 'true & wait $!; echo \"qhp-fork $?\"' 2>&1")));
        r.clock(clock());
        return r;
    }

    /** $HOME/qnx-hil, /data/home/$USER/qnx-hil, the config's workdir, /tmp/qnx-hil: those a config may name. */
    List<String> candidates(Map<String, String> env) {
        Set<String> c = new LinkedHashSet<>();
        String home = env.get("HOME");
        String user = env.get("USER");
        if (home != null && !home.isBlank() && !home.equals("/")) {
            c.add(home.replaceAll("/+$", "") + "/qnx-hil");
        }
        if (user != null && user.matches("[A-Za-z0-9._-]+")) {
            c.add("/data/home/" + user + "/qnx-hil");
        }
        c.add(configuredWorkdir(home));
        c.add("/tmp/qnx-hil");
        return c.stream().filter(p -> WORKDIR.matcher(p).matches() && !p.contains("..")).toList();
    }

    /** The config's workdir, {@code ~/x} resolved against the login's home (as the deploy does). */
    private String configuredWorkdir(String home) {
        String w = board.access().workdir();
        if (w.startsWith("~/")) {
            return home == null || !home.startsWith("/") ? w : home.replaceAll("/+$", "") + w.substring(1);
        }
        return w;
    }

    /**
     * For one candidate: did it exist, could it (and a subdirectory in it) be made, could a file be
     * written there (or, when not, in its nearest existing ancestor), did that file run as a program,
     * and was anything left behind. Everything made is removed, deepest first.
     */
    static String workdirScript(String d) {
        return "d=" + RemoteShell.quote(d) + "\n" + """
                t=.qnx-hil-probe-$$; made=; x=$d
                while [ -n "$x" ] && [ ! -d "$x" ]; do made="$made $x"; x=${x%/*}; done
                [ -n "$x" ] || x=/
                ex=0; [ -d "$d" ] && ex=1
                mk=0; wr=0; run=0; at=$x
                if mkdir -p "$d/$t" 2>/dev/null; then mk=1; at=$d/$t; fi
                f=$at/qhp-$$
                if (printf '#!/bin/sh\\necho qhp-ran\\n' > "$f") 2>/dev/null; then
                  wr=1; chmod 755 "$f" 2>/dev/null
                  case "$("$f" 2>/dev/null)" in qhp-ran) run=1;; esac
                  rm -f "$f"
                fi
                [ $mk = 1 ] && rm -rf "$d/$t"
                for m in $made; do rmdir "$m" 2>/dev/null; done
                left=0; [ -e "$f" ] && left=1; [ -e "$d/$t" ] && left=1; [ $ex = 0 ] && [ -d "$d" ] && left=1
                echo "QHP-DIR $ex $mk $wr $run $left $x $d"
                """;
    }

    /** Null when the SFTP subsystem answered; else why not. */
    private static String sftp(SshConnection ssh) {
        try (SftpClient c = SftpClientFactory.instance().createSftpClient(ssh.session())) {
            c.canonicalPath(".");
            return null;
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage();
            return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        }
    }

    /** The agent's own report when one is already on the board (never deployed here); null otherwise. */
    private Clock clock() {
        String path = null;
        if (board.transport() instanceof TransportConfig.Local local) {
            path = Files.isExecutable(local.agent()) ? local.agent().toString() : null;
        } else {
            String agents = configuredWorkdir(out("printf '%s\\n' \"$HOME\"").strip()) + "/agents";
            List<String> present = new ArrayList<>();
            for (String name : out("ls " + RemoteShell.quote(agents) + " 2>/dev/null").split("\\s+")) {
                if (HASH_DIR.matcher(name).matches()) {
                    present.add(name);
                }
            }
            String mine = localHash(board.access().agentBuild());
            String pick = present.contains(mine) ? mine : present.isEmpty() ? null : present.get(0);
            if (pick != null) {
                path = agents + "/" + pick + "/" + Deployer.AGENT_NAME;
            }
        }
        if (path == null) {
            return null;
        }
        String env = board.simulated() ? "QNXSIM_NODE=" + SimNode.next("probe") + " " : "";
        // short lines (a console's canonical limit): the path once per line
        RemoteShell.Result r = shell.query("if test -x " + RemoteShell.quote(path) + "; then\nprintf 'info\\nquit\\n' | env " + env
                + RemoteShell.quote(path) + "\nfi", timeout);
        BoardInfo info = info(r.out());
        return info == null ? new Clock(path, null) : new Clock(path, info);
    }

    /** Where the agent is and what it said (null when it did not answer). */
    public record Clock(String agent, BoardInfo info) {
    }

    private static BoardInfo info(String out) {
        FrameReader frames = new FrameReader(new ByteArrayInputStream(out.getBytes(StandardCharsets.UTF_8)));
        while (true) {
            try {
                AgentRecord rec = frames.next();
                if (rec == null) {
                    return null;
                }
                if (rec.type().equals("info")) {
                    return RecordDecoder.info(rec);
                }
            } catch (ProtocolException e) {
                // console noise that looked like a record: keep reading
            } catch (IOException e) {
                return null;
            }
        }
    }

    private static String localHash(Path build) {
        try {
            return build != null && Files.isRegularFile(build) ? Deployer.sha256(Files.readAllBytes(build)) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A read-only command's output (over a console, asked again when a kernel message landed in it). */
    private String out(String command) {
        return shell.query(command, timeout).out();
    }
}
