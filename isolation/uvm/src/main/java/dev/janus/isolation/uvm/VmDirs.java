package dev.janus.isolation.uvm;

import dev.janus.isolation.HostContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a handler keeps its VMs: {@code <state>/uvm/<handler>/<first 16 hex of the sandbox id>}.
 * Short names, because the VM's unix sockets live there and a socket path has at most 107
 * bytes. Layer disks are shared by every VM and survive reboots: {@code <root>/uvm/layers}.
 */
record VmDirs(Path base, Path layers) {

    static final int SHORT_ID = 16;

    static VmDirs of(HostContext host, String handler) {
        return new VmDirs(host.stateDir().resolve("uvm").resolve(handler).toAbsolutePath(),
                host.rootDir().resolve("uvm").resolve("layers").toAbsolutePath());
    }

    /** The first 16 characters of an id: 64 bits of a random hex id, unique enough on one host. */
    static String shortId(String id) {
        return id.length() <= SHORT_ID ? id : id.substring(0, SHORT_ID);
    }

    Path vmDir(String sandboxId) {
        return base.resolve(shortId(sandboxId));
    }

    /** Every VM directory, including those of VMs that are gone. */
    List<Path> all() {
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(base)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
