package dev.janus.isolation.uvm.vm.qemu;

import dev.janus.isolation.uvm.testing.ItHost;
import java.nio.file.Path;

/**
 * What CNI would leave for a pod: a netns whose eth0 is one end of a veth with the pod's MAC
 * and address; the other end sits in a peer netns standing in for the node's bridge.
 */
final class PodNetns implements AutoCloseable {

    static final String POD_MAC = "0a:58:0a:63:00:05";
    static final String POD_IP = "10.99.0.5";
    static final String SECOND_MAC = "0a:58:0a:63:01:05";
    private static final String PEER_IP = "10.99.0.1";

    private final String pod;
    private final String peer;

    PodNetns(String name) {
        pod = name;
        peer = name + "-peer";
        ItHost.check("ip", "netns", "add", pod);
        ItHost.check("ip", "netns", "add", peer);
        ItHost.check("ip", "-n", pod, "link", "add", "eth0", "address", POD_MAC, "type", "veth", "peer", "name",
                "node0", "netns", peer);
        ItHost.check("ip", "-n", pod, "addr", "add", POD_IP + "/24", "dev", "eth0");
        ItHost.check("ip", "-n", pod, "link", "set", "eth0", "up");
        ItHost.check("ip", "-n", peer, "addr", "add", PEER_IP + "/24", "dev", "node0");
        ItHost.check("ip", "-n", peer, "link", "set", "node0", "up");
        // a second interface, for a NIC hot-plugged later
        ItHost.check("ip", "-n", pod, "link", "add", "eth1", "address", SECOND_MAC, "type", "veth", "peer", "name",
                "node1", "netns", peer);
        ItHost.check("ip", "-n", pod, "link", "set", "eth1", "up");
    }

    Path pod() {
        return Path.of("/var/run/netns", pod);
    }

    boolean pingFromPeer() {
        String out = ItHost.run("ip", "netns", "exec", peer, "busybox", "ping", "-c", "3", "-W", "5", POD_IP);
        System.out.println(out.lines().filter(l -> l.contains("packets") || l.contains("rtt")).toList());
        return out.contains(" 0% packet loss");
    }

    @Override
    public void close() {
        ItHost.run("ip", "netns", "del", pod);
        ItHost.run("ip", "netns", "del", peer);
    }
}
