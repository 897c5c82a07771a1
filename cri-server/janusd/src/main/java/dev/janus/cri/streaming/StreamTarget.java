package dev.janus.cri.streaming;

import dev.janus.isolation.ProcessStreams;
import dev.janus.isolation.Stdio;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/** What a streaming URL leads to, decided when the RPC handed out the URL. */
sealed interface StreamTarget {

    /** The URL path segment: {@code exec}, {@code attach} or {@code portforward}. */
    String kind();

    /**
     * An exec or attach.
     *
     * @param stdio the streams the client asked for (it opens those)
     * @param forwardStdin whether client stdin reaches the process (an attach to a container
     *     without stdin drops it)
     * @param endOnStdinClose an attach to a container that keeps its stdin open ends when the
     *     client's stdin ends, as in cri-o
     * @param open starts the process or reaches the container; blocking
     */
    record RemoteCommand(String kind, String containerId, Stdio stdio, boolean forwardStdin,
            boolean endOnStdinClose, Supplier<ProcessStreams> open) implements StreamTarget {

        boolean exec() {
            return kind.equals("exec");
        }
    }

    /**
     * A port-forward.
     *
     * @param ports the ports of the request, used by WebSocket clients that name none
     * @param dial connects to a port of the pod; blocking
     */
    record PortForward(String sandboxId, List<Integer> ports, IntFunction<SocketChannel> dial)
            implements StreamTarget {

        @Override
        public String kind() {
            return "portforward";
        }
    }
}
