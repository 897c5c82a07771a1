package dev.janus.guest.agent.containers;

import dev.janus.guest.agent.Log;
import dev.janus.guest.protocol.SessionClosedException;
import dev.janus.guest.protocol.stream.InboundStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Pumps the stream bound to a process's stdin into it. The stream's end closes a pipe (the
 * process reads end-of-file); a terminal stays open (a host sends ^D, as a person would). When the
 * session ends the relay waits for the next binding, so {@code kubectl attach} works again after
 * janusd restarted.
 */
final class InputRelay {

    private final String name;
    private final OutputStream sink;
    private final boolean closeSinkAtEnd;
    private InboundStream source;
    private boolean started;
    private boolean stopped;

    InputRelay(String name, OutputStream sink, boolean closeSinkAtEnd) {
        this.name = name;
        this.sink = sink;
        this.closeSinkAtEnd = closeSinkAtEnd;
    }

    synchronized void bind(InboundStream stream) {
        if (stopped) {
            stream.close();
            return;
        }
        InboundStream old = source;
        source = stream;
        if (old != null && old != stream) {
            old.close();
        }
        if (!started) {
            started = true;
            Thread.ofPlatform().daemon().name("relay-" + name).stackSize(256 * 1024).start(this::pump);
        }
        notifyAll();
    }

    /** No stdin at all: a pipe is closed now, so the process reads end-of-file. */
    void none() {
        if (closeSinkAtEnd) {
            stop();
        }
    }

    /** The process is gone or wants no input: the bound stream is cancelled. */
    void stop() {
        InboundStream old;
        synchronized (this) {
            stopped = true;
            old = source;
            source = null;
            notifyAll();
        }
        if (old != null) {
            old.close();
        }
        if (closeSinkAtEnd) {
            closeSink();
        }
    }

    private void pump() {
        byte[] buffer = new byte[16 * 1024];
        while (true) {
            InboundStream stream;
            synchronized (this) {
                while (source == null && !stopped) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (stopped) {
                    return;
                }
                stream = source;
            }
            int n;
            try {
                n = stream.read(buffer);
            } catch (SessionClosedException e) {
                clear(stream);
                continue;
            } catch (IOException e) {
                // closed here (a newer binding replaced it, or stop)
                clear(stream);
                continue;
            }
            if (n < 0) {
                Log.debug("%s: end of input", name);
                if (closeSinkAtEnd) {
                    stop();
                    return;
                }
                clear(stream);
                continue;
            }
            try {
                sink.write(buffer, 0, n);
                sink.flush();
            } catch (IOException e) {
                // the process is gone
                stop();
                return;
            }
        }
    }

    private synchronized void clear(InboundStream stream) {
        if (source == stream) {
            source = null;
        }
    }

    private void closeSink() {
        try {
            sink.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
