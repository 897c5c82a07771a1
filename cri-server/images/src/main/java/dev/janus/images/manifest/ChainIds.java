package dev.janus.images.manifest;

import dev.janus.images.reference.Digest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * OCI chain ids: {@code chain(0) = diff(0)}, {@code chain(n) = sha256(chain(n-1) + " " + diff(n))}.
 * A snapshot is named by its chain id, so images sharing a layer stack share its snapshots.
 */
public final class ChainIds {

    private ChainIds() {
    }

    public static List<String> of(List<String> diffIds) {
        List<String> chain = new ArrayList<>(diffIds.size());
        String previous = null;
        for (String diffId : diffIds) {
            String next = previous == null
                    ? diffId
                    : Digest.of((previous + " " + diffId).getBytes(StandardCharsets.UTF_8)).toString();
            chain.add(next);
            previous = next;
        }
        return List.copyOf(chain);
    }
}
