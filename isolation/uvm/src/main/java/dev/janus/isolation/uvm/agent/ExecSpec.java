package dev.janus.isolation.uvm.agent;

import java.time.Duration;
import java.util.List;

/**
 * A process to run in a container.
 *
 * @param execId unique among the container's running execs (any [A-Za-z0-9_.-], up to 128)
 * @param args the command (also inside {@code process}; named in the agent's log)
 * @param process the OCI process JSON: the container's own identity with this command, built by
 *     {@code ExecProcessSpec} from the container's spec
 * @param timeout zero: none; else the guest kills it then and reports {@code timedOut}
 */
public record ExecSpec(String containerId, String execId, List<String> args, byte[] process, boolean terminal,
        StdioRequest stdio, Duration timeout) {

    public static ExecSpec of(String containerId, String execId, List<String> args, byte[] process,
            StdioRequest stdio) {
        return new ExecSpec(containerId, execId, args, process, false, stdio, Duration.ZERO);
    }

    public ExecSpec withTerminal() {
        return new ExecSpec(containerId, execId, args, process, true, stdio, timeout);
    }

    public ExecSpec withTimeout(Duration limit) {
        return new ExecSpec(containerId, execId, args, process, terminal, stdio, limit);
    }
}
