package dev.janus.networking.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.janus.cri.errors.CriException;
import dev.janus.networking.PodNetworkRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Detach and namespace removal with the real plugins: what they free, and repeating them. */
class TeardownIT extends ItBase {

    @Test
    void detachFreesTheAddressAndRemoveLeavesNothing() throws Exception {
        net.writeConfig(net.conflist(ItNetwork.portmap()));
        PodNetworkRequest pod = net.request("itdown-a");
        List<String> ips = net.network().attach(pod).ips();
        assertEquals(ips, net.reservedIps());
        assertEquals(1, net.vethsOnBridge().size());

        net.network().detach(pod);
        assertEquals(List.of(), net.reservedIps(), "host-local released the addresses");
        assertEquals(List.of(), net.vethsOnBridge(), "bridge DEL removed the veth");
        Path cacheDir = net.stateDir.resolve("cni/results");
        assertEquals(List.of(), new ResultCache(cacheDir).forSandbox("itdown-a"), "entry gone");
        net.network().detach(pod);

        net.network().removeNamespace("itdown-a");
        assertFalse(Files.exists(pod.netnsPath()), "no pinned file");
        assertFalse(NetnsPins.isPinned(pod.netnsPath()));
        assertFalse(ItHost.run("ip", "-o", "link").contains(net.bridge + " "), "no veth left");
        assertFalse(Files.exists(cacheDir.resolve("itdown-a")), "nothing cached is left");
        net.network().removeNamespace("itdown-a");
        net.network().detach(pod);
    }

    @Test
    void afterARestartDetachUsesTheCachedConfigEvenIfTheFileChanged() throws Exception {
        Path file = net.writeConfig(net.conflist());
        PodNetworkRequest pod = net.request("itdown-b");
        net.network().attach(pod);
        Files.delete(file);
        CniPodNetwork restarted = net.restart();
        assertFalse(restarted.readiness().ready());
        restarted.detach(pod);
        assertEquals(List.of(), net.reservedIps(), "DEL ran with the cached ipam config");
        assertEquals(List.of(), net.vethsOnBridge());
    }

    @Test
    void removeNamespaceDetachesWhatIsStillAttached() throws Exception {
        net.writeConfig(net.conflist(ItNetwork.portmap()));
        PodNetworkRequest pod = TestRequests.withPorts("itdown-c", net.pod("itdown-c"),
                TestRequests.tcp(28999, 80));
        net.network().attach(pod);
        net.restart().removeNamespace("itdown-c");
        assertEquals(List.of(), net.reservedIps());
        assertFalse(ItHost.run("iptables", "-w", "-t", "nat", "-S").contains(net.name),
                "no NAT rule of the network is left");
        assertFalse(Files.exists(pod.netnsPath()));
    }

    @Test
    void aHalfMadeAttachIsUndoneByDetach() throws Exception {
        net.writeConfig(net.conflist());
        PodNetworkRequest pod = net.request("itdown-d");
        // what a janusd killed during ADD leaves: the pending entry, and the bridge's work done
        NetworkConfigList network = NetworkConfigParser.parse("it", net.conflist(), true);
        ResultCache cache = new ResultCache(net.stateDir.resolve("cni/results"));
        String args = CniArgs.of(pod).encode();
        cache.put(new CachedAttachment("itdown-d", network.name(), "eth0",
                pod.netnsPath().toString(), network.toJson(), args, Json.object(), null));
        CniPluginRunner runner = new CniPluginRunner(List.of(ItHost.CNI_BIN),
                ItHost.CNI_BIN.toString(), Duration.ofSeconds(30));
        JsonNode added = new NetworkChain(runner).add(network, new CniInvocation("ADD",
                network.name(), "itdown-d", pod.netnsPath().toString(), "eth0", args),
                Json.object());
        assertTrue(added.has("ips"));
        assertEquals(2, net.reservedIps().size());

        net.restart().detach(pod);
        assertEquals(List.of(), net.reservedIps());
        assertEquals(List.of(), net.vethsOnBridge());
    }

    @Test
    void aFailedAddIsRolledBackAndNamesPluginNetworkAndSandbox() throws Exception {
        FakePlugins.write(net.extraBin, "it-refuser", """
                cat > /dev/null
                case "$CNI_COMMAND" in
                  VERSION) echo '{"cniVersion":"1.0.0","supportedVersions":["1.0.0"]}' ;;
                  ADD) echo '{"code":11,"msg":"refusing on purpose"}'; exit 1 ;;
                esac
                exit 0""");
        net.writeConfig(net.conflist("{\"type\": \"it-refuser\"}"));
        PodNetworkRequest pod = net.request("itdown-e");
        CriException e = assertThrows(CriException.class, () -> net.network().attach(pod));
        assertEquals(CriException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("\"it-refuser\"") && e.getMessage().contains(net.name)
                && e.getMessage().contains("itdown-e")
                && e.getMessage().contains("refusing on purpose"), e.getMessage());
        assertEquals(List.of(), net.reservedIps(), "the bridge's address was given back");
        assertEquals(List.of(), net.vethsOnBridge());
        net.network().detach(pod);
    }
}
