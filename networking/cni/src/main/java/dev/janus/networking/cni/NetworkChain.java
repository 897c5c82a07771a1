package dev.janus.networking.cni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.janus.cri.errors.CriException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a network's plugin chain as the spec orders it: ADD in order, each plugin getting the
 * previous one's result; CHECK in order with the cached result; DEL in reverse order with the
 * cached result, going on past a failing plugin so one broken step does not keep the others'
 * resources (the caller keeps the cache entry, so a retry repeats the whole DEL).
 */
final class NetworkChain {

    private final CniPluginRunner runner;

    NetworkChain(CniPluginRunner runner) {
        this.runner = runner;
    }

    JsonNode add(NetworkConfigList network, CniInvocation call, ObjectNode capabilityArgs) {
        JsonNode result = null;
        for (int i = 0; i < network.plugins().size(); i++) {
            ObjectNode stdin = RuntimeConfigBuilder.stdin(network, i, result, capabilityArgs);
            result = runner.run(call.withCommand(CniInvocation.ADD), network.type(i), stdin);
        }
        return result;
    }

    /** CHECK exists from spec 0.4.0 on, and a network may opt out with disableCheck. */
    boolean canCheck(NetworkConfigList network) {
        return network.hasCheck() && !network.disableCheck();
    }

    void check(NetworkConfigList network, CniInvocation call, ObjectNode capabilityArgs,
            JsonNode cachedResult) {
        for (int i = 0; i < network.plugins().size(); i++) {
            ObjectNode stdin = RuntimeConfigBuilder.stdin(network, i, cachedResult, capabilityArgs);
            runner.run(call.withCommand(CniInvocation.CHECK), network.type(i), stdin);
        }
    }

    /** @return the failures, empty when every plugin's DEL succeeded */
    List<CriException> del(NetworkConfigList network, CniInvocation call,
            ObjectNode capabilityArgs, JsonNode cachedResult) {
        JsonNode prev = network.hasCheck() ? cachedResult : null;
        List<CriException> failures = new ArrayList<>();
        for (int i = network.plugins().size() - 1; i >= 0; i--) {
            ObjectNode stdin = RuntimeConfigBuilder.stdin(network, i, prev, capabilityArgs);
            try {
                runner.run(call.withCommand(CniInvocation.DEL), network.type(i), stdin);
            } catch (CriException e) {
                failures.add(e);
            }
        }
        return failures;
    }
}
