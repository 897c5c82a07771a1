/**
 * The image module: OCI distribution client, verified content store, platform selection,
 * layer unpacking and image GC behind the {@link dev.janus.images.ImageStore} seam.
 *
 * <p>Open one with {@link dev.janus.images.ImageStores#open}. On disk, under the root directory:
 * <pre>
 * content/blobs/sha256/&lt;hex&gt;   verified blobs (indexes, manifests, configs, layers)
 * content/ingest/                downloads in progress (emptied at start)
 * snapshots/&lt;n&gt;/fs              one unpacked layer each, in overlayfs form
 * </pre>
 * Metadata is in janusd's MVStore, maps {@code images.*} (see
 * {@link dev.janus.images.metadata.MetadataStore}). Packages: {@code reference} (names and
 * digests), {@code registry} (HTTP, auth, mirrors), {@code manifest} (documents),
 * {@code platform} (which index entry a pod can run), {@code content}, {@code unpack},
 * {@code snapshot}, {@code gc}, {@code pull} (the PullImage pipeline), {@code store} (the seam's
 * implementation).
 */
package dev.janus.images;
