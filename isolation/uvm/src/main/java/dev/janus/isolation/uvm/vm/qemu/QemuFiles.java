package dev.janus.isolation.uvm.vm.qemu;

import dev.janus.isolation.uvm.vm.ChannelSpec;
import java.nio.file.Path;

/** The files of one QEMU VM in its directory; a restarted janusd finds the VM through them. */
record QemuFiles(Path vmDir) {

    QemuFiles {
        vmDir = vmDir.toAbsolutePath();
    }

    Path qmpSocket() {
        return vmDir.resolve("qmp.sock");
    }

    Path pidFile() {
        return vmDir.resolve("qemu.pid");
    }

    Path consoleLog() {
        return vmDir.resolve("console.log");
    }

    Path channelSocket(ChannelSpec channel) {
        return vmDir.resolve(channel.socketFile());
    }
}
