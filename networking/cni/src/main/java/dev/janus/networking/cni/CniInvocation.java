package dev.janus.networking.cni;

/**
 * The environment of one plugin run, apart from the plugin's own config on stdin.
 *
 * @param network the network's name, for messages
 * @param netns the namespace path, or "" on a DEL when the namespace is already gone
 * @param cniArgs the encoded {@link CniArgs}
 */
record CniInvocation(String command, String network, String containerId, String netns,
        String ifName, String cniArgs) {

    static final String ADD = "ADD";
    static final String DEL = "DEL";
    static final String CHECK = "CHECK";

    CniInvocation withCommand(String other) {
        return new CniInvocation(other, network, containerId, netns, ifName, cniArgs);
    }

    CniInvocation withNetwork(String other, String otherIfName) {
        return new CniInvocation(command, other, containerId, netns, otherIfName, cniArgs);
    }
}
