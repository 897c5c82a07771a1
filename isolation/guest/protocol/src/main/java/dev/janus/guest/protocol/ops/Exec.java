package dev.janus.guest.protocol.ops;

import java.util.List;

/**
 * EXEC (15): runs a process in a running container ({@code crun exec --process}, in the
 * foreground). The reply comes once it started; its end comes as an EXITED event with the exec
 * id, after the CLOSE of its output streams. Exec'd processes belong to the session: when it
 * ends they are killed.
 *
 * @param execId chosen by the host, unique in the container
 * @param args the command, for the agent's log and messages: {@code process} is what runs
 * @param env unused since {@code process} (version 1 kept the field)
 * @param cwd unused since {@code process}
 * @param user unused since {@code process}
 * @param timeoutMillis 0: none; else the process is killed then, and EXITED says timedOut
 * @param process the OCI process to run, JSON: the container's own (user, groups, capabilities,
 *     no_new_privileges, LSM labels, rlimits, env, cwd) with the exec's args and terminal, as the
 *     host builds it from the container's spec; required
 */
public interface Exec {

    record Request(String containerId, String execId, List<String> args, List<String> env, String cwd,
            String user, boolean terminal, Stdio stdio, long timeoutMillis, byte[] process) {
    }

    record Reply(int pid) {
    }
}
