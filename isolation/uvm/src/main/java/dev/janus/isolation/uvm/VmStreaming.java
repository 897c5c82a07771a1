package dev.janus.isolation.uvm;

import dev.janus.cri.errors.CriException;
import dev.janus.isolation.ContainerState;
import dev.janus.isolation.ProcessStreams;
import dev.janus.isolation.Stdio;
import dev.janus.isolation.uvm.agent.AgentClient;
import dev.janus.isolation.uvm.agent.ExecSpec;
import dev.janus.isolation.uvm.agent.StdioRequest;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Exec, Attach and PortForward of VM pods, through the guest agent. */
final class VmStreaming {

    private final PodTable table;
    /** Exec ids must be unique among a container's running execs; this janusd's own prefix. */
    private final String execPrefix = "x" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final AtomicLong execs = new AtomicLong();

    VmStreaming(PodTable table) {
        this.table = table;
    }

    ProcessStreams exec(String containerId, List<String> command, Stdio stdio) {
        AgentClient agent = running(containerId, "exec in");
        StdioRequest request = stdio.tty() ? StdioRequest.terminal(stdio.stdin(), 0, 0)
                : new StdioRequest(stdio.stdin(), stdio.stdout(), stdio.stderr(), 0, 0);
        byte[] process = table.require(containerId).execProcess(command, stdio.tty());
        ExecSpec spec = ExecSpec.of(containerId, execPrefix + execs.incrementAndGet(), command, process, request);
        return new ExecStreams(AgentClient.await(agent.exec(stdio.tty() ? spec.withTerminal() : spec)));
    }

    ProcessStreams attach(String containerId, Stdio stdio) {
        AgentClient agent = running(containerId, "attach to");
        VmContainer container = table.require(containerId);
        OutputRelay relay = container.relay();
        if (relay == null) {
            throw CriException.unavailable("the output of container %s is not relayed (janusd is reconnecting)",
                    containerId);
        }
        if (stdio.stdin() && container.stdin() == null) {
            throw CriException.precondition("container %s was not created with stdin", containerId);
        }
        return new AttachStreams(container, relay, agent, stdio.stdout(), stdio.stderr() || stdio.tty());
    }

    /** A connection to 127.0.0.1:port inside the VM. */
    SocketChannel openPort(String sandboxId, int port) {
        PodVm pod = table.pod(sandboxId);
        if (pod == null) {
            throw CriException.notFound("linux-vm handler has no sandbox %s", sandboxId);
        }
        var stream = AgentClient.await(pod.agent().portForward(port));
        try {
            return PortBridge.open(stream);
        } catch (IOException e) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw CriException.unavailable("port %d of sandbox %s: %s", port, sandboxId, e.getMessage());
        }
    }

    private AgentClient running(String containerId, String what) {
        VmContainer container = table.require(containerId);
        if (container.file().status() != ContainerState.Status.RUNNING) {
            throw CriException.precondition("container %s is not running: cannot %s it", containerId, what);
        }
        return table.podOf(containerId).agent();
    }
}
