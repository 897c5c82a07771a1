package dev.janus.e2e.streaming;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client of exec and attach URLs, over SPDY (the streams client-go opens: error, stdin, stdout,
 * stderr, resize) or WebSocket (channels 0-4, and v5's close signal on channel 255).
 */
public final class RemoteCommandClient implements AutoCloseable {

    public static final List<String> SPDY_PROTOCOLS = List.of("v4.channel.k8s.io", "v3.channel.k8s.io",
            "v2.channel.k8s.io", "channel.k8s.io");

    /** Which streams to ask for. */
    public record Streams(boolean stdin, boolean stdout, boolean stderr, boolean tty) {
    }

    private final SpdyClient spdy;
    private final WebSocketClient webSocket;
    private final Map<String, SpdyClientStream> streams;

    private RemoteCommandClient(SpdyClient spdy, WebSocketClient webSocket, Map<String, SpdyClientStream> streams) {
        this.spdy = spdy;
        this.webSocket = webSocket;
        this.streams = streams;
    }

    public static RemoteCommandClient spdy(String url, Streams wanted, List<String> protocols) throws IOException {
        SpdyClient client = SpdyClient.connect(url, protocols);
        Map<String, SpdyClientStream> streams = new LinkedHashMap<>();
        boolean resize = wanted.tty() && !client.protocol().equals("channel.k8s.io")
                && !client.protocol().equals("v2.channel.k8s.io");
        for (String type : List.of("error", "stdin", "stdout", "stderr", "resize")) {
            boolean open = switch (type) {
                case "stdin" -> wanted.stdin();
                case "stdout" -> wanted.stdout();
                case "stderr" -> wanted.stderr();
                case "resize" -> resize;
                default -> true;
            };
            if (open) {
                streams.put(type, client.open(Map.of("streamType", type)));
            }
        }
        return new RemoteCommandClient(client, null, streams);
    }

    public static RemoteCommandClient webSocket(String url, List<String> protocols) throws IOException {
        return new RemoteCommandClient(null, WebSocketClient.connect(url, protocols), Map.of());
    }

    public String protocol() {
        return spdy != null ? spdy.protocol() : webSocket.protocol();
    }

    public void stdin(String text) throws IOException {
        stdin(text.getBytes(StandardCharsets.UTF_8));
    }

    public void stdin(byte[] data) throws IOException {
        if (spdy != null) {
            streams.get("stdin").write(data);
        } else {
            webSocket.send(0, data);
        }
    }

    /** Ends stdin: a FIN on SPDY, v5's close signal on WebSocket (older WebSocket protocols have none). */
    public void closeStdin() throws IOException {
        if (spdy != null) {
            streams.get("stdin").finish();
        } else {
            webSocket.send(255, new byte[] {0});
        }
    }

    public void resize(int width, int height) throws IOException {
        String size = "{\"Width\":" + width + ",\"Height\":" + height + "}";
        if (spdy != null) {
            streams.get("resize").write(size + "\n");
        } else {
            webSocket.send(4, size);
        }
    }

    public InboundBytes stdout() {
        return spdy != null ? streams.get("stdout").input() : webSocket.channel(1);
    }

    public InboundBytes stderr() {
        return spdy != null ? streams.get("stderr").input() : webSocket.channel(2);
    }

    /** Reads the error stream to its end and parses it by the negotiated protocol's rules. */
    public ExitStatus status() throws IOException {
        String raw = (spdy != null ? streams.get("error").input() : webSocket.channel(3)).readAll();
        String protocol = protocol();
        boolean json = protocol.startsWith("v4.") || protocol.startsWith("v5.");
        return ExitStatus.parse(raw, json);
    }

    /** Resolves when the server closed the connection. */
    public java.util.concurrent.CompletableFuture<Void> closed() {
        return spdy != null ? spdy.closed() : webSocket.closed();
    }

    @Override
    public void close() {
        if (spdy != null) {
            spdy.close();
        } else {
            webSocket.close();
        }
    }
}
