package dev.janus.guest.protocol.ops;

import java.util.List;

/**
 * EXEC (15): runs a process in a running container ({@code crun exec}, in the foreground). The
 * reply comes once it started; its end comes as an EXITED event with the exec id, after the
 * CLOSE of its output streams. Exec'd processes belong to the session: when it ends they are
 * killed.
 *
 * @param execId chosen by the host, unique in the container
 * @param env "NAME=value"; added to the container's
 * @param cwd empty: the container's
 * @param user "uid[:gid]"; empty: the container's
 * @param timeoutMillis 0: none; else the process is killed then, and EXITED says timedOut
 */
public interface Exec {

    record Request(String containerId, String execId, List<String> args, List<String> env, String cwd,
            String user, boolean terminal, Stdio stdio, long timeoutMillis) {
    }

    record Reply(int pid) {
    }
}
