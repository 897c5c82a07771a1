package dev.janus.networking.hns.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The HNS network types Janus can create, with the spelling HCN's {@code Type} field uses. */
public enum NetworkType {
    /** Pods behind the host's address (WinNAT); reachable from outside through port mappings. */
    NAT("NAT"),
    /** Pods on the host's L2 segment, MAC-rewritten by the vSwitch; needs routes to other nodes. */
    L2BRIDGE("L2Bridge"),
    /** Pods in a VXLAN overlay identified by a VSID. */
    OVERLAY("Overlay");

    private final String hcnName;

    NetworkType(String hcnName) {
        this.hcnName = hcnName;
    }

    @JsonValue
    public String hcnName() {
        return hcnName;
    }

    /** Case-insensitive, so "nat", "l2bridge" and "overlay" in a config file work. */
    @JsonCreator
    public static NetworkType fromHcnName(String name) {
        for (NetworkType type : values()) {
            if (type.hcnName.equalsIgnoreCase(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("network type \"" + name + "\" is not one of "
                + Arrays.stream(values()).map(NetworkType::hcnName).collect(Collectors.joining(", ")));
    }
}
