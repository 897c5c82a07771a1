package dev.janus.isolation.uvm.agent;

import java.time.Duration;
import java.util.List;

/**
 * A process to run in a container.
 *
 * @param execId unique among the container's running execs (any [A-Za-z0-9_.-], up to 128)
 * @param env "NAME=value" added to the container's
 * @param cwd empty: the container's
 * @param user "uid[:gid]", empty: the container's
 * @param timeout zero: none; else the guest kills it then and reports {@code timedOut}
 */
public record ExecSpec(String containerId, String execId, List<String> args, List<String> env, String cwd,
        String user, boolean terminal, StdioRequest stdio, Duration timeout) {

    public static ExecSpec of(String containerId, String execId, List<String> args, StdioRequest stdio) {
        return new ExecSpec(containerId, execId, args, List.of(), "", "", false, stdio, Duration.ZERO);
    }

    public ExecSpec withTerminal() {
        return new ExecSpec(containerId, execId, args, env, cwd, user, true, stdio, timeout);
    }

    public ExecSpec withTimeout(Duration limit) {
        return new ExecSpec(containerId, execId, args, env, cwd, user, terminal, stdio, limit);
    }
}
