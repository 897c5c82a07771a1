package dev.janus.isolation.ocispec;

import dev.janus.cri.api.KeyValue;
import dev.janus.cri.errors.CriException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The process environment: a default PATH and HOSTNAME, then the image's ENV, then the CRI envs.
 * A later value for a key replaces the earlier one in its place, so the order stays that of
 * first appearance (as containerd writes it).
 */
final class EnvMerger {

    static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private EnvMerger() {
    }

    static List<String> merge(String hostname, List<String> imageEnv, List<KeyValue> criEnv) {
        Map<String, String> env = new LinkedHashMap<>();
        put(env, DEFAULT_PATH);
        if (!hostname.isEmpty()) {
            put(env, "HOSTNAME=" + hostname);
        }
        imageEnv.forEach(e -> put(env, e));
        for (KeyValue kv : criEnv) {
            if (kv.getKey().isEmpty() || kv.getKey().indexOf('=') >= 0 || kv.getKey().indexOf('\0') >= 0) {
                throw CriException.invalid("invalid environment variable name \"%s\"", kv.getKey());
            }
            String value = kv.getValue().toStringUtf8();
            if (value.indexOf('\0') >= 0) {
                throw CriException.invalid("environment variable %s holds a NUL byte", kv.getKey());
            }
            put(env, kv.getKey() + "=" + value);
        }
        return new ArrayList<>(env.values());
    }

    private static void put(Map<String, String> env, String entry) {
        int eq = entry.indexOf('=');
        String key = eq < 0 ? entry : entry.substring(0, eq);
        if (!key.isEmpty()) {
            env.put(key, entry);
        }
    }
}
