package dev.janus.images.metadata;

/**
 * One layer snapshot (key: its chain id). It is written UNPACKING before its directory is made
 * and READY after the last file lands, so after a crash an UNPACKING one is known to be partial.
 *
 * @param id short number naming the directory {@code snapshots/<id>/fs} (overlayfs mount
 *           options are limited to one page, so paths stay short)
 */
public record SnapshotRecord(long id, String chainId, String diffId, State state) {

    public enum State { UNPACKING, READY }

    public SnapshotRecord ready() {
        return new SnapshotRecord(id, chainId, diffId, State.READY);
    }
}
