package dev.janus.isolation.uvm.agent;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The standard streams of a process in the guest, each null where it was not asked for. Read
 * stdout and stderr steadily: each holds at most one window (256 KiB) and the process blocks
 * while they are full. Closing stdin is end-of-file for a process on pipes.
 *
 * @param pid the process in the guest's pid namespace (0 if the runtime had not said yet)
 */
public record ProcessStreams(int pid, OutputStream stdin, InputStream stdout, InputStream stderr) implements Closeable {

    @Override
    public void close() {
        for (Closeable c : new Closeable[] {stdin, stdout, stderr}) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException e) {
                    // the session is gone: so is the stream
                }
            }
        }
    }
}
