package dev.janus.images;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The image seam cri-server talks to: pull, look up, list, remove images and hand out the
 * read-only layers a container's root filesystem is stacked from.
 *
 * <p>Contract for missing things: {@link #resolve} returns empty; {@link #remove} of an unknown
 * image returns false (CRI RemoveImage is idempotent); {@link #acquireLayers} of an unknown image
 * throws {@link ImageException} with kind NOT_FOUND.
 *
 * <p>Every failure is an {@link ImageException}; its kind is the gRPC status to answer with
 * (NOT_FOUND for an unknown tag or no image for the pod's platform, UNAUTHENTICATED for missing
 * or refused credentials, INVALID_ARGUMENT for a malformed reference or image content that is
 * refused, such as a hostile layer, UNAVAILABLE when no registry endpoint answered). Messages
 * start with the operation and the reference, e.g. {@code pull docker.io/library/x:1: ...}.
 * All methods may be called concurrently.
 */
public interface ImageStore extends AutoCloseable {

    /**
     * Pulls {@code reference} (normalised as kubelet does: {@code busybox} is
     * {@code docker.io/library/busybox:latest}) for the platform a pod needs, verifies and stores
     * every blob, unpacks the layers where this host can use them, and tags the image.
     */
    Image pull(String reference, RegistryAuth auth, PlatformRequest platform);

    /**
     * Finds an image by image id ({@code sha256:<hex>} or bare hex), unique id prefix, repo tag
     * or repo digest, in any of the forms kubelet sends. With several images under one reference
     * (a multi-OS reference pulled for Linux and Windows pods) {@code platform} picks; null means
     * the host's default platform.
     */
    Optional<Image> resolve(String referenceOrId, PlatformRequest platform);

    List<Image> list();

    /** Removes the image that {@code referenceOrId} names, with all its tags; false if none. */
    boolean remove(String referenceOrId);

    /** Bytes and inodes used under the image store's directory, for ImageFsInfo. */
    FsUsage usage();

    /**
     * Takes a reference on the unpacked layers of {@code imageId} for {@code holderId} (a
     * container id) and returns their directories, top-most layer first, ready to be stacked
     * with overlayfs ({@code lowerdir=<first>:<second>:...}; each is in overlayfs form: whiteouts
     * are 0:0 character devices, opaque directories carry {@code trusted.overlay.opaque=y}).
     * The layers stay until every holder has released them, across restarts, even if the image
     * is removed meanwhile. FAILED_PRECONDITION for an image this host does not unpack (a
     * Windows image on Linux).
     */
    List<Path> acquireLayers(String imageId, String holderId);

    /** Drops every reference {@code holderId} holds; unknown holders are ignored. */
    void releaseLayers(String holderId);

    /** Frees blobs and snapshots no image and no holder refers to; returns bytes freed. */
    long collectGarbage();

    @Override
    void close();
}
