package dev.janus.networking.cni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.janus.cri.errors.CriException;
import dev.janus.networking.PodNetworkRequest;
import dev.janus.networking.PodNetworkStatus;
import dev.janus.networking.cni.NetworkConfigParser.InvalidConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attaching a sandbox to a network and taking it off again, with the cache as the record of
 * what was done. The caller holds the sandbox's lock.
 *
 * <pre>
 *   attach:   leftovers torn down (or a live one CHECKed and reused) -> loopback ADD
 *             -> cache(pending) -> chain ADD -> cache(result)      ADD fails -> chain DEL
 *   teardown: chain DEL with the cached config, args and result -> entry removed, sandbox
 *             marked detached (a repeated detach then runs nothing)
 * </pre>
 */
final class Attachments {

    private static final Logger LOG = LoggerFactory.getLogger(Attachments.class);
    static final String IF_NAME = "eth0";

    private final NetworkChain chain;
    private final ResultCache cache;

    Attachments(NetworkChain chain, ResultCache cache) {
        this.chain = chain;
        this.cache = cache;
    }

    PodNetworkStatus attach(NetworkConfigList network, PodNetworkRequest request) {
        String id = request.sandboxId();
        String netns = request.netnsPath().toString();
        ObjectNode caps = RuntimeConfigBuilder.capabilityArgs(request);
        String args = CniArgs.of(request).encode();
        for (CachedAttachment old : cache.forSandbox(id)) {
            if (!old.pending() && old.networkName().equals(network.name())
                    && old.netns().equals(netns)) {
                Optional<PodNetworkStatus> live = recheck(old);
                if (live.isPresent()) {
                    return live.get();
                }
            }
            throwIfAny(teardown(old), "cannot clear the earlier attachment of sandbox " + id);
        }
        CniInvocation call = new CniInvocation(CniInvocation.ADD, network.name(), id, netns,
                IF_NAME, args);
        chain.add(PluginCompatibility.LOOPBACK, call.withNetwork("cni-loopback", "lo"),
                Json.object());
        CachedAttachment pending = new CachedAttachment(id, network.name(), IF_NAME, netns,
                network.toJson(), args, caps, null);
        cache.put(pending);
        cache.clearDetached(id);
        JsonNode result;
        try {
            result = chain.add(network, call, caps);
        } catch (CriException e) {
            rollback(pending, e);
            throw e;
        }
        cache.put(pending.withResult(result));
        PodNetworkStatus status = CniResult.parse(result).toStatus(IF_NAME);
        LOG.info("sandbox {} attached to CNI network {}: {}", id, network.name(), status.ips());
        return status;
    }

    /**
     * DEL of everything cached for the sandbox. With nothing cached and no mark that it was
     * detached already, DEL with the current config.
     */
    void detach(Optional<NetworkConfigList> current, PodNetworkRequest request) {
        String id = request.sandboxId();
        List<CachedAttachment> entries = cache.forSandbox(id);
        List<CriException> failures = new ArrayList<>();
        entries.forEach(e -> failures.addAll(teardown(e)));
        if (entries.isEmpty() && !cache.isDetached(id) && current.isPresent()) {
            failures.addAll(uncachedDel(current.get(), request));
        }
        throwIfAny(failures, "cannot detach sandbox " + id);
        cache.markDetached(id);
    }

    java.util.Set<String> cachedSandboxIds() {
        return cache.sandboxIds();
    }

    /** After the namespace is gone: the sandbox's cache dir goes too. */
    void forget(String sandboxId) {
        cache.forget(sandboxId);
    }

    /** What removeNamespace does first: nothing may stay attached to a namespace being removed. */
    void detachCached(String sandboxId) {
        for (CachedAttachment entry : cache.forSandbox(sandboxId)) {
            LOG.warn("sandbox {} is still attached to CNI network {}: detaching it before its"
                    + " namespace is removed", sandboxId, entry.networkName());
            throwIfAny(teardown(entry), "cannot detach sandbox " + sandboxId);
        }
    }

    private Optional<PodNetworkStatus> recheck(CachedAttachment old) {
        try {
            NetworkConfigList network = cachedNetwork(old);
            if (chain.canCheck(network)) {
                chain.check(network, old.invocation(CniInvocation.CHECK, old.netns()),
                        old.capabilityArgs(), old.result());
            }
            return Optional.of(CniResult.parse(old.result()).toStatus(IF_NAME));
        } catch (CriException e) {
            LOG.warn("sandbox {} failed CHECK on network {}, attaching it again: {}",
                    old.sandboxId(), old.networkName(), e.getMessage());
            return Optional.empty();
        }
    }

    private List<CriException> teardown(CachedAttachment entry) {
        NetworkConfigList network = cachedNetwork(entry);
        String netns = NetnsPins.isPinned(Path.of(entry.netns())) ? entry.netns() : "";
        List<CriException> failures = chain.del(network,
                entry.invocation(CniInvocation.DEL, netns), entry.capabilityArgs(),
                entry.result());
        if (failures.isEmpty()) {
            cache.remove(entry);
            cache.markDetached(entry.sandboxId());
        }
        return failures;
    }

    /**
     * No cache entry (a state dir lost with a reboot, or never attached): DEL with today's config
     * still frees what plugins key by container id (host-local IPs, portmap rules). Harmless
     * when there is nothing to free.
     */
    private List<CriException> uncachedDel(NetworkConfigList network, PodNetworkRequest request) {
        Path netns = request.netnsPath();
        String netnsArg = netns != null && NetnsPins.isPinned(netns) ? netns.toString() : "";
        ObjectNode caps;
        String args;
        try {
            caps = RuntimeConfigBuilder.capabilityArgs(request);
            args = CniArgs.of(request).encode();
        } catch (CriException invalid) {
            caps = Json.object();
            args = "IgnoreUnknown=1";
        }
        CniInvocation call = new CniInvocation(CniInvocation.DEL, network.name(),
                request.sandboxId(), netnsArg, IF_NAME, args);
        return chain.del(network, call, caps, null);
    }

    private void rollback(CachedAttachment pending, CriException addFailure) {
        List<CriException> failures = teardown(pending);
        failures.forEach(addFailure::addSuppressed);
        if (!failures.isEmpty()) {
            LOG.warn("ADD of sandbox {} failed and so did its clean-up; the cache keeps it for"
                    + " the next detach: {}", pending.sandboxId(), failures.getFirst().getMessage());
        }
    }

    private static NetworkConfigList cachedNetwork(CachedAttachment entry) {
        try {
            return NetworkConfigParser.list("cached config of sandbox " + entry.sandboxId(),
                    entry.network());
        } catch (InvalidConfigException e) {
            throw new CriException(CriException.Kind.INTERNAL, e.getMessage());
        }
    }

    private static void throwIfAny(List<CriException> failures, String what) {
        if (failures.isEmpty()) {
            return;
        }
        if (failures.size() == 1) {
            throw failures.getFirst();
        }
        StringBuilder message = new StringBuilder(what).append(": ");
        failures.forEach(f -> message.append(f.getMessage()).append("; "));
        CriException all = new CriException(failures.getFirst().kind(),
                message.substring(0, message.length() - 2));
        failures.forEach(all::addSuppressed);
        throw all;
    }
}
