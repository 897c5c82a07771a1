package dev.janus.cri.config;

import dev.janus.images.ImagesConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * janusd's whole configuration, read from YAML. Every field has a default, so no file is
 * needed; command-line flags override the paths.
 *
 * @param root persistent data (store, images, writable layers)
 * @param state runtime files that may vanish at reboot (sockets, bundles, pinned netns)
 * @param listen {@code unix:///path} or {@code tcp://host:port} (loopback unless asked)
 * @param defaultRuntime the handler used when kubelet sends an empty one
 * @param runtimes the handler table: name to backend and its options
 * @param runtimeAliases other names accepted for a handler (containerd's Windows names)
 * @param streaming the exec/attach/port-forward server
 */
public record JanusConfig(Path root, Path state, String listen, String cgroupDriver,
        String defaultRuntime, Map<String, RuntimeEntry> runtimes,
        Map<String, String> runtimeAliases, ImagesConfig images, NetworkConfig network,
        ExecConfig exec, int maxMessageBytes, StreamingConfig streaming) {

    public static final Path DEFAULT_ROOT = Path.of("/var/lib/janus");
    public static final Path DEFAULT_STATE = Path.of("/run/janus");

    public JanusConfig {
        root = root == null ? DEFAULT_ROOT : root;
        state = state == null ? DEFAULT_STATE : state;
        listen = listen == null || listen.isBlank() ? "unix://" + state.resolve("janus.sock") : listen;
        cgroupDriver = cgroupDriver == null ? "cgroupfs" : cgroupDriver;
        defaultRuntime = defaultRuntime == null ? "runc" : defaultRuntime;
        runtimes = runtimes == null || runtimes.isEmpty() ? defaultRuntimes() : Map.copyOf(runtimes);
        runtimeAliases = runtimeAliases == null ? Map.of() : Map.copyOf(runtimeAliases);
        images = images == null ? ImagesConfig.defaults() : images;
        network = network == null ? NetworkConfig.defaults() : network;
        exec = exec == null ? ExecConfig.defaults() : exec;
        maxMessageBytes = maxMessageBytes <= 0 ? 16 * 1024 * 1024 : maxMessageBytes;
        streaming = streaming == null ? StreamingConfig.defaults() : streaming;
    }

    public static JanusConfig defaults() {
        return new JanusConfig(null, null, null, null, null, null, null, null, null, null, 0, null);
    }

    /**
     * runc is the default OCI runtime: Debian's crun refuses hybrid cgroup hosts. linux-vm runs
     * each pod in a utility VM (QEMU here, Hyper-V on Windows).
     */
    static Map<String, RuntimeEntry> defaultRuntimes() {
        Map<String, RuntimeEntry> table = new LinkedHashMap<>();
        table.put("runc", new RuntimeEntry("oci", Map.of("runtime", "runc")));
        table.put("crun", new RuntimeEntry("oci", Map.of("runtime", "crun")));
        table.put("linux-vm", new RuntimeEntry("uvm", Map.of()));
        return table;
    }

    public JanusConfig withPaths(Path newRoot, Path newState, String newListen) {
        Path r = newRoot == null ? root : newRoot;
        Path s = newState == null ? state : newState;
        String l = newListen != null ? newListen
                : newState != null && listen.equals("unix://" + state.resolve("janus.sock"))
                        ? "unix://" + s.resolve("janus.sock") : listen;
        return new JanusConfig(r, s, l, cgroupDriver, defaultRuntime, runtimes, runtimeAliases,
                images, network, exec, maxMessageBytes, streaming);
    }

    public JanusConfig withNetwork(NetworkConfig newNetwork) {
        return new JanusConfig(root, state, listen, cgroupDriver, defaultRuntime, runtimes,
                runtimeAliases, images, newNetwork, exec, maxMessageBytes, streaming);
    }
}
