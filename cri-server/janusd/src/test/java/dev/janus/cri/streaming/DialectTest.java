package dev.janus.cri.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Subprotocol choice follows apimachinery: the client's order, first supported wins. */
class DialectTest {

    @Test
    void theClientsFirstSupportedProtocolWins() {
        assertEquals("v4.channel.k8s.io", Dialect.negotiate(List.of("v4.channel.k8s.io", "v3.channel.k8s.io"),
                Dialect.SPDY_REMOTE_COMMAND));
        assertEquals("v3.channel.k8s.io", Dialect.negotiate(List.of("v9.channel.k8s.io", "v3.channel.k8s.io"),
                Dialect.SPDY_REMOTE_COMMAND));
    }

    @Test
    void headerValuesMayListSeveralProtocols() {
        assertEquals("v5.channel.k8s.io", Dialect.negotiate(List.of("v5.channel.k8s.io, v4.channel.k8s.io"),
                Dialect.WS_REMOTE_COMMAND));
    }

    @Test
    void noCommonProtocolIsNoAnswerButNoneAskedIsPlainChannelsOnWebSocket() {
        assertNull(Dialect.negotiate(List.of("v9.channel.k8s.io"), Dialect.SPDY_REMOTE_COMMAND));
        assertNull(Dialect.negotiate(List.of(), Dialect.SPDY_REMOTE_COMMAND));
        assertEquals("", Dialect.negotiate(List.of(), Dialect.WS_REMOTE_COMMAND));
    }

    @Test
    void versionsDecideStatusResizeAndClose() {
        assertFalse(Dialect.of("v2.channel.k8s.io").resize());
        assertTrue(Dialect.of("v3.channel.k8s.io").resize());
        assertFalse(Dialect.of("v3.channel.k8s.io").jsonStatus());
        assertTrue(Dialect.of("v4.base64.channel.k8s.io").jsonStatus());
        assertTrue(Dialect.of("v4.base64.channel.k8s.io").base64());
        assertTrue(Dialect.of("v5.channel.k8s.io").closeSignal());
        assertFalse(Dialect.of("v4.channel.k8s.io").closeSignal());
    }
}
