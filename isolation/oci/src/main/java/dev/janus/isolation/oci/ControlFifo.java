package dev.janus.isolation.oci;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * conmon's control FIFO ({@code ctl} in the bundle): lines of "type height width"; type 1
 * resizes the terminal, type 2 reopens the log. Opened read-write so that opening never blocks,
 * even when the monitor has just gone. conmon handles one line per read well, so each message
 * is its own write.
 */
final class ControlFifo {

    private static final int RESIZE = 1;

    private final Path path;

    ControlFifo(Path path) {
        this.path = path;
    }

    void resize(int width, int height) throws IOException {
        send(RESIZE + " " + height + " " + width + "\n");
    }

    private synchronized void send(String line) throws IOException {
        try (RandomAccessFile fifo = new RandomAccessFile(path.toFile(), "rw")) {
            fifo.write(line.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
