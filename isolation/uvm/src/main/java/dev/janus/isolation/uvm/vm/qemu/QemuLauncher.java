package dev.janus.isolation.uvm.vm.qemu;

import dev.janus.isolation.host.HostCgroup;
import dev.janus.isolation.host.HostCommand;
import dev.janus.isolation.uvm.vm.VmConfig;
import dev.janus.isolation.uvm.vm.VmException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Starts QEMU detached from janusd and finds it again. QEMU daemonizes itself (fork, setsid,
 * pidfile): the command janusd runs returns once the VM is set up, with QEMU's errors on its
 * output, and the VM no longer depends on janusd. After a restart the pidfile and the process
 * name ({@code janus-<id>} in its argv) tell which process is the VM's.
 */
final class QemuLauncher {

    private static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(60);

    private QemuLauncher() {
    }

    /** A fresh VM directory: stale sockets, pidfile and console of an earlier run removed. */
    static void prepare(QemuFiles files) {
        try {
            Files.createDirectories(files.vmDir());
            try (var entries = Files.list(files.vmDir())) {
                for (Path entry : entries.toList()) {
                    String name = entry.getFileName().toString();
                    if (name.endsWith(".sock") || entry.equals(files.pidFile()) || entry.equals(files.consoleLog())) {
                        Files.deleteIfExists(entry);
                    }
                }
            }
        } catch (IOException e) {
            throw VmException.failed("cannot prepare VM directory " + files.vmDir() + ": " + e.getMessage(), e);
        }
    }

    /** With a host cgroup, QEMU starts inside it: every page it touches is charged to the pod. */
    static ProcessHandle launch(VmConfig config, Accel accel, QemuOptions options, QemuFiles files) {
        List<String> argv = QemuCommandLine.launch(config, accel, options);
        if (!config.hostCgroup().isEmpty()) {
            HostCgroup cgroup = HostCgroup.of(config.hostCgroup());
            try {
                cgroup.create();
            } catch (IOException e) {
                throw VmException.failed("cannot make cgroup " + cgroup.path() + " for VM " + config.id() + ": "
                        + e.getMessage(), e);
            }
            argv = cgroup.wrap(argv);
        }
        HostCommand.Result result = HostCommand.run(argv, LAUNCH_TIMEOUT);
        if (!result.ok()) {
            throw new VmException(VmException.Kind.FAILED_PRECONDITION, "QEMU did not start VM " + config.id()
                    + " (exit " + result.exitCode() + "): " + result.output());
        }
        return find(files, config.id()).orElseThrow(() -> VmException.failed(
                "QEMU started VM " + config.id() + " but " + files.pidFile() + " names no live QEMU", null));
    }

    /** The VM's QEMU process, when the pidfile names a live process that is this VM's QEMU. */
    static Optional<ProcessHandle> find(QemuFiles files, String id) {
        long pid;
        try {
            pid = Long.parseLong(Files.readString(files.pidFile()).strip());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> isVm(pid, id));
    }

    /** Guards against a recycled pid: QEMU's argv carries {@code -name janus-<id>,...}. */
    private static boolean isVm(long pid, String id) {
        try {
            String argv = Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline")).replace('\0', ' ');
            return argv.contains(" janus-" + id + ",");
        } catch (IOException e) {
            return false;
        }
    }
}
