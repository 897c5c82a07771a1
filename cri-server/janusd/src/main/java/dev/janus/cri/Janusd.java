package dev.janus.cri;

import dev.janus.cri.config.ConfigLoader;
import dev.janus.cri.config.JanusConfig;
import dev.janus.cri.config.NetworkConfig;
import dev.janus.cri.container.ContainerExits;
import dev.janus.cri.events.ContainerEvents;
import dev.janus.cri.handlers.RuntimeHandlers;
import dev.janus.cri.image.ImageServiceImpl;
import dev.janus.cri.sandbox.SandboxExits;
import dev.janus.cri.server.CriGrpcServer;
import dev.janus.cri.server.ListenAddress;
import dev.janus.cri.server.RuntimeServiceImpl;
import dev.janus.cri.state.ContainerRecord;
import dev.janus.cri.state.IdLocks;
import dev.janus.cri.state.RecordTable;
import dev.janus.cri.state.SandboxRecord;
import dev.janus.cri.state.StateStore;
import dev.janus.cri.streaming.StreamingServer;
import dev.janus.images.ImageStore;
import dev.janus.images.ImageStores;
import dev.janus.isolation.ExitEvent;
import dev.janus.isolation.HostContext;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** janusd: wires config, store, images, handlers and network into the CRI server, and runs it. */
@Command(name = "janusd", mixinStandardHelpOptions = true, version = "janusd 0.1.0",
        description = "Janus: a CRI v1 runtime for Kubernetes nodes.")
public final class Janusd implements Callable<Integer> {

    /** Obtained only after --log-level took effect: slf4j-simple reads its level once. */
    private static Logger log() {
        return LoggerFactory.getLogger(Janusd.class);
    }

    @Option(names = "--config", description = "YAML config file (default: built-in defaults)")
    Path configFile;

    @Option(names = "--listen", description = "unix:///path or tcp://127.0.0.1:port")
    String listen;

    @Option(names = "--root", description = "persistent data dir (default /var/lib/janus)")
    Path root;

    @Option(names = "--state", description = "runtime files dir (default /run/janus)")
    Path state;

    @Option(names = "--cni-conf-dir", description = "CNI network configs (default /etc/cni/net.d)")
    Path cniConfDir;

    @Option(names = "--cni-bin-dir", split = ",", description = "CNI plugin dirs, in order")
    List<Path> cniBinDirs;

    @Option(names = "--log-level", defaultValue = "info", description = "error, warn, info, debug")
    String logLevel;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Janusd()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", logLevel);
        JanusConfig config = effectiveConfig();
        Files.createDirectories(config.root());
        Files.createDirectories(config.state());
        StateStore store = StateStore.open(config.root());
        ImageStore images = ImageStores.open(config.images(), config.root().resolve("images"), store.mvStore());
        HostContext host = new HostContext(config.root(), config.state(), config.cgroupDriver());
        CriContext cri = new CriContext(config,
                new RecordTable<>("sandboxes", store, SandboxRecord.parser(), SandboxRecord::getId, SandboxRecord::getName),
                new RecordTable<>("containers", store, ContainerRecord.parser(), ContainerRecord::getId, ContainerRecord::getName),
                new IdLocks(), new RuntimeHandlers(config, host),
                PodNetworks.forHost(config.network(), config.state()), images, new ContainerEvents(),
                config.state().resolve("pods"));
        Recovery.run(cri);
        cri.handlers().all().forEach(handler -> handler.onExit(event -> onExit(cri, event)));

        StreamingServer streaming = StreamingServer.start(config.streaming());
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(2));
        CriGrpcServer server = new CriGrpcServer(vertx, ListenAddress.parse(config.listen(), false));
        server.start(List.of(new RuntimeServiceImpl(cri, streaming),
                new ImageServiceImpl(cri, config.root().resolve("containers"))), config.maxMessageBytes());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // containers keep running: their monitors outlive janusd
            log().info("janusd stopping");
            server.close();
            streaming.close();
            vertx.close();
            images.close();
            store.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    private JanusConfig effectiveConfig() {
        JanusConfig config = ConfigLoader.load(configFile).withPaths(root, state, listen);
        if (cniConfDir != null || cniBinDirs != null) {
            config = config.withNetwork(new NetworkConfig(
                    cniConfDir != null ? cniConfDir : config.network().cniConfDir(),
                    cniBinDirs != null ? cniBinDirs : config.network().cniBinDirs()));
        }
        return config;
    }

    /** Exits are recorded off the handler's watcher thread, which must keep watching. */
    private static void onExit(CriContext cri, ExitEvent event) {
        Thread.ofVirtual().name("exit-" + event.id()).start(() -> {
            try {
                if (cri.containers().get(event.id()) != null) {
                    ContainerExits.record(cri, event.id());
                } else if (cri.sandboxes().get(event.id()) != null) {
                    SandboxExits.record(cri, event.id());
                }
            } catch (RuntimeException e) {
                log().warn("recording the exit of {} failed: {}", event.id(), e.toString());
            }
        });
    }
}
