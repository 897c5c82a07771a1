package dev.janus.images;

import java.util.List;
import java.util.Map;

/**
 * The {@code images} section of janusd's config file. Every field has a default, so an empty
 * section (or none) works. Example (YAML):
 *
 * <pre>
 * registries:
 *   registry.k8s.io:
 *     mirrors: ["http://127.0.0.1:5123"]
 *   docker.io:
 *     mirrors: ["https://mirror.example.com/dockerhub"]
 *   registry.internal:5000:
 *     insecure: true
 * maxUncompressedLayerBytes: 34359738368
 * maxConcurrentDownloads: 3
 * retry: {attempts: 5, initialBackoffMillis: 200, maxBackoffMillis: 5000}
 * pinnedImages: ["registry.k8s.io/pause:3.9"]
 * </pre>
 *
 * @param registries                per registry host (as in references: {@code docker.io},
 *                                  {@code host:port}): mirrors and TLS, like containerd's hosts.toml
 * @param maxUncompressedLayerBytes a layer that expands beyond this is refused (decompression bombs)
 * @param maxConcurrentDownloads    blobs downloaded at once, across all pulls
 * @param pinnedImages              references reported as pinned, which kubelet never garbage-collects
 */
public record ImagesConfig(
        Map<String, RegistryHostConfig> registries,
        long maxUncompressedLayerBytes,
        int maxConcurrentDownloads,
        RetryConfig retry,
        List<String> pinnedImages) {

    public static final long DEFAULT_MAX_UNCOMPRESSED_LAYER_BYTES = 32L << 30;
    public static final int DEFAULT_MAX_CONCURRENT_DOWNLOADS = 3;

    public ImagesConfig {
        registries = registries == null ? Map.of() : Map.copyOf(registries);
        maxUncompressedLayerBytes = maxUncompressedLayerBytes > 0
                ? maxUncompressedLayerBytes : DEFAULT_MAX_UNCOMPRESSED_LAYER_BYTES;
        maxConcurrentDownloads = maxConcurrentDownloads > 0
                ? maxConcurrentDownloads : DEFAULT_MAX_CONCURRENT_DOWNLOADS;
        retry = retry == null ? RetryConfig.DEFAULTS : retry;
        pinnedImages = pinnedImages == null ? List.of() : List.copyOf(pinnedImages);
    }

    public static ImagesConfig defaults() {
        return new ImagesConfig(null, 0, 0, null, null);
    }

    public ImagesConfig withRegistries(Map<String, RegistryHostConfig> newRegistries) {
        return new ImagesConfig(newRegistries, maxUncompressedLayerBytes, maxConcurrentDownloads, retry, pinnedImages);
    }

    public ImagesConfig withMaxUncompressedLayerBytes(long limit) {
        return new ImagesConfig(registries, limit, maxConcurrentDownloads, retry, pinnedImages);
    }

    public ImagesConfig withRetry(RetryConfig newRetry) {
        return new ImagesConfig(registries, maxUncompressedLayerBytes, maxConcurrentDownloads, newRetry, pinnedImages);
    }

    public ImagesConfig withPinnedImages(List<String> pinned) {
        return new ImagesConfig(registries, maxUncompressedLayerBytes, maxConcurrentDownloads, retry, pinned);
    }
}
