package io.qnxhil.probe;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each reader on what the userlands print: GNU coreutils, toybox, busybox, QNX 7.x utilities, consoles. */
class ProbeParsersTest {
    private static final byte[] SAMPLE = "qnx-hil probe\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void cksumFormatsOfEachUserland() {
        // QNX 6.6/7.x: "%10lu %10lu %s"; on stdin the length is padded to ten columns
        var qnx = ProbeParsers.cksum("4294967295          0\n", new byte[0]);
        assertEquals("padded", qnx.format());
        assertTrue(qnx.posixCrc());
        var qnxSample = ProbeParsers.cksum(" 177973488         14\n", SAMPLE);
        assertEquals("padded", qnxSample.format());
        assertTrue(qnxSample.posixCrc());
        // GNU coreutils, toybox and busybox: "%u %llu", no name on stdin
        for (String plain : List.of("4294967295 0\n", "4294967295 0 -\n")) {
            var c = ProbeParsers.cksum(plain, new byte[0]);
            assertEquals("plain", c.format(), plain);
            assertTrue(c.posixCrc(), plain);
        }
        assertEquals("plain", ProbeParsers.cksum("177973488 14\n", SAMPLE).format());
        // a console: echo, a prompt and a kernel message around the line
        var console = ProbeParsers.cksum("$ printf 'qnx-hil probe\\n' | cksum\r\n177973488 14\r\n$ ", SAMPLE);
        assertTrue(console.posixCrc());
        // a BSD-style sum (another algorithm) is not the POSIX CRC; no output at all is no cksum
        assertFalse(ProbeParsers.cksum("35892 1\n", SAMPLE).posixCrc());
        assertNull(ProbeParsers.cksum("sh: cksum: not found\n", SAMPLE));
    }

    @Test
    void printfOctalIsJudgedByTheChecksumOfItsBytes() {
        assertEquals("\\161\\150\\160\\200\\377\\012", ProbeParsers.escapes(ProbeParsers.PRINTF_BYTES));
        assertTrue(ProbeParsers.printfOctal("3430556221 6\n"));
        assertTrue(ProbeParsers.printfOctal("3430556221          6\n"), "QNX 7.x padding");
        assertFalse(ProbeParsers.printfOctal("3015617425 6\n"), "a printf that mangled the high bytes");
    }

    @Test
    void unameOfQnxAndLinux() {
        var rpi = ProbeParsers.uname("QNX\n8.0.0\naarch64le\nQNX qnxpi 8.0.0 2024/09/18-08:28:06EDT RaspberryPi4B aarch64le\n");
        assertEquals("8.0", rpi.qnxRelease());
        assertEquals("aarch64le", rpi.arch());
        var x86 = ProbeParsers.uname("QNX\n7.1.0\nx86_64\nQNX localhost 7.1.0 2020/11/02-15:45:31EST x86pc x86_64\n");
        assertEquals("7.1", x86.qnxRelease());
        assertEquals("x86_64", x86.arch());
        var linux = ProbeParsers.uname("Linux\n6.1.0-18-amd64\nx86_64\nLinux vm 6.1.0-18-amd64 #1 SMP x86_64 GNU/Linux\n");
        assertNull(linux.qnxRelease());
        assertNull(ProbeParsers.uname("QNX\n6.6.0\nx86\n").qnxRelease());
    }

    @Test
    void shellAndUtilities() {
        Map<String, String> env = ProbeParsers.keyValues("ZERO=-bash\nSHELL=/bin/sh\nHOME=/data/home/qnxuser\nUSER=qnxuser\n"
                + "BASH=5.2.15(1)-release\nKSH=\n");
        assertEquals("-bash", env.get("ZERO"));
        assertEquals("", env.get("KSH"));
        Map<String, String> u = ProbeParsers.utilities("have cksum /proc/boot/cksum\nnone base64\nhave od /usr/bin/od\n");
        assertEquals("/proc/boot/cksum", u.get("cksum"));
        assertTrue(u.containsKey("base64"));
        assertNull(u.get("base64"));
    }

    @Test
    void base64MustGiveTheExactText() {
        assertTrue(ProbeParsers.base64Decodes("qnx-hil probe\n"));
        assertFalse(ProbeParsers.base64Decodes("base64: invalid option -- 'd'\n"));
        assertFalse(ProbeParsers.base64Decodes(""));
    }

    @Test
    void workdirLines() {
        List<ProbeParsers.Workdir> w = ProbeParsers.workdirs("""
                QHP-DIR 0 1 1 1 0 /data/home/qnxuser /data/home/qnxuser/qnx-hil
                QHP-DIR 0 0 1 1 0 /tmp /tmp/qnx-hil
                junk
                QHP-DIR 1 1 1 0 0 /mnt/noexec /mnt/noexec/dir with space
                """);
        assertEquals(3, w.size());
        assertTrue(w.get(0).usable());
        assertFalse(w.get(1).usable(), "/tmp as /dev/shmem: files, no directories");
        assertTrue(w.get(1).write());
        assertEquals("/tmp", w.get(1).nearest());
        assertEquals("/mnt/noexec/dir with space", w.get(2).path());
        assertFalse(w.get(2).exec());
    }

    @Test
    void sttyOfGnuBusyboxAndNoTerminal() {
        var gnu = ProbeParsers.stty("""
                speed 115200 baud; rows 24; columns 80; line = 0;
                intr = ^C; quit = ^\\; erase = ^?; kill = ^U; eof = ^D; eol = <undef>;
                -parenb -parodd -cmspar cs8 -hupcl -cstopb cread clocal -crtscts
                -ignbrk -brkint -ignpar -parmrk -inpck -istrip -inlcr -igncr icrnl -ixon -ixoff -iuclc -ixany -imaxbel
                isig icanon iexten -echo echoe echok -echonl -noflsh -xcase -tostop -echoprt echoctl echoke -flusho -extproc
                """);
        assertEquals(115200, gnu.baud());
        assertTrue(gnu.icanon());
        assertFalse(gnu.echo());
        assertFalse(gnu.ixon());
        var busybox = ProbeParsers.stty("speed 38400 baud;stty: line = 0;\nintr = ^C\n-icanon ixon echo\n");
        assertEquals(38400, busybox.baud());
        assertFalse(busybox.icanon());
        assertTrue(busybox.ixon());
        assertNull(ProbeParsers.stty("stty: 'standard input': Inappropriate ioctl for device\n"));
        assertNull(ProbeParsers.stty("stty: not a tty\n"));
        assertEquals(255, ProbeParsers.maxCanon("255\n"));
        assertNull(ProbeParsers.maxCanon("getconf: invalid argument\n"));
    }

    @Test
    void procntoArgumentsFromPidinAndPs() {
        var u = ProbeParsers.procnto("""
                     pid Arguments
                       1 procnto-smp-instr -v -U
                """);
        assertTrue(u.unregisteredEvents());
        assertEquals("procnto-smp-instr -v -U", u.command());
        var plain = ProbeParsers.procnto("      1 /proc/boot/procnto-smp-instr -mr -v\n");
        assertFalse(plain.unregisteredEvents());
        assertTrue(ProbeParsers.procnto("1 procnto-smp-instr -vU\n").unregisteredEvents());
        assertNull(ProbeParsers.procnto("/sbin/init splash\n"), "Linux: no procnto");
    }

    @Test
    void forkCheck() {
        assertTrue(ProbeParsers.forks("qhp-fork 0\n"));
        assertFalse(ProbeParsers.forks("sh: fork: Function not implemented\nqhp-fork 127\n"));
        assertFalse(ProbeParsers.forks(""));
    }
}
