package dev.janus.networking.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.errors.CriException;
import dev.janus.networking.NetworkReadiness;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** NetworkReady from the conf dir and the real plugins' VERSION answers. */
class ReadinessIT extends ItBase {

    @Test
    void notReadyWithAReasonUntilAConfigIsDroppedIn() throws Exception {
        CniPodNetwork network = net.network();
        NetworkReadiness empty = network.readiness();
        assertFalse(empty.ready());
        assertEquals("NetworkPluginNotReady", empty.reason());
        assertTrue(empty.message().contains(net.confDir.toString()), empty.message());
        CriException e = assertThrows(CriException.class,
                () -> network.attach(net.request("itready-a")));
        assertEquals(CriException.Kind.FAILED_PRECONDITION, e.kind());

        net.writeConfig(net.conflist(ItNetwork.portmap()));
        assertTrue(network.readiness().ready(), network.readiness().message());
        assertEquals(2, network.attach(net.request("itready-a")).ips().size());
    }

    @Test
    void aMissingOrIncompatiblePluginIsNamed() throws Exception {
        net.writeConfig(net.conflist("{\"type\": \"no-such-plugin\"}"));
        NetworkReadiness missing = net.network().readiness();
        assertFalse(missing.ready());
        assertTrue(missing.message().contains("\"no-such-plugin\""), missing.message());

        Files.writeString(net.confDir.resolve("00-future.conflist"), net.conflist()
                .replace("\"cniVersion\": \"1.0.0\"", "\"cniVersion\": \"9.0.0\""));
        NetworkReadiness future = net.network().readiness();
        assertFalse(future.ready());
        assertTrue(future.message().contains("does not support cniVersion 9.0.0"),
                future.message());
    }
}
