package dev.janus.isolation.uvm.vm;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A network adapter of a VM, carrying the pod interface's MAC so the guest owns the pod's
 * address.
 *
 * @param id short, unique in the VM ({@code 0}, {@code 1}...): QEMU names its tap {@code tap<id>}
 * @param mac {@code aa:bb:cc:dd:ee:ff}
 * @param endpoint QEMU: the pod's interface in the pod netns ({@code eth0}) that is bridged to the
 *     tap with tc; Hyper-V: the HNS endpoint id the adapter connects to
 */
public record NicSpec(String id, String mac, String endpoint) {

    private static final Pattern ID = Pattern.compile("[a-z0-9]{1,12}");
    private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}");

    public NicSpec {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("NIC id must be 1-12 of [a-z0-9]: " + id);
        }
        mac = mac == null ? null : mac.toLowerCase(Locale.ROOT).replace('-', ':');
        if (mac == null || !MAC.matcher(mac).matches()) {
            throw new IllegalArgumentException("bad MAC address " + mac + " for NIC " + id);
        }
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("NIC " + id + " needs an endpoint");
        }
    }

    /** The tap QEMU creates in the pod netns for this adapter. */
    public String tapName() {
        return "tap" + id;
    }
}
