package dev.janus.images.pull;

import dev.janus.images.ImageException;
import dev.janus.images.PlatformRequest;
import dev.janus.images.manifest.Descriptor;
import dev.janus.images.manifest.ImageConfigParser;
import dev.janus.images.manifest.ManifestDocument;
import dev.janus.images.manifest.MediaTypes;
import dev.janus.images.platform.PlatformMatcher;
import dev.janus.images.reference.ImageReference;
import dev.janus.images.registry.RepositorySession;
import dev.janus.images.registry.RepositorySession.FetchedManifest;

/**
 * Resolves a reference for a platform: fetches the tag's (or digest's) document, picks the
 * platform's manifest from an index, fetches and checks the config. Nothing is stored here.
 */
final class ImageResolver {

    private static final int MAX_CONFIG_BYTES = 16 << 20;

    private ImageResolver() {
    }

    static Resolution resolve(RepositorySession session, ImageReference ref, PlatformRequest platform) {
        FetchedManifest top = session.manifest(ref.tagOrDigest(), ref.digest());
        ManifestDocument document = ManifestDocument.parse(top.body(), top.mediaType());
        Descriptor topDescriptor = Descriptor.of(mediaType(document), top.digest(), top.body().length);
        if (document instanceof ManifestDocument.Index index) {
            Descriptor entry = PlatformMatcher.select(index.manifests(), platform);
            FetchedManifest child = session.manifest(entry.digest(), entry.parsedDigest());
            if (child.body().length != entry.size()) {
                throw ImageException.invalid("manifest " + entry.digest() + " is " + child.body().length
                        + " bytes, the index says " + entry.size());
            }
            ManifestDocument childDocument = ManifestDocument.parse(child.body(), entry.mediaType());
            if (!(childDocument instanceof ManifestDocument.Manifest manifest)) {
                throw ImageException.precondition("index entry " + entry.digest() + " is itself an index; nested indexes are not supported");
            }
            Descriptor manifestDescriptor = Descriptor.of(manifest.mediaType(), child.digest(), child.body().length);
            return withConfig(session, ref, topDescriptor, top.body(), true, manifestDescriptor, child.body(), manifest, platform);
        }
        ManifestDocument.Manifest manifest = (ManifestDocument.Manifest) document;
        return withConfig(session, ref, topDescriptor, top.body(), false, topDescriptor, top.body(), manifest, platform);
    }

    private static Resolution withConfig(RepositorySession session, ImageReference ref, Descriptor top, byte[] topBytes,
                                         boolean viaIndex, Descriptor manifest, byte[] manifestBytes,
                                         ManifestDocument.Manifest document, PlatformRequest platform) {
        byte[] config = session.smallBlob(document.config(), MAX_CONFIG_BYTES);
        ImageConfigParser.Parsed parsed = ImageConfigParser.parse(config);
        if (!viaIndex && !PlatformMatcher.matches(parsed.platform(), platform)) {
            throw ImageException.notFound("the image is for " + parsed.platform() + ", which a pod for " + platform
                    + " cannot run");
        }
        if (parsed.config().diffIds().size() != document.layers().size()) {
            throw ImageException.invalid("manifest lists " + document.layers().size() + " layers but the config has "
                    + parsed.config().diffIds().size() + " diff ids");
        }
        return new Resolution(ref, top, topBytes, viaIndex, manifest, manifestBytes, document, config, parsed);
    }

    private static String mediaType(ManifestDocument document) {
        return switch (document) {
            case ManifestDocument.Index index -> index.mediaType().isEmpty() ? MediaTypes.OCI_INDEX : index.mediaType();
            case ManifestDocument.Manifest manifest -> manifest.mediaType();
        };
    }
}
