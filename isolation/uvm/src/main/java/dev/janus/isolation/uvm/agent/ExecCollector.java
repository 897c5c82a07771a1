package dev.janus.isolation.uvm.agent;

import dev.janus.guest.protocol.ops.Exited;
import dev.janus.isolation.ExecResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

/**
 * ExecSync on top of an exec: reads stdout and stderr at once (one full stream must never stall
 * the other), keeps up to a cap of each and drops the rest, and completes at the EXITED event.
 */
final class ExecCollector {

    private ExecCollector() {
    }

    static CompletableFuture<ExecResult> collect(ExecProcess process, int maxOutputBytes) {
        CompletableFuture<byte[]> out = capped(process.streams().stdout(), maxOutputBytes);
        CompletableFuture<byte[]> err = capped(process.streams().stderr(), maxOutputBytes);
        return process.exit().thenCombine(out.thenCombine(err, (o, e) -> new byte[][] {o, e}),
                (Exited exited, byte[][] output) -> new ExecResult(exited.exitCode(), output[0], output[1],
                        exited.timedOut()));
    }

    private static CompletableFuture<byte[]> capped(InputStream stream, int cap) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        if (stream == null) {
            result.complete(new byte[0]);
            return result;
        }
        Thread.ofVirtual().name("exec-output").start(() -> {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            try (stream) {
                int n;
                while ((n = stream.read(buffer)) > 0) {
                    kept.write(buffer, 0, Math.max(0, Math.min(n, cap - kept.size())));
                }
            } catch (IOException e) {
                // the session ended: keep what came; the exit future reports the failure
            }
            result.complete(kept.toByteArray());
        });
        return result;
    }
}
