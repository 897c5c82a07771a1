package dev.janus.isolation.ocispec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compares kernel releases by their leading numbers: "6.1.0-18-amd64" is 6.1.0, "5.4" is 5.4.0. */
final class KernelVersion {

    private static final Pattern LEAD = Pattern.compile("^(\\d{1,6})(?:\\.(\\d{1,6}))?(?:\\.(\\d{1,6}))?");

    private KernelVersion() {
    }

    static int compare(String a, String b) {
        int[] x = numbers(a);
        int[] y = numbers(b);
        for (int i = 0; i < 3; i++) {
            if (x[i] != y[i]) {
                return Integer.compare(x[i], y[i]);
            }
        }
        return 0;
    }

    private static int[] numbers(String release) {
        int[] out = new int[3];
        Matcher m = LEAD.matcher(release.trim());
        if (m.find()) {
            for (int i = 0; i < 3; i++) {
                out[i] = m.group(i + 1) == null ? 0 : Integer.parseInt(m.group(i + 1));
            }
        }
        return out;
    }
}
