package dev.janus.cri.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.janus.cri.errors.CriException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenRegistryTest {

    private static final StreamTarget TARGET = new StreamTarget.PortForward("pod", List.of(80), port -> null);

    @Test
    void aTokenLeadsToItsTargetOnce() {
        TokenRegistry tokens = new TokenRegistry(Duration.ofMinutes(1), 10);
        String token = tokens.register(TARGET);
        assertEquals(43, token.length(), "256 bits, base64url");
        assertNotEquals(token, tokens.register(TARGET));
        assertSame(TARGET, tokens.consume(token));
        assertNull(tokens.consume(token));
        assertNull(tokens.consume("unknown"));
    }

    @Test
    void anExpiredTokenLeadsNowhere() throws InterruptedException {
        TokenRegistry tokens = new TokenRegistry(Duration.ofMillis(20), 10);
        String token = tokens.register(TARGET);
        Thread.sleep(50);
        assertNull(tokens.consume(token));
    }

    @Test
    void tooManyWaitingTokensAreRefused() {
        TokenRegistry tokens = new TokenRegistry(Duration.ofMinutes(1), 2);
        tokens.register(TARGET);
        tokens.register(TARGET);
        CriException refused = assertThrows(CriException.class, () -> tokens.register(TARGET));
        assertEquals(CriException.Kind.RESOURCE_EXHAUSTED, refused.kind());
    }
}
