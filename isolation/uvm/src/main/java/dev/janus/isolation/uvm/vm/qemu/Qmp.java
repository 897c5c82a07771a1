package dev.janus.isolation.uvm.vm.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A QMP client on QEMU's unix socket: the greeting, {@code qmp_capabilities}, commands matched
 * to their replies by id, and asynchronous events handed to one listener. QEMU serves one QMP
 * client per socket at a time; when QEMU exits the socket closes and {@link #closed} completes.
 */
public final class Qmp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SocketChannel socket;
    private final Consumer<JsonNode> events;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CompletableFuture<JsonNode> greeting = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private Qmp(SocketChannel socket, Consumer<JsonNode> events) {
        this.socket = socket;
        this.events = events;
    }

    /** Connects (retrying while the socket is not there yet) and negotiates capabilities. */
    public static Qmp connect(Path path, Duration timeout, Consumer<JsonNode> events) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        SocketChannel socket = null;
        while (socket == null) {
            SocketChannel attempt = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                attempt.connect(UnixDomainSocketAddress.of(path));
                socket = attempt;
            } catch (IOException e) {
                attempt.close();
                if (System.nanoTime() > deadline) {
                    throw new IOException("cannot connect to QMP at " + path + ": " + e.getMessage(), e);
                }
                sleep(20);
            }
        }
        Qmp qmp = new Qmp(socket, events);
        Thread.ofVirtual().name("qmp-" + path.getParent().getFileName()).start(qmp::readLoop);
        try {
            qmp.greeting.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            qmp.execute("qmp_capabilities", null, timeout);
        } catch (IOException | RuntimeException e) {
            qmp.close();
            throw e;
        } catch (ExecutionException | TimeoutException e) {
            qmp.close();
            throw new IOException("no QMP greeting from " + path, e);
        } catch (InterruptedException e) {
            qmp.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to QMP", e);
        }
        return qmp;
    }

    /** Runs a command; returns its {@code return} value or throws {@link QmpException} with QEMU's error. */
    public JsonNode execute(String command, ObjectNode arguments, Duration timeout) throws IOException {
        String id = "janus-" + ids.incrementAndGet();
        ObjectNode request = JSON.createObjectNode().put("execute", command).put("id", id);
        if (arguments != null) {
            request.set("arguments", arguments);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            byte[] bytes = (request + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (socket) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    socket.write(buffer);
                }
            }
            JsonNode answer = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (answer.has("error")) {
                throw new QmpException(command, answer.path("error").path("class").asText(),
                        answer.path("error").path("desc").asText());
            }
            return answer.path("return");
        } catch (ExecutionException e) {
            throw new IOException("QMP closed during " + command, e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("QMP " + command + " got no reply within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during QMP " + command, e);
        } finally {
            pending.remove(id);
        }
    }

    /** Completes when QEMU closes the connection (it exited) or {@link #close} was called. */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void readLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (socket.read(buffer.clear()) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == '\n') {
                        dispatch(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(b);
                    }
                }
            }
        } catch (IOException e) {
            // the socket closed: QEMU is gone or we closed it
        } finally {
            IOException gone = new IOException("QMP connection closed");
            greeting.completeExceptionally(gone);
            pending.values().forEach(f -> f.completeExceptionally(gone));
            closed.complete(null);
        }
    }

    private void dispatch(String text) {
        if (text.isBlank()) {
            return;
        }
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            return; // not JSON: QEMU never sends that on QMP; ignore rather than die
        }
        if (message.has("QMP")) {
            greeting.complete(message);
        } else if (message.has("event")) {
            try {
                events.accept(message);
            } catch (RuntimeException e) {
                // a listener's bug must not stop the replies
            }
        } else if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.get(message.get("id").asText());
            if (reply != null) {
                reply.complete(message);
            }
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
