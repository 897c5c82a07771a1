package dev.janus.isolation.uvm;

import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.Mount;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.uvm.agent.AgentClient;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A container's CRI mounts until the VM gets host directories over 9P: each host file or
 * directory is copied into the guest when the container is created, and the container binds
 * the copy (one copy per host path, shared by the pod's containers). A snapshot: what the
 * container writes stays in the VM, later changes on the host are not seen. Small things only (kubelet's hosts file, termination log, config maps, secrets,
 * empty dirs): files of at most 1 MiB (one protocol frame), 64 MiB and 4096 files in all.
 * Symbolic links are followed; an empty directory gets a {@code .janus-empty} marker file so
 * that it exists in the guest.
 */
final class VolumeCopies {

    static final int MAX_FILE = (1 << 20) - 4096;
    static final long MAX_TOTAL = 64L << 20;
    static final int MAX_FILES = 4096;

    private VolumeCopies() {
    }

    /** The config with each mount's host path replaced by its copy in the guest. */
    static ContainerConfig copy(ContainerConfig config, AgentClient agent) {
        if (config.getMountsCount() == 0) {
            return config;
        }
        ContainerConfig.Builder out = config.toBuilder().clearMounts();
        Budget budget = new Budget();
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < config.getMountsCount(); i++) {
            Mount mount = config.getMounts(i);
            Path source = Path.of(mount.getHostPath());
            Path target = GuestPaths.volume(mount.getHostPath());
            if (!Files.exists(source)) {
                throw CriException.precondition("mount %s: host path %s does not exist", mount.getContainerPath(),
                        source);
            }
            if (Files.isDirectory(source)) {
                writes.addAll(directory(source, target, agent, budget));
            } else {
                writes.add(file(source, target, agent, budget));
            }
            out.addMounts(mount.toBuilder().setHostPath(target.toString()));
        }
        AgentClient.await(CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)));
        return out.build();
    }

    private static List<CompletableFuture<Void>> directory(Path source, Path target, AgentClient agent, Budget budget) {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        try (Stream<Path> tree = Files.walk(source, FileVisitOption.FOLLOW_LINKS)) {
            for (Path file : tree.filter(Files::isRegularFile).toList()) {
                writes.add(file(file, target.resolve(source.relativize(file).toString()), agent, budget));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw CriException.precondition("cannot read mount source %s: %s", source, e.getMessage());
        }
        if (writes.isEmpty()) {
            writes.add(agent.writeFile(target.resolve(".janus-empty").toString(), new byte[0], 0644));
        }
        return writes;
    }

    private static CompletableFuture<Void> file(Path source, Path target, AgentClient agent, Budget budget) {
        try {
            long size = Files.size(source);
            if (size > MAX_FILE) {
                throw unsupported(source, "a file larger than " + MAX_FILE + " bytes");
            }
            budget.take(source, size);
            return agent.writeFile(target.toString(), Files.readAllBytes(source), mode(source));
        } catch (IOException e) {
            throw CriException.precondition("cannot read mount source %s: %s", source, e.getMessage());
        }
    }

    private static int mode(Path file) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    private static CriException unsupported(Path source, String what) {
        return new CriException(CriException.Kind.UNIMPLEMENTED, "mount source " + source + " holds " + what
                + ": linux-vm pods get host paths copied, which only works for small ones (9P is to come)");
    }

    /** Bytes and files copied so far for one container. */
    private static final class Budget {
        private long bytes;
        private int files;

        void take(Path source, long size) {
            bytes += size;
            files++;
            if (bytes > MAX_TOTAL || files > MAX_FILES) {
                throw unsupported(source, "more than " + (MAX_TOTAL >> 20) + " MiB or " + MAX_FILES + " files");
            }
        }
    }
}
