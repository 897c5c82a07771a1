package dev.janus.networking.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.janus.cri.errors.CriException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CniPluginRunnerTest {

    @TempDir
    Path tmp;

    private final CniInvocation add = new CniInvocation(CniInvocation.ADD, "testnet", "sb-1",
            "/run/janus/netns/sb-1", "eth0", "IgnoreUnknown=1;K8S_POD_NAME=web-0");

    private CniPluginRunner runner(Duration timeout) {
        Path bin = tmp.resolve("bin");
        return new CniPluginRunner(List.of(tmp.resolve("empty"), bin),
                "/first:/second", timeout);
    }

    @Test
    void passesTheSpecsEnvironmentAndStdinAndReadsTheResult() throws IOException {
        FakePlugins.write(tmp.resolve("bin"), "echoer", """
                in=$(cat)
                printf '{"cniVersion":"1.0.0","env":"%s|%s|%s|%s|%s|%s","stdin":%s}' \
                  "$CNI_COMMAND" "$CNI_CONTAINERID" "$CNI_NETNS" "$CNI_IFNAME" "$CNI_ARGS" \
                  "$CNI_PATH" "$in"
                """);
        JsonNode result = runner(Duration.ofSeconds(20)).run(add, "echoer",
                Json.object().put("name", "testnet"));
        assertEquals("ADD|sb-1|/run/janus/netns/sb-1|eth0|IgnoreUnknown=1;K8S_POD_NAME=web-0|"
                + "/first:/second", result.path("env").asText());
        assertEquals("testnet", result.path("stdin").path("name").asText());
    }

    @Test
    void aCniErrorBecomesACriErrorNamingPluginNetworkAndSandbox() throws IOException {
        FakePlugins.write(tmp.resolve("bin"), "failing", """
                cat > /dev/null
                echo '{"cniVersion":"1.0.0","code":7,"msg":"no bridge","details":"x0"}'
                echo 'plugin log line' >&2
                exit 1
                """);
        CriException e = assertThrows(CriException.class,
                () -> runner(Duration.ofSeconds(20)).run(add, "failing", Json.object()));
        assertEquals(CriException.Kind.FAILED_PRECONDITION, e.kind());
        assertEquals("CNI plugin \"failing\" ADD on network \"testnet\" for sandbox sb-1 failed:"
                + " no bridge (x0) [CNI error 7]", e.getMessage());
    }

    @Test
    void aCrashWithoutErrorJsonReportsStderr() throws IOException {
        FakePlugins.write(tmp.resolve("bin"), "crashing", "echo 'panic: nil map' >&2; exit 2");
        CriException e = assertThrows(CriException.class,
                () -> runner(Duration.ofSeconds(20)).run(add, "crashing", Json.object()));
        assertEquals(CriException.Kind.INTERNAL, e.kind());
        assertTrue(e.getMessage().endsWith("exit status 2: panic: nil map"), e.getMessage());
    }

    @Test
    void anAddThatPrintsNothingIsAnError() throws IOException {
        FakePlugins.write(tmp.resolve("bin"), "silent", "exit 0");
        assertThrows(CriException.class,
                () -> runner(Duration.ofSeconds(20)).run(add, "silent", Json.object()));
        runner(Duration.ofSeconds(20)).run(add.withCommand(CniInvocation.DEL), "silent",
                Json.object());
    }

    @Test
    void aHangingPluginIsKilledAtTheTimeoutWithItsChildren() throws IOException {
        Path marker = tmp.resolve("child-alive");
        FakePlugins.write(tmp.resolve("bin"), "hanging",
                "(sleep 3; touch " + marker + ") &\nsleep 30");
        long start = System.nanoTime();
        CriException e = assertThrows(CriException.class,
                () -> runner(Duration.ofMillis(700)).run(add, "hanging", Json.object()));
        assertEquals(CriException.Kind.DEADLINE_EXCEEDED, e.kind());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
        try {
            Thread.sleep(3500);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        assertTrue(Files.notExists(marker), "the plugin's child outlived the time-out");
    }

    @Test
    void aMissingPluginIsAPreconditionNamingTheDirs() {
        CriException e = assertThrows(CriException.class,
                () -> runner(Duration.ofSeconds(20)).run(add, "nope", Json.object()));
        assertEquals(CriException.Kind.FAILED_PRECONDITION, e.kind());
        assertTrue(e.getMessage().contains("\"nope\"") && e.getMessage().contains("testnet")
                && e.getMessage().contains(tmp.resolve("bin").toString()), e.getMessage());
    }

    @Test
    void versionListsWhatThePluginSpeaks() throws IOException {
        FakePlugins.logging(tmp.resolve("bin"), "old", tmp.resolve("log"), "\"0.3.1\",\"0.4.0\"");
        assertEquals(List.of("0.3.1", "0.4.0"),
                runner(Duration.ofSeconds(20)).supportedVersions("old", "testnet", "1.0.0"));
        assertTrue(Files.readString(tmp.resolve("log")).contains("VERSION old {\"cniVersion\":"
                + "\"1.0.0\"}"));
    }
}
