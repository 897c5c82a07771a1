package dev.janus.e2e.streaming;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of port-forward URLs over SPDY (portforward.k8s.io), as client-go's: per connection an
 * error stream (which the client half-closes at once) and a data stream, paired by requestID.
 */
public final class PortForwardClient implements AutoCloseable {

    private final SpdyClient spdy;
    private final AtomicInteger requests = new AtomicInteger();

    private PortForwardClient(SpdyClient spdy) {
        this.spdy = spdy;
    }

    public static PortForwardClient connect(String url) throws IOException {
        return new PortForwardClient(SpdyClient.connect(url, List.of("portforward.k8s.io")));
    }

    public String protocol() {
        return spdy.protocol();
    }

    /** One forwarded connection to {@code port} in the pod. */
    public Connection open(int port) throws IOException {
        String id = Integer.toString(requests.getAndIncrement());
        SpdyClientStream error = spdy.open(Map.of("streamType", "error", "port", Integer.toString(port),
                "requestID", id));
        error.finish();
        SpdyClientStream data = spdy.open(Map.of("streamType", "data", "port", Integer.toString(port),
                "requestID", id));
        return new Connection(data, error);
    }

    public boolean isOpen() {
        return spdy.isOpen();
    }

    @Override
    public void close() {
        spdy.close();
    }

    /** The data and error streams of one forwarded connection. */
    public record Connection(SpdyClientStream data, SpdyClientStream error) {

        public void write(String text) throws IOException {
            data.write(text);
        }

        public void write(byte[] bytes) throws IOException {
            data.write(bytes);
        }

        /** No more data from us; the pod's side sees end of file. */
        public void finish() {
            data.finish();
        }

        public InboundBytes input() {
            return data.input();
        }

        /** What the server wrote on the error stream, read to its end ("" if all went well). */
        public String errors() throws IOException {
            return error.input().readAll();
        }
    }
}
