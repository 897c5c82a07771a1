package dev.janus.cri.image;

import dev.janus.cri.api.Image;
import dev.janus.cri.api.ImageSpec;
import dev.janus.cri.api.Int64Value;

/** How a stored image looks to CRI clients. */
final class ImageViews {

    private ImageViews() {
    }

    static Image toCri(dev.janus.images.Image image) {
        Image.Builder cri = Image.newBuilder()
                .setId(image.id())
                .addAllRepoTags(image.repoTags())
                .addAllRepoDigests(image.repoDigests())
                .setSize(image.sizeBytes())
                .setPinned(image.pinned())
                .setSpec(ImageSpec.newBuilder().setImage(image.id()));
        image.config().uid().ifPresentOrElse(
                uid -> cri.setUid(Int64Value.newBuilder().setValue(uid)),
                () -> cri.setUsername(image.config().username()));
        return cri.build();
    }
}
