package dev.janus.images.metadata;

import dev.janus.images.manifest.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The module's metadata in janusd's one MVStore, in maps named {@code images.*}, values as JSON
 * so a record can gain fields without a migration. Every change is followed by a commit.
 * Updates touching several maps are ordered so that any prefix of them is a valid state:
 * a name pointing at a missing image is ignored and dropped at start.
 *
 * <pre>
 * images.images     image id            -> ImageRecord
 * images.names      "&lt;ref&gt;|&lt;os&gt;"        -> image id   (ref: repo tag or repo digest)
 * images.snapshots  chain id            -> SnapshotRecord
 * images.holders    holder (container)  -> HolderRecord
 * images.counters   "snapshot"          -> last snapshot number
 * </pre>
 */
public final class MetadataStore {

    private static final String SEPARATOR = "|";

    private final MVStore store;
    private final MVMap<String, String> images;
    private final MVMap<String, String> names;
    private final MVMap<String, String> snapshots;
    private final MVMap<String, String> holders;
    private final MVMap<String, Long> counters;

    public MetadataStore(MVStore store) {
        this.store = store;
        this.images = store.openMap("images.images");
        this.names = store.openMap("images.names");
        this.snapshots = store.openMap("images.snapshots");
        this.holders = store.openMap("images.holders");
        this.counters = store.openMap("images.counters");
    }

    public void commit() {
        store.commit();
    }

    // images

    public Optional<ImageRecord> image(String id) {
        return Optional.ofNullable(images.get(id)).map(json -> Json.read(json, ImageRecord.class));
    }

    public List<ImageRecord> images() {
        List<ImageRecord> all = new ArrayList<>();
        images.values().forEach(json -> all.add(Json.read(json, ImageRecord.class)));
        return all;
    }

    public void putImage(ImageRecord record) {
        images.put(record.id(), Json.write(record));
    }

    public void removeImage(String id) {
        images.remove(id);
    }

    // names

    public void bindName(String ref, String os, String imageId) {
        names.put(ref + SEPARATOR + os, imageId);
    }

    public Optional<String> name(String ref, String os) {
        return Optional.ofNullable(names.get(ref + SEPARATOR + os));
    }

    /** Image ids under {@code ref}, by os. */
    public Map<String, String> namedBy(String ref) {
        Map<String, String> byOs = new HashMap<>();
        for (String key : names.keyList()) {
            int sep = key.lastIndexOf(SEPARATOR);
            if (key.substring(0, sep).equals(ref)) {
                byOs.put(key.substring(sep + 1), names.get(key));
            }
        }
        return byOs;
    }

    /** Every name with the image it points at: {@code ref -> image id}, one entry per (ref, os). */
    public List<Map.Entry<String, String>> names() {
        List<Map.Entry<String, String>> all = new ArrayList<>();
        names.forEach((key, id) -> all.add(Map.entry(key.substring(0, key.lastIndexOf(SEPARATOR)), id)));
        return all;
    }

    public void unbindImage(String imageId) {
        List<String> keys = new ArrayList<>();
        names.forEach((key, id) -> {
            if (id.equals(imageId)) {
                keys.add(key);
            }
        });
        keys.forEach(names::remove);
    }

    /** Drops names whose image is gone (the tail of an interrupted removal). */
    public void dropDanglingNames() {
        List<String> keys = new ArrayList<>();
        names.forEach((key, id) -> {
            if (!images.containsKey(id)) {
                keys.add(key);
            }
        });
        keys.forEach(names::remove);
    }

    // snapshots

    public Optional<SnapshotRecord> snapshot(String chainId) {
        return Optional.ofNullable(snapshots.get(chainId)).map(json -> Json.read(json, SnapshotRecord.class));
    }

    public List<SnapshotRecord> snapshots() {
        List<SnapshotRecord> all = new ArrayList<>();
        snapshots.values().forEach(json -> all.add(Json.read(json, SnapshotRecord.class)));
        return all;
    }

    public void putSnapshot(SnapshotRecord record) {
        snapshots.put(record.chainId(), Json.write(record));
    }

    public void removeSnapshot(String chainId) {
        snapshots.remove(chainId);
    }

    public synchronized long nextSnapshotNumber() {
        long next = counters.getOrDefault("snapshot", 0L) + 1;
        counters.put("snapshot", next);
        return next;
    }

    // holders

    public Optional<HolderRecord> holder(String holderId) {
        return Optional.ofNullable(holders.get(holderId)).map(json -> Json.read(json, HolderRecord.class));
    }

    public List<HolderRecord> holders() {
        List<HolderRecord> all = new ArrayList<>();
        holders.values().forEach(json -> all.add(Json.read(json, HolderRecord.class)));
        return all;
    }

    public void putHolder(HolderRecord record) {
        holders.put(record.holderId(), Json.write(record));
    }

    public boolean removeHolder(String holderId) {
        return holders.remove(holderId) != null;
    }
}
