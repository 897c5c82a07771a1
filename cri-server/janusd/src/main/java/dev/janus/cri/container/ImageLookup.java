package dev.janus.cri.container;

import dev.janus.cri.CriContext;
import dev.janus.cri.api.ImageSpec;
import dev.janus.cri.errors.CriException;
import dev.janus.cri.image.Platforms;
import dev.janus.cri.state.SandboxRecord;
import dev.janus.images.Image;
import dev.janus.images.ImageConfig;
import dev.janus.isolation.ImageRuntimeConfig;

/** Finding a container's image and naming it in statuses, as containerd names it. */
final class ImageLookup {

    private ImageLookup() {
    }

    static Image forContainer(CriContext cri, ImageSpec spec, SandboxRecord sandbox) {
        return cri.images().resolve(spec.getImage(), Platforms.forSandbox(sandbox.getConfig(), sandbox.getHandler()))
                .orElseThrow(() -> CriException.notFound("image \"%s\" not found: pull it first", spec.getImage()));
    }

    /** The first repo tag, else what the request named. */
    static String displayName(Image image, String requested) {
        return image.repoTags().isEmpty() ? requested : image.repoTags().get(0);
    }

    /** The first repo digest, else the image id. */
    static String imageRef(Image image) {
        return image.repoDigests().isEmpty() ? image.id() : image.repoDigests().get(0);
    }

    static ImageRuntimeConfig runtimeConfig(Image image) {
        ImageConfig c = image.config();
        return new ImageRuntimeConfig(c.user(), c.env(), c.entrypoint(), c.cmd(), c.workingDir(), c.stopSignal());
    }
}
