package dev.janus.isolation.uvm;

/**
 * Cuts one output stream into CRI log entries: each newline ends an F entry; 16 KiB without a
 * newline make a P entry; what is left when the stream ends is an F entry (containerd's rule).
 * One per stream, fed from one thread.
 */
final class LogLines {

    private final CriLogWriter log;
    private final CriLogWriter.Stream stream;
    private final byte[] line = new byte[CriLogWriter.MAX_LINE];
    private int length;

    LogLines(CriLogWriter log, CriLogWriter.Stream stream) {
        this.log = log;
        this.stream = stream;
    }

    void feed(byte[] data, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            byte b = data[i];
            if (b == '\n') {
                log.entry(stream, line, 0, length, false);
                length = 0;
            } else {
                if (length == line.length) {
                    log.entry(stream, line, 0, length, true);
                    length = 0;
                }
                line[length++] = b;
            }
        }
    }

    /** The stream ended: a last line without its newline is still a full entry. */
    void end() {
        if (length > 0) {
            log.entry(stream, line, 0, length, false);
            length = 0;
        }
    }
}
