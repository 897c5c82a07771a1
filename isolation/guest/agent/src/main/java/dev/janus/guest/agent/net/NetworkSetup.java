package dev.janus.guest.agent.net;

import dev.janus.guest.agent.AgentException;
import dev.janus.guest.agent.Log;
import dev.janus.guest.agent.sys.Busybox;
import dev.janus.guest.agent.sys.Command;
import dev.janus.guest.agent.sys.GuestFiles;
import dev.janus.guest.protocol.ops.ConfigureNetwork;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CONFIGURE_NETWORK: finds each NIC by MAC (waiting for a hot-plugged one), renames and
 * addresses it with busybox {@code ip}, adds the routes, writes resolv.conf and sets the
 * hostname. Containers share the VM's network namespace, so this is the pod's network.
 */
public final class NetworkSetup {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration NIC_WAIT = Duration.ofSeconds(10);

    private final Busybox busybox;
    private final Path etc;

    public NetworkSetup(Busybox busybox, Path etc) {
        this.busybox = busybox;
        this.etc = etc;
    }

    public ConfigureNetwork.Reply configure(ConfigureNetwork.Request request) {
        ip(List.of("link", "set", "dev", "lo", "up"));
        List<String> names = new ArrayList<>();
        for (ConfigureNetwork.Interface wanted : request.interfaces()) {
            String current = awaitByMac(wanted.mac());
            for (List<String> command : IpCommands.forInterface(current, wanted)) {
                ipToleratingExisting(command);
            }
            names.add(wanted.name().isEmpty() ? current : wanted.name());
        }
        for (ConfigureNetwork.Route route : request.routes()) {
            String device = route.device().isEmpty() ? names.stream().findFirst()
                    .orElseThrow(() -> AgentException.invalid("route %s names no device and there is no interface",
                            route.destination())) : route.device();
            ip(IpCommands.forRoute(route, device));
        }
        String resolv = IpCommands.resolvConf(request.dns());
        if (!resolv.isEmpty()) {
            GuestFiles.write(etc.resolve("resolv.conf"), resolv.getBytes(StandardCharsets.UTF_8), 0644);
        }
        if (!request.hostname().isEmpty()) {
            Command.check(COMMAND_TIMEOUT, busybox.argv("hostname", request.hostname()));
            GuestFiles.write(etc.resolve("hostname"), (request.hostname() + "\n").getBytes(StandardCharsets.UTF_8), 0644);
        }
        Log.info("network configured: %s", names);
        return new ConfigureNetwork.Reply(names);
    }

    private String awaitByMac(String mac) {
        long deadline = System.nanoTime() + NIC_WAIT.toNanos();
        while (true) {
            Optional<String> name = byMac(mac);
            if (name.isPresent()) {
                return name.get();
            }
            if (System.nanoTime() > deadline) {
                throw AgentException.notFound("no network interface with MAC %s", mac);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw AgentException.unavailable("interrupted waiting for the NIC %s", mac);
            }
        }
    }

    /** From {@code ip -o link}, not /sys/class/net: sysfs shows the namespace that mounted it. */
    private Optional<String> byMac(String mac) {
        Command.Result links = Command.run(COMMAND_TIMEOUT, busybox.argv("ip", "-o", "link", "show"));
        if (!links.ok()) {
            throw AgentException.internal("cannot list network links", new RuntimeException(links.output()));
        }
        return IpCommands.linkWithMac(links.output(), mac);
    }

    private void ip(List<String> args) {
        Command.check(COMMAND_TIMEOUT, busybox.argv("ip", args));
    }

    /** "ip addr add" of an address already there fails with EEXIST: a repeated request is fine. */
    private void ipToleratingExisting(List<String> args) {
        Command.Result result = Command.run(COMMAND_TIMEOUT, busybox.argv("ip", args));
        if (!result.ok() && !result.output().contains("File exists")) {
            throw new AgentException(dev.janus.guest.protocol.ops.ErrorKind.INTERNAL,
                    "ip " + String.join(" ", args) + " failed: " + result.output());
        }
    }
}
