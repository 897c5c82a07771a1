package dev.janus.networking.hns.hcn;

import java.util.Locale;

/** The HCN object kinds Janus handles; each names its computenetwork.dll functions. */
public enum HcnKind {
    NETWORK("Network"),
    ENDPOINT("Endpoint"),
    NAMESPACE("Namespace");

    private final String hcnName;

    HcnKind(String hcnName) {
        this.hcnName = hcnName;
    }

    /** The export's name, e.g. {@code function("Query", "Properties")} is HcnQueryEndpointProperties. */
    public String function(String verb, String suffix) {
        return "Hcn" + verb + hcnName + suffix;
    }

    public String function(String verb) {
        return function(verb, "");
    }

    /** HcnEnumerateNetworks, HcnEnumerateEndpoints, HcnEnumerateNamespaces. */
    public String enumerateFunction() {
        return function("Enumerate", "s");
    }

    public String noun() {
        return hcnName.toLowerCase(Locale.ROOT);
    }
}
