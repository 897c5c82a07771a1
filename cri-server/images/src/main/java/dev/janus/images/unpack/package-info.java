/**
 * Layer tar streams to overlayfs lowerdirs, safely.
 *
 * <p>Pipeline: blob file, {@link dev.janus.images.unpack.Decompression} (gzip, zstd or plain,
 * sniffed; bounded by maxUncompressedLayerBytes), {@link dev.janus.images.unpack.HashingInputStream}
 * (the diff id), {@link dev.janus.images.unpack.TarReader}, then per entry
 * {@link dev.janus.images.unpack.PathGuard} (where it may go), {@link dev.janus.images.unpack.WhiteoutConverter}
 * or {@link dev.janus.images.unpack.EntryWriter} (what is written). The only native calls are in
 * {@link dev.janus.images.unpack.LibC}.
 *
 * <p>Windows layers are never unpacked here: on a Windows host they become HCS layers, which is
 * the Windows backend's job; on a Linux host they are only stored (see
 * {@link dev.janus.images.platform.HostPlatform#canUnpack}).
 */
package dev.janus.images.unpack;
