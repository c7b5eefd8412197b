package io.qnxhil.power;

import io.qnxhil.board.PowerConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The QEMU command line of an x86_64 image made by {@code mkqnximage --type=qemu}, booted the way
 * {@code mkqnximage --run} boots it: the IFS as the kernel, the disk image on IDE, a virtio RNG fed
 * from the host's /dev/urandom, the release's NIC on user-mode networking, the serial console on
 * stdio. The differences from mkqnximage's own line: no -pidfile (the harness holds the process),
 * user-mode networking with ssh forwarded to a loopback port (mkqnximage sets up a bridge).
 */
public final class QemuCommandLine {
    public static final String IFS = "ifs.bin";
    public static final String DISK = "disk-qemu.vmdk";

    private QemuCommandLine() {
    }

    public static List<String> of(PowerConfig.QemuImage image) {
        List<String> argv = new ArrayList<>(List.of(image.qemu()));
        if (image.kvm()) {
            argv.addAll(List.of("-enable-kvm", "-cpu", "host"));
        } else {
            argv.addAll(List.of("-cpu", "max"));
        }
        argv.addAll(List.of("-smp", Integer.toString(image.smp()), "-m", image.memory(),
                "-kernel", image.dir().resolve(IFS).toString(),
                "-drive", "file=" + image.dir().resolve(DISK) + ",if=ide,id=drv0",
                "-object", "rng-random,filename=/dev/urandom,id=rng0",
                "-device", "virtio-rng-pci,rng=rng0",
                "-netdev", "user,id=net0,hostfwd=tcp:127.0.0.1:" + image.sshPort() + "-:22",
                "-device", image.nicModel() + ",netdev=net0",
                "-nographic", "-serial", "mon:stdio"));
        argv.addAll(image.extra());
        return argv;
    }
}
