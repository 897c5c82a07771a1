package dev.janus.isolation.ocispec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A streaming exec runs as the container's own process does, with its command and terminal. */
class ExecProcessSpecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void keepsTheContainersProcessAndSetsCommandAndTerminal(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"ociVersion": "1.0.2", "process": {"terminal": false, "consoleSize": {"height": 1, "width": 1},
                 "user": {"uid": 1000, "gid": 1000}, "args": ["sleep", "1000"], "env": ["PATH=/bin"], "cwd": "/work",
                 "capabilities": {"bounding": ["CAP_CHOWN"]}, "noNewPrivileges": true},
                 "root": {"path": "rootfs"}}
                """);
        JsonNode process = JSON.readTree(ExecProcessSpec.build(config, List.of("sh", "-c", "echo hi"), true));
        assertEquals(List.of("sh", "-c", "echo hi"), JSON.convertValue(process.get("args"), List.class));
        assertEquals(true, process.get("terminal").asBoolean());
        assertFalse(process.has("consoleSize"));
        assertEquals(1000, process.path("user").path("uid").asInt());
        assertEquals("/work", process.get("cwd").asText());
        assertEquals("CAP_CHOWN", process.path("capabilities").path("bounding").get(0).asText());
        assertEquals(List.of("PATH=/bin", "TERM=xterm"), JSON.convertValue(process.get("env"), List.class));
    }

    @Test
    void withoutATerminalTheEnvironmentIsUntouched(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"process\": {\"args\": [\"x\"], \"env\": [\"A=1\"], \"cwd\": \"/\"}}");
        JsonNode process = JSON.readTree(ExecProcessSpec.build(config, List.of("true"), false));
        assertEquals(List.of("A=1"), JSON.convertValue(process.get("env"), List.class));
        assertFalse(process.get("terminal").asBoolean());
    }
}
