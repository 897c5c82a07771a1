package dev.janus.guest.agent.containers;

import dev.janus.guest.agent.Log;
import dev.janus.guest.protocol.SessionClosedException;
import dev.janus.guest.protocol.stream.OutboundStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Pumps a process's output (a pipe, or a pty master) into the stream currently bound to it.
 * Unbound, it waits: the process blocks once its pipe is full, and nothing is lost while a host
 * reconnects. Bound to nothing on purpose ({@link #discard()}), or cancelled by its reader, it
 * reads and drops, so the process never blocks on output no one wants.
 */
final class OutputRelay {

    private static final int CHUNK = 32 * 1024;
    private static final int HEAD = 4096;

    private final String name;
    private OutboundStream target;
    private boolean discarding;
    private boolean finished;
    /** The first bytes, for an error message when the runtime fails before the container runs. */
    private final java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();

    OutputRelay(String name) {
        this.name = name;
    }

    /** The replaced stream (an earlier attach) ends with CLOSE; one that already ended, with nothing. */
    void bind(OutboundStream stream) {
        OutboundStream replaced;
        boolean ended;
        synchronized (this) {
            replaced = target;
            target = stream;
            discarding = false;
            ended = finished;
            notifyAll();
        }
        if (replaced != null && replaced != stream) {
            closeQuietly(replaced);
        }
        if (ended) {
            closeQuietly(stream);
        }
    }

    synchronized void discard() {
        target = null;
        discarding = true;
        notifyAll();
    }

    /** Starts the pump on its own platform thread: a pty read blocks in native code. */
    void start(InputStream source) {
        Thread.ofPlatform().daemon().name("relay-" + name).stackSize(256 * 1024).start(() -> pump(source));
    }

    private void pump(InputStream source) {
        byte[] buffer = new byte[CHUNK];
        try (source) {
            int n;
            while ((n = source.read(buffer)) > 0) {
                keepHead(buffer, n);
                deliver(buffer, n);
            }
        } catch (IOException e) {
            Log.debug("%s: %s", name, e.getMessage());
        } finally {
            OutboundStream last;
            synchronized (this) {
                finished = true;
                last = target;
                notifyAll();
            }
            closeQuietly(last);
        }
    }

    private synchronized void keepHead(byte[] buffer, int n) {
        head.write(buffer, 0, Math.min(n, HEAD - head.size()));
    }

    synchronized String head() {
        return head.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
    }

    private void deliver(byte[] buffer, int length) {
        int offset = 0;
        while (offset < length) {
            OutboundStream stream;
            synchronized (this) {
                while (target == null && !discarding) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (discarding) {
                    return;
                }
                stream = target;
            }
            try {
                offset += stream.send(buffer, offset, length - offset);
            } catch (SessionClosedException e) {
                unbind(stream, false);
            } catch (IOException e) {
                // the reader cancelled: it wants no more of this output
                unbind(stream, true);
            }
        }
    }

    private synchronized void unbind(OutboundStream stream, boolean thenDiscard) {
        if (target == stream) {
            target = null;
            discarding = thenDiscard;
        }
    }

    /** Waits until the source ended and the end was passed on; false if time ran out. */
    synchronized boolean awaitFinished(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!finished) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static void closeQuietly(OutboundStream stream) {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                // the session is gone: so is its reader
            }
        }
    }
}
