package dev.janus.cri.validation;

import java.util.regex.Pattern;

/**
 * What a CRI name or id may be. Kubernetes names are DNS-1123 labels (namespaces, up to 63) and
 * subdomains (pods, up to 253), and kubelet sends them as they are; other CRI clients (critest,
 * crictl) use upper case and longer container names, which containerd accepts. So: the API
 * server's lengths and a character set that can never leave a directory, break a line or end a
 * C string in a tool janusd runs.
 */
final class Names {

    static final int LABEL_MAX = 63;
    static final int SUBDOMAIN_MAX = 253;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /** A hostname the kernel takes (64 bytes) in RFC 1123 characters. */
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,62}[A-Za-z0-9])?");
    private static final Pattern DNS_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]{0,251}[A-Za-z0-9_.])?");

    private Names() {
    }

    static void name(String field, String value, int max) {
        if (value.isEmpty()) {
            throw Invalid.field(field, "is required");
        }
        if (value.length() > max || !NAME.matcher(value).matches() || value.contains("..")) {
            throw Invalid.field(field, value, "must be 1-" + max + " letters, digits, '-', '_' or '.', starting"
                    + " with a letter or digit");
        }
    }

    static void hostname(String field, String value) {
        if (!value.isEmpty() && !HOSTNAME.matcher(value).matches()) {
            throw Invalid.field(field, value, "must be a hostname of at most 64 letters, digits, '-' and '.'");
        }
    }

    /** A search domain of resolv.conf (a trailing dot allowed). */
    static void dnsName(String field, String value) {
        if (!DNS_NAME.matcher(value).matches() || value.contains("..")) {
            throw Invalid.field(field, value, "must be a DNS name: letters, digits, '-', '_' and '.', at most 253");
        }
    }
}
