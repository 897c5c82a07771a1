package dev.janus.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImagesConfigTest {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    @Test
    void emptyConfigHasDefaults() throws Exception {
        ImagesConfig config = yaml.readValue("{}", ImagesConfig.class);
        assertEquals(ImagesConfig.defaults(), config);
        assertEquals(32L << 30, config.maxUncompressedLayerBytes());
        assertEquals(3, config.maxConcurrentDownloads());
        assertEquals(5, config.retry().attempts());
        assertTrue(config.registries().isEmpty());
    }

    @Test
    void readsRegistriesAndLimits() throws Exception {
        ImagesConfig config = yaml.readValue("""
                registries:
                  registry.k8s.io:
                    mirrors: ["http://127.0.0.1:5123"]
                  docker.io:
                    mirrors: ["http://127.0.0.1:5123"]
                  registry.internal:5000:
                    insecure: true
                    caFile: /etc/janus/ca.pem
                maxUncompressedLayerBytes: 1024
                retry: {attempts: 2}
                pinnedImages: [registry.k8s.io/pause:3.9]
                """, ImagesConfig.class);
        assertEquals(List.of("http://127.0.0.1:5123"), config.registries().get("registry.k8s.io").mirrors());
        RegistryHostConfig internal = config.registries().get("registry.internal:5000");
        assertTrue(internal.insecure());
        assertEquals("/etc/janus/ca.pem", internal.caFile());
        assertEquals(1024, config.maxUncompressedLayerBytes());
        assertEquals(2, config.retry().attempts());
        assertEquals(200, config.retry().initialBackoffMillis());
        assertEquals(List.of("registry.k8s.io/pause:3.9"), config.pinnedImages());
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        RetryConfig retry = new RetryConfig(5, 100, 350);
        assertEquals(List.of(100L, 200L, 350L, 350L), List.of(retry.backoffMillis(1), retry.backoffMillis(2),
                retry.backoffMillis(3), retry.backoffMillis(4)));
    }
}
