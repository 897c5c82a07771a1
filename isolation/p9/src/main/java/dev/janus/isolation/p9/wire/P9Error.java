package dev.janus.isolation.p9.wire;

/** A request that fails with an errno: the session answers Rlerror. */
public final class P9Error extends RuntimeException {

    private final int errno;

    public P9Error(int errno, String message) {
        super(message, null, false, false);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
