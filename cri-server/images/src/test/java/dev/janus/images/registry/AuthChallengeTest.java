package dev.janus.images.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {

    @Test
    void parsesDockerHubsBearerChallenge() {
        List<AuthChallenge> challenges = AuthChallenge.parseAll(List.of(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/busybox:pull\""));
        assertEquals(1, challenges.size());
        AuthChallenge c = challenges.get(0);
        assertEquals("bearer", c.scheme());
        assertEquals("https://auth.docker.io/token", c.param("realm"));
        assertEquals("registry.docker.io", c.param("service"));
        assertEquals("repository:library/busybox:pull", c.param("scope"));
    }

    @Test
    void parsesSeveralChallengesAndUnquotedValues() {
        List<AuthChallenge> challenges = AuthChallenge.parseAll(List.of(
                "Basic realm=\"Registry Realm\", Bearer realm=https://t.example/token, service=svc",
                "Negotiate"));
        assertEquals(List.of("basic", "bearer", "negotiate"), challenges.stream().map(AuthChallenge::scheme).toList());
        assertEquals("Registry Realm", challenges.get(0).param("realm"));
        assertEquals("https://t.example/token", challenges.get(1).param("realm"));
        assertEquals("svc", challenges.get(1).param("service"));
    }

    @Test
    void handlesEscapesInQuotedStrings() {
        AuthChallenge c = AuthChallenge.parseAll(List.of("Basic realm=\"a \\\"quoted\\\" realm\"")).get(0);
        assertEquals("a \"quoted\" realm", c.param("realm"));
    }
}
