package dev.janus.images.testing;

import java.util.List;

/** A multi-platform image: an OCI index or Docker manifest list and the images it lists. */
public record BuiltIndex(Blob index, List<BuiltImage> images) {
}
