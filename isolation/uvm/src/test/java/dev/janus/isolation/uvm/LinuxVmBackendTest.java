package dev.janus.isolation.uvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.isolation.Availability;
import dev.janus.isolation.HostContext;
import dev.janus.isolation.RuntimeHandlerFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxVmBackendTest {

    @TempDir
    Path dir;

    private HostContext host() {
        return new HostContext(dir.resolve("root"), dir.resolve("state"), "cgroupfs");
    }

    @Test
    void foundByServiceLoaderAsUvm() {
        assertTrue(ServiceLoader.load(RuntimeHandlerFactory.class).stream()
                .anyMatch(p -> p.get().backend().equals("uvm")));
    }

    @Test
    void anUnbuiltImageIsNamedWithItsBuildCommand() {
        Availability a = new LinuxVmBackend().probe(Map.of("imageDir", dir.resolve("none").toString()), host());
        assertFalse(a.available());
        assertTrue(a.cause().contains("deploy/uvm/build-image.sh"), a.cause());
        assertTrue(a.cause().contains(dir.resolve("none").toString()), a.cause());
    }

    @Test
    void badOptionsAndTheWrongOsAreCauses() {
        Availability bad = new LinuxVmBackend().probe(Map.of("vcpus", 0), host());
        assertFalse(bad.available());
        assertTrue(bad.cause().startsWith("bad options for the uvm backend"), bad.cause());
        Availability hcs = new LinuxVmBackend().probe(Map.of("vmHost", "hcs", "imageDir", dir.toString()), host());
        assertFalse(hcs.available());
        assertEquals("the hcs VM host does not run on " + System.getProperty("os.name"), hcs.cause());
    }
}
