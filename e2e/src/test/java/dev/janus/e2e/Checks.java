package dev.janus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.janus.cri.api.ContainerState;
import dev.janus.cri.api.ContainerStatus;
import dev.janus.cri.api.ContainerStatusRequest;
import dev.janus.cri.api.ExecSyncRequest;
import dev.janus.cri.api.ExecSyncResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Calls and checks the suites share. */
final class Checks {

    private Checks() {
    }

    static ContainerStatus status(CriClient cri, String id) {
        return cri.runtime().containerStatus(ContainerStatusRequest.newBuilder().setContainerId(id).build()).getStatus();
    }

    static ContainerStatus awaitState(CriClient cri, String id, ContainerState state) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            ContainerStatus status = status(cri, id);
            if (status.getState() == state) {
                return status;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("container " + id + " never reached " + state + ": " + status(cri, id));
    }

    /** Waits until the container's CRI log has a line ending with {@code text}. */
    static void awaitLogLine(CriClient cri, String id, String text) throws Exception {
        java.nio.file.Path log = java.nio.file.Path.of(status(cri, id).getLogPath());
        for (int i = 0; i < 600; i++) {
            if (java.nio.file.Files.exists(log)
                    && java.nio.file.Files.readAllLines(log).stream().anyMatch(l -> l.endsWith(" " + text))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no line " + text + " in " + log);
    }

    static ExecSyncResponse exec(CriClient cri, String id, long timeoutSeconds, String... cmd) {
        return cri.runtime().execSync(ExecSyncRequest.newBuilder().setContainerId(id).addAllCmd(List.of(cmd))
                .setTimeout(timeoutSeconds).build());
    }

    static StatusRuntimeException expectStatus(Status.Code code, Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            assertEquals(code, e.getStatus().getCode(), e.getMessage());
            return e;
        }
        throw new AssertionError("expected " + code);
    }

    /** No runc container, no mount, no veth on the suite's bridge is left of these ids. */
    static void assertNothingLeft(JanusdFixture fixture, String... ids) throws Exception {
        String runcList = run("runc", "--root", fixture.janusd().state().resolve("oci/runc/runtime").toString(), "list", "-q");
        String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
        for (String id : ids) {
            assertFalse(runcList.contains(id), "runc still knows " + id);
            assertFalse(mounts.contains(id), "a mount of " + id + " is left");
            assertFalse(Files.exists(fixture.janusd().state().resolve("network/netns").resolve(id)), "netns pin of " + id);
        }
        assertEquals("", run("ip", "-o", "link", "show", "master", fixture.bridge()).trim(),
                "veths left on " + fixture.bridge());
    }

    static String run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }
}
