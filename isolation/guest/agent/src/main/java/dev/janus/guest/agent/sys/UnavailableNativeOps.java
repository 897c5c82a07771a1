package dev.janus.guest.agent.sys;

import dev.janus.guest.agent.link.HostLink;
import java.nio.file.Path;

/** Stands in for {@link NativeOps} where java.lang.foreign is missing: every call says why it cannot work. */
final class UnavailableNativeOps implements NativeOps {

    private final String reason;

    UnavailableNativeOps(String reason) {
        this.reason = reason;
    }

    @Override
    public Pty openPty() {
        throw new UnsupportedOperationException("no terminal: " + reason);
    }

    @Override
    public void setWindowSize(Path tty, int rows, int cols) {
        throw new UnsupportedOperationException("no terminal resize: " + reason);
    }

    @Override
    public HostLink connectVsock(int cid, int port) {
        throw new UnsupportedOperationException("no AF_VSOCK: " + reason);
    }

    @Override
    public int connectVsockSocket(int cid, int port) {
        throw new UnsupportedOperationException("no AF_VSOCK: " + reason);
    }

    @Override
    public int[] pipe() {
        throw new UnsupportedOperationException("no pipes: " + reason);
    }

    @Override
    public java.io.InputStream inputOf(int fd) {
        throw new UnsupportedOperationException("no descriptor streams: " + reason);
    }

    @Override
    public java.io.OutputStream outputOf(int fd) {
        throw new UnsupportedOperationException("no descriptor streams: " + reason);
    }

    @Override
    public void close(int fd) {
        throw new UnsupportedOperationException("no close: " + reason);
    }

    @Override
    public void mount(String source, Path target, String type, long flags, String data) {
        throw new UnsupportedOperationException("no mount: " + reason);
    }

    @Override
    public void unmount(Path target) {
        throw new UnsupportedOperationException("no umount: " + reason);
    }

    @Override
    public boolean available() {
        return false;
    }
}
