package dev.janus.e2e;

import dev.janus.images.testing.BuiltImage;
import dev.janus.images.testing.TestImages;
import dev.janus.images.testing.TestRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * One janusd for a suite, on its own dirs and its own CNI bridge and subnet (so it never meets
 * the host's default network or another suite), with a real registry holding a busybox image.
 */
public final class JanusdFixture implements AutoCloseable {

    public static final String IMAGE_REPO = "e2e/busybox";

    private final Path dir;
    private final TestRegistry registry;
    private final JanusdProcess janusd;
    private final String bridge;

    private JanusdFixture(Path dir, TestRegistry registry, JanusdProcess janusd, String bridge) {
        this.dir = dir;
        this.registry = registry;
        this.janusd = janusd;
        this.bridge = bridge;
    }

    /** Skips the calling suite unless this host can run pods for real. */
    public static void assumeHost() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        for (String binary : List.of("/usr/sbin/runc", "/usr/bin/conmon", "/usr/bin/catatonit", "/usr/lib/cni/bridge")) {
            Assumptions.assumeTrue(Files.isExecutable(Path.of(binary)), binary + " is needed");
        }
        Assumptions.assumeTrue(TestRegistry.available(), "docker-registry is needed");
    }

    /**
     * @param subnetOctet picks 10.215.N.0/24 and bridge janus-eN, distinct per suite
     */
    public static JanusdFixture start(String suite, int subnetOctet, List<String> extraArgs) throws Exception {
        assumeHost();
        Path dir = Files.createTempDirectory("janus-e2e-" + suite + "-");
        TestRegistry registry = TestRegistry.start();
        BuiltImage busybox = TestImages.busybox(dir.resolve("image"));
        registry.pusher().push(IMAGE_REPO, "1", busybox);
        String bridge = "janus-e" + subnetOctet;
        Path netd = Files.createDirectories(dir.resolve("net.d"));
        Files.writeString(netd.resolve("10-e2e.conflist"), """
                {"cniVersion": "1.0.0", "name": "e2e-%d", "plugins": [
                  {"type": "bridge", "bridge": "%s", "isGateway": true, "ipMasq": true, "hairpinMode": true,
                   "ipam": {"type": "host-local", "dataDir": "%s", "ranges": [[{"subnet": "10.215.%d.0/24"}]],
                            "routes": [{"dst": "0.0.0.0/0"}]}},
                  {"type": "portmap", "capabilities": {"portMappings": true}, "snat": true}]}
                """.formatted(subnetOctet, bridge, dir.resolve("ipam"), subnetOctet));
        List<String> args = new ArrayList<>(List.of("--cni-conf-dir", netd.toString(), "--cni-bin-dir", "/usr/lib/cni"));
        args.addAll(extraArgs);
        JanusdProcess janusd = new JanusdProcess(topOfCheckout(), dir.resolve("janusd"), args).start();
        return new JanusdFixture(dir, registry, janusd, bridge);
    }

    static Path topOfCheckout() {
        return Path.of(System.getProperty("janus.top", "..")).toAbsolutePath().normalize();
    }

    public String image() {
        return registry.address() + "/" + IMAGE_REPO + ":1";
    }

    /** Pushes another image to the suite's registry; returns its reference. */
    public String push(String repo, BuiltImage image) {
        registry.pusher().push(repo, "1", image);
        return registry.address() + "/" + repo + ":1";
    }

    public JanusdProcess janusd() {
        return janusd;
    }

    public Path dir() {
        return dir;
    }

    /** Where host-local keeps this suite's IP reservations. */
    public Path ipamDir() {
        return dir.resolve("ipam");
    }

    public String bridge() {
        return bridge;
    }

    public CriClient client() {
        return new CriClient(janusd.socket());
    }

    /**
     * janus-9p outlives janusd by design (it holds VM pods' volumes); a suite's own one goes
     * with the suite.
     */
    private void stopVolumeServer() throws IOException {
        Path pid = janusd.state().resolve("p9/pid");
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroy);
        }
    }

    /** Closes what a suite set up, in this order, skipping what it never got to make. */
    public static void closeAll(AutoCloseable... parts) throws Exception {
        for (AutoCloseable part : parts) {
            if (part != null) {
                part.close();
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        janusd.close();
        stopVolumeServer();
        registry.close();
        new ProcessBuilder("ip", "link", "delete", bridge).start().waitFor();
    }
}
