package dev.janus.networking.cni;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses one network config file's text: a conflist, or a single plugin (.conf/.json) that is
 * wrapped into a list. Rejects what libcni would reject, with a message naming the file.
 */
final class NetworkConfigParser {

    /** The CNI spec's network name rule; the name also becomes part of cache file names. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.\\-]*");
    /** A plugin type is a binary's file name: never a path. */
    private static final Pattern TYPE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.\\-]*");

    private NetworkConfigParser() {
    }

    /** Thrown for a config that cannot be used; the message says what is wrong and where. */
    static final class InvalidConfigException extends Exception {
        InvalidConfigException(String message) {
            super(message);
        }
    }

    static NetworkConfigList parse(String source, String text, boolean isList)
            throws InvalidConfigException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(source + " is not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidConfigException(source + " does not hold a JSON object");
        }
        return isList ? list(source, (ObjectNode) root) : single(source, (ObjectNode) root);
    }

    static NetworkConfigList list(String source, ObjectNode root) throws InvalidConfigException {
        String name = name(source, root);
        JsonNode plugins = root.get("plugins");
        if (plugins == null || !plugins.isArray() || plugins.isEmpty()) {
            throw new InvalidConfigException(source + " (network \"" + name
                    + "\") has no plugins");
        }
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode plugin : plugins) {
            if (!plugin.isObject()) {
                throw new InvalidConfigException(source + ": every plugin must be an object");
            }
            type(source, plugin);
            out.add((ObjectNode) plugin);
        }
        return new NetworkConfigList(name, version(source, root),
                root.path("disableCheck").asBoolean(false), out, source);
    }

    private static NetworkConfigList single(String source, ObjectNode root)
            throws InvalidConfigException {
        if (!root.hasNonNull("type") && root.has("plugins")) {
            throw new InvalidConfigException(source + " holds a plugin list: name it *.conflist");
        }
        type(source, root);
        return new NetworkConfigList(name(source, root), version(source, root), false,
                List.of(root), source);
    }

    private static String name(String source, JsonNode root) throws InvalidConfigException {
        String name = Json.text(root, "name");
        if (!NAME.matcher(name).matches()) {
            throw new InvalidConfigException(source + " has no valid network \"name\" (got \""
                    + name + "\"; letters, digits, '_', '.', '-')");
        }
        return name;
    }

    private static String version(String source, JsonNode root) throws InvalidConfigException {
        String version = Json.text(root, "cniVersion");
        if (!NetworkConfigList.isValidVersion(version)) {
            throw new InvalidConfigException(source + " has no valid \"cniVersion\" (got \""
                    + version + "\")");
        }
        return version;
    }

    private static void type(String source, JsonNode plugin) throws InvalidConfigException {
        String type = Json.text(plugin, "type");
        if (!TYPE.matcher(type).matches()) {
            throw new InvalidConfigException(source + ": plugin \"type\" must name a binary in"
                    + " the CNI bin dirs (got \"" + type + "\")");
        }
    }
}
