package dev.janus.images.metadata;

import java.util.List;

/** A container's hold on the snapshots of its image (key: the holder id). */
public record HolderRecord(String holderId, String imageId, List<String> chainIds) {

    public HolderRecord {
        chainIds = List.copyOf(chainIds);
    }
}
