package dev.janus.networking.cni;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One CNI network: a conflist, or a single-plugin .conf wrapped into one (as libcni does).
 *
 * @param plugins each plugin's own configuration object, in chain order; never modified
 * @param source where it came from (a file, or the cache entry of a sandbox), for messages
 */
record NetworkConfigList(String name, String cniVersion, boolean disableCheck,
        List<ObjectNode> plugins, String source) {

    private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+");

    NetworkConfigList {
        plugins = plugins.stream().map(ObjectNode::deepCopy).toList();
    }

    /** CHECK, and prevResult on DEL, came with spec 0.4.0. */
    boolean hasCheck() {
        return compareVersions(cniVersion, "0.4.0") >= 0;
    }

    static boolean isValidVersion(String version) {
        return version != null && SEMVER.matcher(version).matches();
    }

    private static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < 3; i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    String type(int index) {
        return plugins.get(index).get("type").asText();
    }

    List<String> types() {
        return plugins.stream().map(p -> p.get("type").asText()).toList();
    }

    ObjectNode plugin(int index) {
        return plugins.get(index).deepCopy();
    }

    /** The conflist form, as cached beside the result so DEL gets the same config. */
    ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("cniVersion", cniVersion);
        out.put("name", name);
        if (disableCheck) {
            out.put("disableCheck", true);
        }
        plugins.forEach(out.putArray("plugins")::add);
        return out;
    }

    @Override
    public String toString() {
        return "network \"" + name + "\" (" + source + ")";
    }
}
