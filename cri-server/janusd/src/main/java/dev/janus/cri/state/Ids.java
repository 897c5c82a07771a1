package dev.janus.cri.state;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Sandbox and container ids: 32 random bytes in hex, as containerd makes them. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
