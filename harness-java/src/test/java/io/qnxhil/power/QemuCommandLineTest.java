package io.qnxhil.power;

import io.qnxhil.board.BoardConfig;
import io.qnxhil.board.BoardConfigLoader;
import io.qnxhil.board.PowerConfig;
import io.qnxhil.plan.ConfigException;
import io.qnxhil.testing.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.qnxhil.testing.ConfigErrors.assertNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The QEMU command line built from an mkqnximage image folder, per release, and the config errors around it. */
class QemuCommandLineTest {
    @TempDir
    Path dir;

    private static String board(String release, String qemu) {
        return """
                name: q
                os: qnx
                release: "%s"
                arch: x86_64
                transport:
                  ssh:
                    host: 127.0.0.1
                    port: 10022
                    user: root
                    identity: /keys/id_ed25519
                    known_hosts: /keys/known_hosts
                power:
                  qemu:
                %s""".formatted(release, qemu.indent(4));
    }

    private BoardConfig load(String text) throws IOException {
        Path f = dir.resolve("q.yaml");
        Files.writeString(f, text);
        return BoardConfigLoader.load(f, dir);
    }

    private ConfigException failure(String text) throws IOException {
        Path f = dir.resolve("q.yaml");
        Files.writeString(f, text);
        return assertThrows(ConfigException.class, () -> BoardConfigLoader.load(f, dir));
    }

    private static List<String> argv(BoardConfig board) {
        return new QemuPower(board.name(), (PowerConfig.Qemu) board.access().power()).command();
    }

    private static List<String> expected(String cpu, String memory, String smp, String nic) {
        List<String> head = cpu.equals("kvm") ? List.of("qemu-system-x86_64", "-enable-kvm", "-cpu", "host")
                : List.of("qemu-system-x86_64", "-cpu", "max");
        return java.util.stream.Stream.concat(head.stream(), List.of(
                "-smp", smp, "-m", memory,
                "-kernel", "/srv/img/output/ifs.bin",
                "-drive", "file=/srv/img/output/disk-qemu.vmdk,if=ide,id=drv0",
                "-object", "rng-random,filename=/dev/urandom,id=rng0",
                "-device", "virtio-rng-pci,rng=rng0",
                "-netdev", "user,id=net0,hostfwd=tcp:127.0.0.1:10022-:22",
                "-device", nic + ",netdev=net0",
                "-nographic", "-serial", "mon:stdio").stream()).toList();
    }

    @Test
    void release80BootsTheIfsWithVirtioNetAndRng() throws IOException {
        BoardConfig b = load(board("8.0", "image: /srv/img/output\n"));
        assertEquals(expected("tcg", "1G", "2", "virtio-net-pci"), argv(b));
    }

    @Test
    void release71ImagesUseE1000() throws IOException {
        BoardConfig b = load(board("7.1", "image: /srv/img/output\nmemory: 2048M\nsmp: 4\nkvm: true\n"));
        assertEquals(expected("kvm", "2048M", "4", "e1000"), argv(b));
    }

    @Test
    void aNamedNicAndExtraArgumentsAreKept() throws IOException {
        BoardConfig b = load(board("7.1", "image: /srv/img/output\nnic: virtio-net-pci\nextra_args: [-no-reboot]\n"));
        List<String> argv = argv(b);
        assertTrue(argv.contains("virtio-net-pci,netdev=net0"), argv.toString());
        assertEquals("-no-reboot", argv.get(argv.size() - 1));
    }

    @Test
    void theExampleConfigBuildsTheLineItsCommentShows() throws IOException {
        Path example = ProjectPaths.boardConfigs().resolve("x86_64-qemu.yaml");
        BoardConfig b = BoardConfigLoader.load(example, ProjectPaths.root());
        String line = String.join(" ", argv(b)).replace("/srv/qnx-images/x86_64/output", "DIR");
        String comment = Files.readAllLines(example).stream().filter(l -> l.startsWith("#   ") || l.startsWith("#     "))
                .map(l -> l.substring(1).strip()).reduce((x, y) -> x + " " + y).orElseThrow();
        assertEquals(comment, line);
    }

    @Test
    void aWholeCommandStillWorks() throws IOException {
        BoardConfig b = load(board("8.0", "command: [qemu-system-x86_64, -hda, disk.img]\n"));
        assertEquals(List.of("qemu-system-x86_64", "-hda", "disk.img"), argv(b));
    }

    @Test
    void mistakesNameFileLineAndField() throws IOException {
        Path f = dir.resolve("q.yaml");
        assertNames(failure(board("8.0", "image: /i\ncommand: [q]\n")), f, 14, "power.qemu");
        assertNames(failure(board("8.0", "command: [q]\nsmp: 2\n")), f, 15, "power.qemu.smp");
        assertNames(failure(board("8.0", "image: /i\nsmp: 0\n")), f, 15, "power.qemu.smp");
        assertNames(failure(board("8.0", "image: /i\nmemory: lots\n")), f, 15, "power.qemu.memory");
        ConfigException nic = failure(board("8.0", "image: /i\nnic: ne2000\n"));
        assertNames(nic, f, 15, "power.qemu.nic");
        assertTrue(nic.getMessage().contains("e1000 for 7.1, virtio-net-pci for 8.0"), nic.getMessage());
        ConfigException remote = failure(board("8.0", "image: /i\n").replace("host: 127.0.0.1", "host: 10.0.0.9"));
        assertNames(remote, f, 14, "power.qemu.image");
        assertTrue(remote.getMessage().contains("loopback"), remote.getMessage());
        assertNames(failure(board("8.0", "image: /i\n").replace("arch: x86_64", "arch: aarch64le")), f, 14,
                "power.qemu.image");
    }

    @Test
    void powerOnWithoutTheImageFilesSaysWhichIsMissing() throws IOException {
        BoardConfig b = load(board("8.0", "image: " + dir.resolve("nothing-here") + "\n"));
        PowerException e = assertThrows(PowerException.class,
                () -> new QemuPower(b.name(), (PowerConfig.Qemu) b.access().power()).on());
        assertTrue(e.getMessage().contains("no ifs.bin in " + dir.resolve("nothing-here")), e.getMessage());
    }
}
