package dev.janus.cri.state;

import java.util.Map;

/** The CRI label selector: every selector pair must be among the labels. */
public final class Labels {

    private Labels() {
    }

    public static boolean match(Map<String, String> selector, Map<String, String> labels) {
        for (Map.Entry<String, String> wanted : selector.entrySet()) {
            if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
