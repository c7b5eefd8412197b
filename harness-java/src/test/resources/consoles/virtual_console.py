#!/usr/bin/env python3
"""A virtual serial console for tests: a real pseudo-terminal whose far end behaves like a board's
console. It shows a login prompt, checks the user and password, then runs a POSIX shell on a second
pty (with its own line discipline: echo, ^C, ^D), relaying bytes both ways. Kernel-style messages
are injected into the console output at random moments (between the shell's writes, or when the
line is idle). Optional pacing holds each direction to a baud rate (10 bits per byte).

  virtual_console.py --link PATH --user U --password-file F [--noise N] [--seed S] [--baud B]

Prints "READY <tty>" when the port can be opened. SIGUSR1 closes the port underneath (the device
vanishes); SIGTERM ends everything. Exits when its parent (the test JVM) dies.
"""
import argparse, os, pty, random, select, signal, sys, termios, time, tty

MESSAGES = [
    "usb 1-1.3: new high-speed USB device number {n} using dwc2",
    "mmc0: new high speed SDHC card at address aaaa",
    "random: crng init done",
    "brcmfmac: brcmf_c_preinit_dcmds: Firmware: BCM4345/6 wl0: Oct 28 2021",
    "EXT4-fs (mmcblk0p2): re-mounted. Opts: (null)",
    "eth0: Link is Up - 1Gbps/Full - flow control rx/tx",
    "systemd-journald[{n}]: Time spent on flushing is 1.5ms",
    "audit: QHB-like noise QHE000000000000:1 not a marker",
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--link", required=True)
    ap.add_argument("--user", required=True)
    ap.add_argument("--password-file", required=True)
    ap.add_argument("--noise", type=float, default=0.0, help="kernel messages per second, on average")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--baud", type=int, default=0)
    ap.add_argument("--hostname", default="qnxsim-console")
    a = ap.parse_args()
    with open(a.password_file) as f:
        password = f.read().strip()
    rnd = random.Random(a.seed)
    rate = a.baud / 10.0 if a.baud else None
    to_port, from_port = Pacer(rate), Pacer(rate)

    master, slave = os.openpty()
    tty.setraw(slave)
    name = os.ttyname(slave)
    try:
        os.unlink(a.link)
    except FileNotFoundError:
        pass
    os.symlink(name, a.link)
    parent = os.getppid()
    state = {"shell": None, "fd": None, "gone": False}

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
    uptime0 = time.monotonic() - rnd.uniform(5, 50)
    next_noise = [time.monotonic() + (rnd.expovariate(a.noise) if a.noise else 1e9)]
    at_line_start = [True]

    def out(data):
        for i in range(0, len(data), 64):
            part = data[i:i + 64]
            to_port.wait(len(part))
            os.write(master, part)
        if data:
            at_line_start[0] = data.endswith(b"\n")

    def maybe_noise(idle):
        now = time.monotonic()
        if now < next_noise[0] or not (at_line_start[0] or idle):
            return
        next_noise[0] = now + rnd.expovariate(a.noise)
        t = now - uptime0
        msg = rnd.choice(MESSAGES).format(n=rnd.randint(2, 999))
        out(("[%5d.%06d] %s\r\n" % (int(t), int((t % 1) * 1e6), msg)).encode())

    def read_line(echo):
        line = b""
        while True:
            if state["gone"] or os.getppid() != parent:
                cleanup()
            r, _, _ = select.select([master], [], [], 0.1)
            maybe_noise(idle=True)
            if not r:
                continue
            b = os.read(master, 1)
            from_port.wait(1)
            if b in (b"\r", b"\n"):
                out(b"\r\n")
                return line.decode(errors="replace")
            if b in (b"\x7f", b"\x08"):
                line = line[:-1]
                continue
            line += b
            if echo:
                out(b)

    while True:
        out(("\r\n%s login: " % a.hostname).encode())
        user = read_line(echo=True)
        if not user:
            continue
        out(b"Password: ")
        pw = read_line(echo=False)
        if user != a.user or pw != password:
            time.sleep(0.2)
            out(b"\r\nLogin incorrect\r\n")
            continue
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": os.environ.get("HOME", "/"), "PS1": "# ",
               "TERM": "vt100", "LANG": "C"}
        pid, fd = pty.fork()
        if pid == 0:
            os.execve("/bin/sh", ["-sh"], env)
        state["shell"], state["fd"] = pid, fd
        relay(master, fd, out, maybe_noise, from_port, state, parent, cleanup)
        state["shell"] = None
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass


def relay(master, fd, out, maybe_noise, from_port, state, parent, cleanup):
    while True:
        if state["gone"]:
            # the device vanishes: the port closes underneath whoever has it open
            try:
                os.killpg(state["shell"], signal.SIGKILL)
            except OSError:
                pass
            os.close(master)
            try:
                os.unlink(sys.argv[sys.argv.index("--link") + 1])
            except OSError:
                pass
            while os.getppid() == parent:
                time.sleep(0.2)
            os._exit(0)
        if os.getppid() != parent:
            cleanup()
        r, _, _ = select.select([master, fd], [], [], 0.1)
        if not r:
            maybe_noise(idle=True)
            continue
        if fd in r:
            try:
                data = os.read(fd, 4096)
            except OSError:
                data = b""
            if not data:
                return  # the shell ended: back to the login prompt
            out(data)
            maybe_noise(idle=False)
        if master in r:
            data = os.read(master, 256)
            from_port.wait(len(data))
            os.write(fd, data)


if __name__ == "__main__":
    main()
