package dev.janus.isolation.uvm;

import dev.janus.isolation.ProcessStreams;
import dev.janus.isolation.uvm.agent.AgentClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * CRI Attach to a VM pod's container: its output as the host's relay receives it (the log gets
 * the same bytes), its stdin as the host holds it since the start (or since janusd re-attached
 * after a restart). With stdin_once the container's stdin is closed when this session ends.
 */
final class AttachStreams implements ProcessStreams {

    private final VmContainer container;
    private final OutputRelay relay;
    private final OutputTap output;
    private final AgentClient agent;

    AttachStreams(VmContainer container, OutputRelay relay, AgentClient agent, boolean stdout, boolean stderr) {
        this.container = container;
        this.relay = relay;
        this.agent = agent;
        this.output = relay.tap(stdout, stderr);
    }

    @Override
    public Output read() throws IOException {
        try {
            return output.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void write(ByteBuffer data) throws IOException {
        ExecStreams.write(container.stdin(), data);
    }

    @Override
    public void closeStdin() {
        if (container.file().stdinOnce()) {
            container.closeStdin();
        }
    }

    @Override
    public void resize(int width, int height) throws IOException {
        if (width <= 0 || height <= 0) {
            return; // a client that does not know its size (0x0): nothing to tell the guest
        }
        try {
            agent.resizeTty(container.id(), "", height, width).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("cannot resize the terminal: " + e.getMessage(), e);
        }
    }

    @Override
    public OptionalInt exitCode(Duration wait) {
        return OptionalInt.empty();
    }

    @Override
    public void close() {
        relay.untap(output);
        closeStdin();
    }
}
