package dev.janus.networking.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.networking.NetworkReadiness;
import dev.janus.networking.PodNetworkFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class CniPodNetworkFactoryTest {

    @TempDir
    Path tmp;

    @Test
    @EnabledOnOs(OS.LINUX)
    void janusdFindsItThroughTheServiceLoader() {
        PodNetworkFactory factory = ServiceLoader.load(PodNetworkFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(PodNetworkFactory::supportsHost)
                .findFirst().orElseThrow();
        assertInstanceOf(CniPodNetworkFactory.class, factory);
        NetworkReadiness readiness = factory.create(tmp.resolve("net.d"), List.of(), tmp)
                .readiness();
        assertFalse(readiness.ready());
        assertEquals(CniPodNetwork.NOT_READY, readiness.reason());
    }

    @Test
    void unsetDirsMeanTheStandardOnes() {
        CniSettings settings = new CniSettings(null, null, tmp);
        assertEquals(Path.of("/etc/cni/net.d"), settings.confDir());
        assertEquals(List.of(Path.of("/opt/cni/bin"), Path.of("/usr/lib/cni")), settings.binDirs());
        assertEquals("/opt/cni/bin:/usr/lib/cni", settings.cniPath());
        assertTrue(settings.cacheDir().startsWith(tmp) && settings.netnsDir().startsWith(tmp));
    }
}
