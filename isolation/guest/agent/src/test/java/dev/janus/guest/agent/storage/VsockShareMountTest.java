package dev.janus.guest.agent.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.janus.guest.agent.AgentException;
import dev.janus.guest.agent.link.HostLink;
import dev.janus.guest.agent.sys.NativeOps;
import dev.janus.guest.agent.sys.Pty;
import dev.janus.guest.protocol.ops.ErrorKind;
import dev.janus.guest.protocol.ops.MountShare;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Hyper-V way of MOUNT_SHARE, which this machine cannot run (no vsock to a Windows host):
 * the system calls it makes, recorded. The agent connects AF_VSOCK to the host on the share's
 * port until janus-9p answers, gives the kernel that one socket as both descriptors, and lets go
 * of its own once mount(2) holds it. The QEMU way runs for real in ShareMountIT.
 */
class VsockShareMountTest {

    /** Records the calls; the host answers on the third connect. */
    private static final class HyperVGuest implements NativeOps {
        final List<String> calls = new ArrayList<>();
        int refusals;

        @Override
        public int connectVsockSocket(int cid, int port) throws IOException {
            calls.add("connect " + cid + ":" + port);
            if (refusals-- > 0) {
                throw new IOException("connect(vsock) failed: errno 104");
            }
            return 17;
        }

        @Override
        public void mount(String source, Path target, String type, long flags, String data) {
            calls.add("mount " + source + " " + type + " " + flags + " " + data);
        }

        @Override
        public void close(int fd) {
            calls.add("close " + fd);
        }

        @Override
        public void unmount(Path target) {
            calls.add("unmount");
        }

        @Override
        public Pty openPty() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setWindowSize(Path tty, int rows, int cols) {
            throw new UnsupportedOperationException();
        }

        @Override
        public HostLink connectVsock(int cid, int port) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int[] pipe() {
            throw new UnsupportedOperationException("no relay under Hyper-V");
        }

        @Override
        public InputStream inputOf(int fd) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OutputStream outputOf(int fd) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean available() {
            return true;
        }
    }

    @Test
    void aShareOnAVsockPortIsMountedOverOneSocketWithoutARelay(@TempDir Path root) {
        HyperVGuest natives = new HyperVGuest();
        natives.refusals = 2;
        ShareMounts shares = new ShareMounts(natives, root, root, root);
        shares.mount(new MountShare.Request("janus.9p.1", "v1", root.resolve("v1").toString(), true, 262144, "mmap",
                5_000, 0x40001001));
        assertEquals(List.of("connect 2:1073745921", "connect 2:1073745921", "connect 2:1073745921",
                "mount janus:v1 9p 7 trans=fd,rfdno=17,wfdno=17,version=9p2000.L,access=client,msize=262144,"
                        + "cache=mmap,aname=v1",
                "close 17"), natives.calls);
        shares.unmount(root.resolve("v1").toString());
        assertEquals("unmount", natives.calls.getLast(), "the kernel's reference was the last: nothing else to close");
    }

    @Test
    void aHostThatNeverListensIsUnavailableAfterTheWait(@TempDir Path root) {
        HyperVGuest natives = new HyperVGuest();
        natives.refusals = Integer.MAX_VALUE;
        ShareMounts shares = new ShareMounts(natives, root, root, root);
        AgentException e = assertThrows(AgentException.class, () -> shares.mount(new MountShare.Request("janus.9p.1",
                "v1", root.resolve("v1").toString(), false, 262144, "mmap", 100, 0x40001001)));
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
    }
}
