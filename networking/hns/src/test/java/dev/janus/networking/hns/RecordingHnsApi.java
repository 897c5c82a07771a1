package dev.janus.networking.hns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.janus.networking.hns.config.Cidr;
import dev.janus.networking.hns.hcn.HResults;
import dev.janus.networking.hns.hcn.HcnException;
import dev.janus.networking.hns.hcn.HcnKind;
import dev.janus.networking.hns.hcn.HnsApi;
import dev.janus.networking.hns.schema.HcnJson;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * An in-memory stand-in for computenetwork.dll, here only because the DLL cannot run on Linux.
 * It records every call with the document sent, answers as HNS's documented schema says (ids in
 * upper case, NAT networks without Type, addresses handed out from the network's subnets), and
 * fails a chosen call once on request. The real DLL is exercised by the Windows-only tests.
 */
final class RecordingHnsApi implements HnsApi {

    record Call(String function, UUID id, String document) {
    }

    final List<Call> calls = new ArrayList<>();
    final Map<HcnKind, Map<UUID, ObjectNode>> objects = new EnumMap<>(HcnKind.class);
    /** Simulates an HNS that picks its own ids whatever Janus asks for. */
    boolean ignoreRequestedIds;
    private final Map<String, HcnException> failures = new HashMap<>();
    private int nextHost = 2;
    private long nextCompartment = 2;

    RecordingHnsApi() {
        for (HcnKind kind : HcnKind.values()) {
            objects.put(kind, new LinkedHashMap<>());
        }
    }

    void failNext(String function, int hresult, String errorRecord) {
        failures.put(function, new HcnException(function, hresult, errorRecord));
    }

    Map<UUID, ObjectNode> networks() {
        return objects.get(HcnKind.NETWORK);
    }

    Map<UUID, ObjectNode> endpoints() {
        return objects.get(HcnKind.ENDPOINT);
    }

    Map<UUID, ObjectNode> namespaces() {
        return objects.get(HcnKind.NAMESPACE);
    }

    List<Call> calls(String function) {
        return calls.stream().filter(c -> c.function().equals(function)).toList();
    }

    /** Puts an object there as other software (or an earlier janusd) would have. */
    UUID put(HcnKind kind, UUID id, String json) {
        ObjectNode node = (ObjectNode) HcnJson.readTree(json);
        node.put("ID", id.toString().toUpperCase(Locale.ROOT));
        objects.get(kind).put(id, node);
        return id;
    }

    @Override
    public String enumerate(HcnKind kind, String query) {
        record(kind.enumerateFunction(), null, query);
        String filter = HcnJson.readTree(query).path("Filter").asText("");
        String name = filter.isEmpty() ? null : HcnJson.readTree(filter).path("Name").asText(null);
        ArrayNode ids = HcnJson.mapper().createArrayNode();
        objects.get(kind).forEach((id, node) -> {
            if (name == null || name.equals(node.path("Name").asText())) {
                ids.add(id.toString().toUpperCase(Locale.ROOT));
            }
        });
        return ids.toString();
    }

    @Override
    public String create(HcnKind kind, UUID id, String settings) {
        record(kind.function("Create"), id, settings);
        ObjectNode node = (ObjectNode) HcnJson.readTree(settings);
        if (kind == HcnKind.NAMESPACE) {
            node.put("NamespaceId", nextCompartment++);
            node.putArray("Resources");
        }
        if (kind == HcnKind.NETWORK && "NAT".equals(node.path("Type").asText())) {
            node.remove("Type");
        }
        return store(kind, id, node).toString();
    }

    @Override
    public String createEndpoint(UUID networkId, UUID id, String settings) {
        ObjectNode network = existing(HcnKind.NETWORK, networkId, "HcnOpenNetwork");
        record("HcnCreateEndpoint", id, settings);
        ObjectNode node = (ObjectNode) HcnJson.readTree(settings);
        ArrayNode ips = node.putArray("IpConfigurations");
        ArrayNode routes = node.putArray("Routes");
        int host = nextHost++;
        for (JsonNode subnet : network.path("Ipams").path(0).path("Subnets")) {
            Cidr cidr = Cidr.parse(subnet.path("IpAddressPrefix").asText());
            ips.addObject().put("IpAddress", nth(cidr, host)).put("PrefixLength", cidr.prefixLength());
            subnet.path("Routes").forEach(routes::add);
        }
        node.put("MacAddress", String.format("00-15-5D-52-C0-%02X", host));
        return store(HcnKind.ENDPOINT, id, node).toString();
    }

    @Override
    public String query(HcnKind kind, UUID id, String query) {
        ObjectNode node = existing(kind, id, kind.function("Open"));
        record(kind.function("Query", "Properties"), id, query);
        return node.toString();
    }

    @Override
    public void modifyNamespace(UUID namespaceId, String settings) {
        ObjectNode namespace = existing(HcnKind.NAMESPACE, namespaceId, "HcnOpenNamespace");
        record("HcnModifyNamespace", namespaceId, settings);
        JsonNode request = HcnJson.readTree(settings);
        UUID endpointId = UUID.fromString(request.path("Settings").path("EndpointId").asText());
        ObjectNode endpoint = existing(HcnKind.ENDPOINT, endpointId, "HcnModifyNamespace");
        ArrayNode resources = (ArrayNode) namespace.path("Resources");
        if ("Add".equals(request.path("RequestType").asText())) {
            if (endpoint.hasNonNull("HostComputeNamespace")) {
                throw new HcnException("HcnModifyNamespace", HResults.HCN_E_ENDPOINT_ALREADY_ATTACHED, "");
            }
            resources.addObject().put("Type", "Endpoint").putObject("Data").put("ID", endpoint.path("ID").asText());
            endpoint.put("HostComputeNamespace", namespaceId.toString());
        } else {
            for (int i = resources.size() - 1; i >= 0; i--) {
                if (resources.get(i).path("Data").path("ID").asText().equalsIgnoreCase(endpointId.toString())) {
                    resources.remove(i);
                }
            }
            endpoint.remove("HostComputeNamespace");
        }
    }

    @Override
    public void delete(HcnKind kind, UUID id) {
        ObjectNode node = existing(kind, id, kind.function("Delete"));
        record(kind.function("Delete"), id, null);
        if (kind == HcnKind.NAMESPACE && !node.path("Resources").isEmpty()) {
            throw new HcnException("HcnDeleteNamespace", 0x803B002C, "");
        }
        objects.get(kind).remove(id);
    }

    private void record(String function, UUID id, String document) {
        calls.add(new Call(function, id, document));
        HcnException failure = failures.remove(function);
        if (failure != null) {
            throw failure;
        }
    }

    private ObjectNode store(HcnKind kind, UUID requested, ObjectNode node) {
        UUID id = ignoreRequestedIds || requested.equals(new UUID(0, 0)) ? UUID.randomUUID() : requested;
        node.put("ID", id.toString().toUpperCase(Locale.ROOT));
        node.putObject("SchemaVersion").put("Major", 2).put("Minor", 0);
        objects.get(kind).put(id, node);
        return node;
    }

    private ObjectNode existing(HcnKind kind, UUID id, String function) {
        ObjectNode node = objects.get(kind).get(id);
        if (node == null) {
            int code = switch (kind) {
                case NETWORK -> HResults.HCN_E_NETWORK_NOT_FOUND;
                case ENDPOINT -> HResults.HCN_E_ENDPOINT_NOT_FOUND;
                case NAMESPACE -> HResults.ERROR_NOT_FOUND;
            };
            record(function, id, null);
            throw new HcnException(function, code, "{\"Success\":false,\"Error\":\"Element not found. \","
                    + "\"ErrorCode\":" + Integer.toUnsignedLong(code) + "}");
        }
        return node;
    }

    private static String nth(Cidr cidr, int host) {
        BigInteger base = new BigInteger(1, cidr.address().getAddress());
        byte[] raw = base.add(BigInteger.valueOf(host)).toByteArray();
        byte[] bytes = new byte[cidr.address().getAddress().length];
        System.arraycopy(raw, Math.max(0, raw.length - bytes.length), bytes,
                Math.max(0, bytes.length - raw.length), Math.min(raw.length, bytes.length));
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
