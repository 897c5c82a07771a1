package dev.janus.isolation.p9.fs;

import com.sun.jna.LastErrorException;
import dev.janus.isolation.p9.wire.P9Error;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * A private copy of the host's mount tree, made on a thread of its own: the thread unshares its
 * mount namespace (a thread can; the process stays where it is), makes every mount in it
 * private so nothing the host mounts later arrives, and opens the share's root there. Walks from
 * that descriptor stay in the copy. The namespace is held by a descriptor of its nsfs file: were
 * it to die with the thread, its mounts would be detached and the shares' submounts with them.
 */
final class PrivateView {

    private PrivateView() {
    }

    /** [root descriptor in the copy, namespace descriptor] */
    static int[] open(Path root) {
        CompletableFuture<int[]> opened = new CompletableFuture<>();
        Thread.ofPlatform().name("9p-private-view").start(() -> {
            try {
                Posix.LIBC.unshare(Posix.CLONE_NEWNS);
                Posix.LIBC.mount(null, "/", null, Posix.MS_REC | Posix.MS_PRIVATE, null);
                int namespace = Posix.LIBC.openat(Posix.AT_FDCWD, "/proc/thread-self/ns/mnt",
                        Posix.O_RDONLY | Posix.O_CLOEXEC, 0);
                try {
                    int fd = Posix.LIBC.openat(Posix.AT_FDCWD, root.toString(), Posix.O_PATH | Posix.O_DIRECTORY
                            | Posix.O_CLOEXEC, 0);
                    opened.complete(new int[] {fd, namespace});
                } catch (LastErrorException e) {
                    Sys.closeQuietly(namespace);
                    throw e;
                }
            } catch (LastErrorException e) {
                opened.completeExceptionally(new P9Error(e.getErrorCode(), "cannot open a private view of " + root
                        + ": errno " + e.getErrorCode()));
            }
        });
        try {
            return opened.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof P9Error p ? p : new IllegalStateException(e.getCause());
        }
    }
}
