package dev.janus.networking.hns;

import dev.janus.cri.errors.CriException;
import dev.janus.networking.hns.config.Cidr;
import dev.janus.networking.hns.config.HnsConfigFile;
import dev.janus.networking.hns.config.HnsNetworkConfig;
import dev.janus.networking.hns.config.SubnetConfig;
import dev.janus.networking.hns.documents.NetworkDocuments;
import dev.janus.networking.hns.documents.Queries;
import dev.janus.networking.hns.hcn.HcnKind;
import dev.janus.networking.hns.schema.HcnResponses;
import dev.janus.networking.hns.schema.HostComputeNetwork;
import dev.janus.networking.hns.schema.Ipam;
import dev.janus.networking.hns.schema.Subnet;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the configured HNS network exists: found by name, created when missing, refused when
 * a network of that name has another type or other subnets (Janus never deletes a network: other
 * software on the node may use it). The config file is read on every call.
 */
final class HnsNetworks {

    private static final Logger LOG = LoggerFactory.getLogger(HnsNetworks.class);

    /** The network pods join now, with the config that asked for it. */
    record InUse(HnsNetworkConfig config, UUID id) {

        String name() {
            return config.name();
        }
    }

    private final HcnClient hcn;
    private final HnsConfigFile file;
    private InUse current;

    HnsNetworks(HcnClient hcn, HnsConfigFile file) {
        this.hcn = hcn;
        this.file = file;
    }

    synchronized InUse ensure() {
        HnsNetworkConfig config = file.read();
        String subject = "network " + config.name();
        Optional<HostComputeNetwork> existing = current != null && current.config().equals(config)
                ? hcn.network(current.id(), subject) : Optional.empty();
        if (existing.isEmpty()) {
            existing = findByName(config, subject);
        }
        HostComputeNetwork network = existing.orElseGet(() -> create(config, subject));
        requireMatch(config, network);
        current = new InUse(config, HcnResponses.guid(network.id()));
        return current;
    }

    private Optional<HostComputeNetwork> findByName(HnsNetworkConfig config, String subject) {
        List<UUID> ids = hcn.ids(HcnKind.NETWORK, Queries.byName(config.name()), subject);
        if (ids.size() > 1) {
            throw CriException.precondition("%d HNS networks are named %s (%s): remove all but one",
                    ids.size(), config.name(), ids);
        }
        return ids.isEmpty() ? Optional.empty() : hcn.network(ids.get(0), subject);
    }

    private HostComputeNetwork create(HnsNetworkConfig config, String subject) {
        HostComputeNetwork created = hcn.createNetwork(NetworkDocuments.network(config), subject);
        LOG.info("created HNS {} network {} ({}) on {}", config.type().hcnName(), config.name(),
                created.id(), config.subnets().stream().map(SubnetConfig::prefix).toList());
        return created;
    }

    /** HNS reports Type and Ipams in the default query; when it leaves Ipams out there is nothing to compare. */
    private void requireMatch(HnsNetworkConfig config, HostComputeNetwork network) {
        if (!config.type().hcnName().equalsIgnoreCase(network.type())) {
            throw CriException.precondition("the HNS network %s is of type %s, but %s asks for %s: remove"
                    + " the network (Remove-HnsNetwork) or configure another name", config.name(),
                    network.type(), configSource(), config.type().hcnName());
        }
        List<String> present = prefixes(network);
        List<String> missing = config.subnets().stream().map(s -> s.cidr().toString())
                .filter(p -> !present.isEmpty() && !present.contains(p)).toList();
        if (!missing.isEmpty()) {
            throw CriException.precondition("the HNS network %s has subnets %s, but %s asks for %s",
                    config.name(), present, configSource(), missing);
        }
    }

    private static List<String> prefixes(HostComputeNetwork network) {
        return network.ipams() == null ? List.of() : network.ipams().stream()
                .map(Ipam::subnets).filter(s -> s != null).flatMap(List::stream)
                .map(Subnet::ipAddressPrefix).filter(p -> p != null && !p.isEmpty())
                .map(p -> Cidr.parse(p).toString())
                .collect(Collectors.toList());
    }

    private String configSource() {
        return file.path() == null || !Files.exists(file.path())
                ? "the default config" : file.path().toString();
    }
}
