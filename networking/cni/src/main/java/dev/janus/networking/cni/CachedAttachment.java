package dev.janus.networking.cni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What DEL needs of an earlier ADD, kept on disk: the network config as it was then, the same
 * CNI_ARGS and capability arguments, and the result.
 *
 * @param netns the namespace the ADD ran in
 * @param network the conflist form of the network config used for ADD
 * @param capabilityArgs every capability argument offered at ADD (plugins take what they declare)
 * @param result the chain's final result, or null while the ADD is still pending (or died half-way)
 */
record CachedAttachment(String sandboxId, String networkName, String ifName, String netns,
        ObjectNode network, String cniArgs, ObjectNode capabilityArgs, JsonNode result) {

    CachedAttachment {
        network = network.deepCopy();
        capabilityArgs = capabilityArgs.deepCopy();
        result = result == null || result.isNull() ? null : result.deepCopy();
    }

    boolean pending() {
        return result == null;
    }

    CachedAttachment withResult(JsonNode added) {
        return new CachedAttachment(sandboxId, networkName, ifName, netns, network, cniArgs,
                capabilityArgs, added);
    }

    CniInvocation invocation(String command, String currentNetns) {
        return new CniInvocation(command, networkName, sandboxId, currentNetns, ifName, cniArgs);
    }
}
