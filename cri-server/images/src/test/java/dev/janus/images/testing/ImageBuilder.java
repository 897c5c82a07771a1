package dev.janus.images.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.janus.images.Platform;
import dev.janus.images.manifest.Json;
import dev.janus.images.manifest.MediaTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an image's config and manifest around built layers, as Docker schema 2 or OCI.
 * Layers are taken with the media type they were built with.
 */
public final class ImageBuilder {

    private final boolean oci;
    private final List<Layer> layers = new ArrayList<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private Platform platform = new Platform("linux", "amd64", "", "");
    private List<String> cmd = List.of("sh");
    private List<String> entrypoint = List.of();
    private List<String> env = List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    private String user = "";
    private String workingDir = "";

    private ImageBuilder(boolean oci) {
        this.oci = oci;
    }

    public static ImageBuilder oci() {
        return new ImageBuilder(true);
    }

    public static ImageBuilder docker() {
        return new ImageBuilder(false);
    }

    public ImageBuilder layer(Layer layer) {
        layers.add(layer);
        return this;
    }

    public ImageBuilder platform(String os, String architecture, String variant, String osVersion) {
        platform = new Platform(os, architecture, variant, osVersion);
        return this;
    }

    public ImageBuilder cmd(String... args) {
        cmd = List.of(args);
        return this;
    }

    public ImageBuilder entrypoint(String... args) {
        entrypoint = List.of(args);
        return this;
    }

    public ImageBuilder env(String... vars) {
        env = List.of(vars);
        return this;
    }

    public ImageBuilder user(String u) {
        user = u;
        return this;
    }

    public ImageBuilder workingDir(String dir) {
        workingDir = dir;
        return this;
    }

    public ImageBuilder label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    public BuiltImage build() {
        Blob config = Blob.of(oci ? MediaTypes.OCI_CONFIG : MediaTypes.DOCKER_CONFIG, configJson());
        ObjectNode manifest = Json.MAPPER.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", oci ? MediaTypes.OCI_MANIFEST : MediaTypes.DOCKER_MANIFEST);
        manifest.set("config", descriptor(config));
        ArrayNode layerArray = manifest.putArray("layers");
        for (Layer layer : layers) {
            Blob blob = layer.blob();
            String type = oci ? blob.mediaType() : dockerType(blob.mediaType());
            layerArray.add(descriptor(new Blob(type, blob.digest(), blob.size(), null, null)));
        }
        Blob manifestBlob = Blob.of(oci ? MediaTypes.OCI_MANIFEST : MediaTypes.DOCKER_MANIFEST, bytes(manifest));
        return new BuiltImage(config, List.copyOf(layers), manifestBlob, platform);
    }

    /** A Docker manifest list ({@code oci} false) or OCI index of already built images. */
    public static BuiltIndex index(boolean oci, BuiltImage... images) {
        ObjectNode index = Json.MAPPER.createObjectNode();
        index.put("schemaVersion", 2);
        String type = oci ? MediaTypes.OCI_INDEX : MediaTypes.DOCKER_MANIFEST_LIST;
        index.put("mediaType", type);
        ArrayNode entries = index.putArray("manifests");
        for (BuiltImage image : images) {
            ObjectNode entry = descriptor(image.manifest());
            ObjectNode p = entry.putObject("platform");
            p.put("architecture", image.platform().architecture());
            p.put("os", image.platform().os());
            if (!image.platform().osVersion().isEmpty()) {
                p.put("os.version", image.platform().osVersion());
            }
            if (!image.platform().variant().isEmpty()) {
                p.put("variant", image.platform().variant());
            }
            entries.add(entry);
        }
        return new BuiltIndex(Blob.of(type, bytes(index)), List.of(images));
    }

    private byte[] configJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("architecture", platform.architecture());
        root.put("os", platform.os());
        if (!platform.osVersion().isEmpty()) {
            root.put("os.version", platform.osVersion());
        }
        if (!platform.variant().isEmpty()) {
            root.put("variant", platform.variant());
        }
        root.put("created", "2024-01-01T00:00:00Z");
        ObjectNode config = root.putObject("config");
        strings(config.putArray("Env"), env);
        strings(config.putArray("Cmd"), cmd);
        if (!entrypoint.isEmpty()) {
            strings(config.putArray("Entrypoint"), entrypoint);
        }
        config.put("User", user);
        config.put("WorkingDir", workingDir);
        ObjectNode labelNode = config.putObject("Labels");
        labels.forEach(labelNode::put);
        ObjectNode rootfs = root.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        layers.forEach(l -> diffIds.add(l.diffId().toString()));
        return bytes(root);
    }

    private static ObjectNode descriptor(Blob blob) {
        ObjectNode d = Json.MAPPER.createObjectNode();
        d.put("mediaType", blob.mediaType());
        d.put("digest", blob.digest().toString());
        d.put("size", blob.size());
        return d;
    }

    private static String dockerType(String ociType) {
        return ociType.equals(MediaTypes.OCI_LAYER_GZIP) ? MediaTypes.DOCKER_LAYER_GZIP : ociType;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
