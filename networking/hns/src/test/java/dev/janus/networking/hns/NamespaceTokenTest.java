package dev.janus.networking.hns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.janus.cri.errors.CriException;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NamespaceTokenTest {

    @Test
    void tokenRoundTrips() {
        UUID id = UUID.fromString("6a616e75-0001-8123-a456-789abcdef012");
        Path token = NamespaceToken.of(id);

        assertEquals(Path.of("hcn-namespace", id.toString()), token);
        assertEquals(id.toString(), token.getFileName().toString());
        assertEquals(id, NamespaceToken.parse(Path.of(token.toString())));
    }

    @Test
    void otherPathsAreRefused() {
        for (String bad : new String[] {"/var/run/netns/x", "hcn-namespace", "hcn-namespace/not-a-guid",
                "other/6a616e75-0001-8123-a456-789abcdef012", "hcn-namespace/1-2-3-4-5"}) {
            CriException e = assertThrows(CriException.class, () -> NamespaceToken.parse(Path.of(bad)));
            assertEquals(CriException.Kind.INVALID_ARGUMENT, e.kind(), bad);
        }
        assertThrows(CriException.class, () -> NamespaceToken.parse(null));
    }
}
