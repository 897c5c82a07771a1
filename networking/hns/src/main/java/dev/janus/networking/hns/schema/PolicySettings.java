package dev.janus.networking.hns.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code Settings} of the policy types Janus uses, with their HCN {@code Type} names. Fields
 * Janus leaves null are left out of the JSON, as HCN's own clients send them.
 */
public final class PolicySettings {

    /** Endpoint policy types. */
    public static final String PORT_MAPPING = "PortMapping";
    public static final String OUTBOUND_NAT = "OutBoundNAT";
    public static final String SDN_ROUTE = "SDNRoute";
    /** Network policy types. */
    public static final String NET_ADAPTER_NAME = "NetAdapterName";
    public static final String VXLAN_PORT = "VxlanPort";
    /** Subnet policy type. */
    public static final String VSID = "VSID";

    /** NAT flags of PortMapping and OutBoundNAT. */
    public static final int NAT_FLAGS_IPV6 = 2;

    private PolicySettings() {
    }

    /**
     * A host port forwarded to the endpoint. Protocol is the IP protocol number (6 TCP, 17 UDP);
     * VIP restricts the mapping to one host address.
     */
    public record PortMapping(Integer protocol, Integer internalPort, Integer externalPort,
            @JsonProperty("VIP") String vip, Integer flags) {
    }

    /** Source NAT of the endpoint's outgoing traffic, except towards {@code Exceptions}. */
    public record OutboundNat(@JsonProperty("VirtualIP") String virtualIp, List<String> exceptions,
            List<String> destinations, Integer flags) {
    }

    /** A route the vSwitch applies to the endpoint; NeedEncap sends it through the host. */
    public record SdnRoute(String destinationPrefix, String nextHop, Boolean needEncap) {
    }

    /** The host NIC an L2Bridge, Transparent or Overlay network binds to. */
    public record NetAdapterName(String networkAdapterName) {
    }

    /** The VXLAN UDP port of an Overlay network. */
    public record VxlanPort(int port) {
    }

    /** The virtual subnet id of an Overlay subnet; always sent, even when 0. */
    public record Vsid(long isolationId) {
    }
}
