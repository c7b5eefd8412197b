#!/usr/bin/env python3
"""A virtual serial console: a real pseudo-terminal whose far end behaves like a board's console (the
simulated board's serial peer, io.qnxhil.sim.ConsolePeer, and the tests). It shows a login prompt,
checks the user and password, then runs a shell on a second pty, relaying bytes both ways.

Polite by default. --strict makes it as strict as a QNX board's console (devc-ser8250 over io-char):
  - canonical input lines hold at most --line-max bytes (256, io-char's -C): what goes past is lost;
  - typed input waits in an input buffer of --input-buffer bytes (2048, io-char's -I) until the
    reader takes it, and what overflows it is lost (no flow control);
  - boot chatter before the first login prompt, an odd host prompt, bash's bracketed-paste escapes
    (bash is the shell unless --shell says otherwise), CRLF line ends;
  - kernel messages land at random byte positions (--noise-lines: the chance per output line), also
    inside markers and records: mid-line with a line break of their own in front, at a line start
    without.
Optional pacing holds each direction to a baud rate (10 bits per byte). --noise N adds messages at
random moments (N a second, at line starts).

  virtual_console.py --link PATH --user U --password-file F [--strict] [--noise N] [--noise-lines P]
                     [--seed S] [--baud B] [--line-max N] [--input-buffer N] [--shell PATH]
                     [--home DIR] [--env NAME=VALUE]... [--no-profile] [--hostname H]

The shell starts in --home (default: $HOME) with HOME, USER, TERM, LANG, PS1 and a PATH set, then
each --env on top (a userland's PATH, LD_PRELOAD, SHELL). --no-profile starts it as a plain
interactive shell rather than a login shell, so the host's /etc/profile cannot change that PATH
(bash never reads its startup files here).

Prints "READY <tty>" when the port can be opened. SIGUSR1 closes the port underneath (the device
vanishes); SIGTERM ends everything. Exits when its parent
(the test JVM) dies.
"""
import argparse, fcntl, os, random, select, shutil, signal, struct, sys, termios, time, tty

MESSAGES = [
    "io-sock: em0: link state changed to DOWN",
    "io-sock: em0: link state changed to UP",
    "devb-sdmmc: sdmmc_sd_setup: SD card detected",
    "smmuman: no IOMMU present, running in pass-through mode",
    "usb 1-1.3: new high-speed USB device number {n} using dwc2",
    "random: crng init done",
    "slogger2: buffer set 'io-sock' overrun ({n} records)",
    "audit: QHB-like noise QHE000000000000:1. #QHIL1 12 deadbeef not a record",
]

BOOT = [
    "Startup: Raspberry Pi 4 (BCM2711), 4 CPUs",
    "Loading IFS... decompressing... done",
    "QNX Neutrino 8.0.0 (built for aarch64le)",
    "Starting slogger2, pipe, io-sock, devc-ser8250, sshd ...",
]


class Pacer:
    """Holds one direction to `rate` bytes per second (None: no limit)."""

    def __init__(self, rate):
        self.rate = rate
        self.t0 = time.monotonic()
        self.sent = 0

    def wait(self, n):
        if not self.rate:
            return
        self.sent += n
        ahead = self.sent / self.rate - (time.monotonic() - self.t0)
        if ahead > 0:
            time.sleep(ahead)
        elif ahead < -0.05:  # idle line: do not save up credit
            self.t0 = time.monotonic()
            self.sent = 0


class Output:
    """The console's output direction: pacing and kernel messages at line starts or inside lines."""

    def __init__(self, master, rate, rnd, per_second, per_line):
        self.master, self.pacer, self.rnd = master, Pacer(rate), rnd
        self.per_second, self.per_line = per_second, per_line
        self.uptime0 = time.monotonic() - rnd.uniform(5, 50)
        self.next_timed = time.monotonic() + (rnd.expovariate(per_second) if per_second else 1e9)
        self.line_pos = 0
        self.inject_at = self.pick()

    def pick(self):
        """Where in the coming line a message lands (None: nowhere)."""
        if self.per_line and self.rnd.random() < self.per_line:
            return self.rnd.randint(0, 120)
        return None

    def message(self, mid_line):
        t = time.monotonic() - self.uptime0
        msg = self.rnd.choice(MESSAGES).format(n=self.rnd.randint(2, 999))
        text = "[%5d.%03d] %s\r\n" % (int(t), int((t % 1) * 1000), msg)
        return (("\r\n" if mid_line else "") + text).encode()

    def raw(self, data):
        for i in range(0, len(data), 64):
            part = data[i:i + 64]
            self.pacer.wait(len(part))
            os.write(self.master, part)

    def write(self, data):
        out = bytearray()
        for b in data:
            if self.inject_at is not None and self.line_pos >= self.inject_at:
                out += self.message(self.line_pos > 0)
                self.inject_at = None
            out.append(b)
            if b == 0x0A:
                if self.inject_at is not None:  # the line ended before the chosen byte: the message follows it
                    out += self.message(False)
                self.line_pos = 0
                self.inject_at = self.pick()
            else:
                self.line_pos += 1
        self.raw(bytes(out))

    def timed(self, idle):
        """A message at a random moment, at a line start (or on an idle line)."""
        now = time.monotonic()
        if now < self.next_timed or not (self.line_pos == 0 or idle):
            return
        self.next_timed = now + self.rnd.expovariate(self.per_second)
        self.raw(self.message(self.line_pos > 0))
        self.line_pos = 0


class LineDiscipline:
    """io-char's input side in front of the shell's pty: a line limit and a small input buffer that drops."""

    def __init__(self, inner, slave, line_max, input_buffer):
        self.inner, self.slave = inner, slave
        self.line_max, self.input_buffer = line_max, input_buffer
        self.pending = bytearray()  # the partial canonical line, not yet handed to the reader
        self.in_line = 0  # bytes typed since the last line end (a raw-mode reader too)

    def unread(self):
        b = fcntl.ioctl(self.slave, termios.FIONREAD, b"\0\0\0\0")
        return struct.unpack("i", b)[0] + len(self.pending)

    def sync(self):
        """A reader that left canonical mode gets the partial line at once, as from a tty's own buffer."""
        try:
            canon = termios.tcgetattr(self.slave)[3] & termios.ICANON
        except termios.error:
            return
        if self.pending and not canon:
            os.write(self.inner, bytes(self.pending))
            self.pending.clear()

    def feed(self, data):
        for b in data:
            c = bytes([b])
            try:
                attrs = termios.tcgetattr(self.slave)
            except termios.error:
                return
            lflag, cc = attrs[3], attrs[6]
            canon = lflag & termios.ICANON
            if not canon and self.pending:
                os.write(self.inner, bytes(self.pending))
                self.pending.clear()
            if lflag & termios.ISIG and c in (cc[termios.VINTR], cc[termios.VQUIT]):
                self.pending.clear()  # io-char flushes typed input on an interrupt
                self.in_line = 0
                os.write(self.inner, c)
                continue
            if self.input_buffer and self.unread() >= self.input_buffer:
                continue
            if c in (b"\n", b"\r") or (canon and c == cc[termios.VEOF]):
                if canon:
                    os.write(self.inner, bytes(self.pending) + c)
                    self.pending.clear()
                else:
                    os.write(self.inner, c)
                self.in_line = 0
                continue
            if canon and c in (b"\x7f", b"\x08"):
                if self.pending:
                    self.pending.pop()
                    self.in_line -= 1
                continue
            if self.line_max and self.in_line >= self.line_max - 1:
                continue
            self.in_line += 1
            if canon:
                self.pending += c
            else:
                os.write(self.inner, c)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--link", required=True)
    ap.add_argument("--user", required=True)
    ap.add_argument("--password-file", required=True)
    ap.add_argument("--strict", action="store_true")
    ap.add_argument("--noise", type=float, default=0.0, help="kernel messages per second, on average")
    ap.add_argument("--noise-lines", type=float, default=None, help="chance of a kernel message inside an output line")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--baud", type=int, default=0)
    ap.add_argument("--line-max", type=int, default=None)
    ap.add_argument("--input-buffer", type=int, default=None)
    ap.add_argument("--shell", default=None)
    ap.add_argument("--hostname", default=None)
    ap.add_argument("--home", default=None)
    ap.add_argument("--env", action="append", default=[], help="NAME=VALUE for the shell's environment")
    ap.add_argument("--no-profile", action="store_true")
    a = ap.parse_args()
    extra_env = {}
    for item in a.env:
        name, sep, value = item.partition("=")
        if not sep or not name:
            ap.error("--env wants NAME=VALUE, got " + item)
        extra_env[name] = value
    strict = a.strict
    line_max = a.line_max if a.line_max is not None else (256 if strict else 0)
    input_buffer = a.input_buffer if a.input_buffer is not None else (2048 if strict else 0)
    per_line = a.noise_lines if a.noise_lines is not None else 0.0
    shell = a.shell or ((shutil.which("bash") or "/bin/sh") if strict else "/bin/sh")
    hostname = a.hostname or ("qnxpi" if strict else "qnxsim-console")
    with open(a.password_file) as f:
        password = f.read().strip()
    rnd = random.Random(a.seed)
    rate = a.baud / 10.0 if a.baud else None
    from_port = Pacer(rate)

    master, slave = os.openpty()
    tty.setraw(slave)
    name = os.ttyname(slave)
    try:
        os.unlink(a.link)
    except FileNotFoundError:
        pass
    os.symlink(name, a.link)
    parent = os.getppid()
    out = Output(master, rate, rnd, a.noise, per_line)
    state = {"shell": None, "gone": False, "ld": None}

    def cleanup(*_):
        if state["shell"]:
            try:
                os.killpg(state["shell"], signal.SIGKILL)
            except OSError:
                pass
        try:
            os.unlink(a.link)
        except OSError:
            pass
        os._exit(0)

    def vanish(*_):
        state["gone"] = True

    signal.signal(signal.SIGTERM, cleanup)
    signal.signal(signal.SIGUSR1, vanish)
    print("READY " + name, flush=True)
    if strict:
        for line in BOOT:
            out.write((line + "\r\n").encode())

    def read_line(echo):
        line = b""
        while True:
            if state["gone"] or os.getppid() != parent:
                cleanup()
            r, _, _ = select.select([master], [], [], 0.1)
            out.timed(idle=True)
            if not r:
                continue
            b = os.read(master, 1)
            from_port.wait(1)
            if b in (b"\r", b"\n"):
                out.write(b"\r\n")
                return line.decode(errors="replace")
            if b in (b"\x7f", b"\x08"):
                line = line[:-1]
                continue
            if line_max and len(line) >= line_max - 1:
                continue
            line += b
            if echo:
                out.write(b)

    while True:
        out.write(("\r\n%s login: " % hostname).encode())
        user = read_line(echo=True)
        if not user:
            continue
        out.write(b"Password: ")
        pw = read_line(echo=False)
        if user != a.user or pw != password:
            time.sleep(0.2)
            out.write(b"\r\nLogin incorrect\r\n")
            continue
        home = a.home or os.environ.get("HOME", "/")
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home, "TERM": "xterm", "LANG": "C",
               "PS1": ("%s@%s:~$ " % (a.user, hostname)) if strict else "# ", "USER": a.user}
        env.update(extra_env)
        inner, inner_slave = os.openpty()
        pid = os.fork()
        if pid == 0:
            os.setsid()
            fcntl.ioctl(inner_slave, termios.TIOCSCTTY, 0)
            for fd in (0, 1, 2):
                os.dup2(inner_slave, fd)
            os.closerange(3, 1024)
            try:
                os.chdir(home)
            except OSError:
                pass
            argv = [("" if a.no_profile else "-") + os.path.basename(shell)]
            if os.path.basename(shell) == "bash":
                argv += ["--noprofile", "--norc"]
            os.execve(shell, argv, env)
        state["shell"] = pid
        state["ld"] = LineDiscipline(inner, inner_slave, line_max, input_buffer)
        relay(master, inner, out, from_port, state, parent, cleanup, a.link)
        state["shell"] = None
        os.close(inner)
        os.close(inner_slave)


def relay(master, inner, out, from_port, state, parent, cleanup, link):
    ld = state["ld"]
    while True:
        if state["gone"]:
            # the device vanishes: the port closes underneath whoever has it open
            try:
                os.killpg(state["shell"], signal.SIGKILL)
            except OSError:
                pass
            os.close(master)
            try:
                os.unlink(link)
            except OSError:
                pass
            while os.getppid() == parent:
                time.sleep(0.2)
            os._exit(0)
        if os.getppid() != parent:
            cleanup()
        try:
            done, _ = os.waitpid(state["shell"], os.WNOHANG)
        except ChildProcessError:
            done = state["shell"]
        if done:
            # the shell ended: what it printed last, then back to the login prompt
            while select.select([inner], [], [], 0)[0]:
                try:
                    data = os.read(inner, 4096)
                except OSError:
                    break
                if not data:
                    break
                out.write(data)
            return
        ld.sync()
        r, _, _ = select.select([master, inner], [], [], 0.02 if ld.pending else 0.1)
        if not r:
            out.timed(idle=True)
            continue
        if inner in r:
            try:
                data = os.read(inner, 4096)
            except OSError:
                data = b""
            if data:
                out.write(data)
                out.timed(idle=False)
        if master in r:
            data = os.read(master, 256)
            from_port.wait(len(data))
            ld.feed(data)


if __name__ == "__main__":
    main()
