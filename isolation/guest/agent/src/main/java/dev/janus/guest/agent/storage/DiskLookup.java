package dev.janus.guest.agent.storage;

import dev.janus.guest.agent.AgentException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the block device of a disk the host attached, by the serial the host gave it. Hot-plugged
 * disks appear a moment after the host says so, hence the wait. Implementations: virtio-blk
 * serials (QEMU) here; SCSI/VPMem by controller location under Hyper-V later; a directory of
 * links for tests.
 */
public interface DiskLookup {

    /** What a serial may hold: it becomes a directory name. virtio-blk keeps at most 20 bytes. */
    Pattern SERIAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** The device now, if it is there. */
    Optional<Path> find(String serial) throws IOException;

    /** Polls {@link #find} until the device shows up or {@code wait} passes (NOT_FOUND then). */
    default Path await(String serial, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                Optional<Path> device = find(serial);
                if (device.isPresent()) {
                    return device.get();
                }
            } catch (IOException e) {
                throw AgentException.internal("cannot look for disk " + serial, e);
            }
            if (System.nanoTime() >= deadline) {
                throw AgentException.notFound("no disk with serial %s appeared within %d ms", serial, wait.toMillis());
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw AgentException.unavailable("interrupted waiting for disk %s", serial);
            }
        }
    }
}
