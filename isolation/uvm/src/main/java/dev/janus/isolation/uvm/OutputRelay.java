package dev.janus.isolation.uvm;

import dev.janus.isolation.ProcessStreams.Source;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host end of a container's stdout and stderr, as the agent relays them: every chunk goes
 * into the CRI log and to each attached client ({@link OutputTap}). One virtual thread per
 * stream; a client that reads slowly holds the stream back, as the seam's attach promises.
 */
final class OutputRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutputRelay.class);

    private final String containerId;
    private final CriLogWriter log;
    private final List<OutputTap> taps = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> ended;

    /** Starts relaying; a null stream (not asked for, or a terminal's stderr) counts as ended. */
    OutputRelay(String containerId, CriLogWriter log, InputStream stdout, InputStream stderr) {
        this.containerId = containerId;
        this.log = log;
        this.ended = CompletableFuture.allOf(pump(stdout, Source.STDOUT), pump(stderr, Source.STDERR))
                .whenComplete((v, e) -> taps.forEach(OutputTap::end));
    }

    CriLogWriter log() {
        return log;
    }

    /** Completes when both streams ended (the container exited, or its VM or session is gone). */
    CompletableFuture<Void> ended() {
        return ended;
    }

    /** A new attach client; it sees output from now on (the log has what came before). */
    OutputTap tap(boolean stdout, boolean stderr) {
        OutputTap tap = new OutputTap(stdout, stderr);
        taps.add(tap);
        if (ended.isDone()) {
            tap.end();
        }
        return tap;
    }

    void untap(OutputTap tap) {
        taps.remove(tap);
        tap.close();
    }

    private CompletableFuture<Void> pump(InputStream in, Source source) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (in == null) {
            done.complete(null);
            return done;
        }
        LogLines lines = new LogLines(log, source == Source.STDOUT ? CriLogWriter.Stream.STDOUT
                : CriLogWriter.Stream.STDERR);
        Thread.ofVirtual().name("log-" + VmDirs.shortId(containerId) + "-" + source).start(() -> {
            byte[] buffer = new byte[32 * 1024];
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    lines.feed(buffer, 0, n);
                    for (OutputTap tap : taps) {
                        tap.offer(source, buffer, n);
                    }
                }
            } catch (IOException e) {
                LOG.debug("output of {} ended: {}", containerId, e.getMessage());
            } finally {
                lines.end();
                done.complete(null);
            }
        });
        return done;
    }
}
