/**
 * What may be deleted and when: {@link dev.janus.images.gc.Leases} protect what running pulls
 * use, {@link dev.janus.images.gc.GarbageCollector} sweeps everything no image, holder or lease
 * names, {@link dev.janus.images.gc.DiskUsage} measures for ImageFsInfo.
 */
package dev.janus.images.gc;
