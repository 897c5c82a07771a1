package dev.janus.images.store;

import dev.janus.images.Image;
import dev.janus.images.ImageException;
import dev.janus.images.metadata.ImageRecord;
import dev.janus.images.metadata.MetadataStore;
import dev.janus.images.reference.ImageReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns stored records and names into the {@link Image}s CRI reports. */
final class ImageViews {

    private final MetadataStore metadata;
    private final Set<String> pinned;

    ImageViews(MetadataStore metadata, List<String> pinnedImages) {
        this.metadata = metadata;
        this.pinned = new HashSet<>();
        for (String ref : pinnedImages) {
            try {
                pinned.add(ImageReference.parse(ref).toString());
            } catch (ImageException e) {
                throw ImageException.invalid("pinnedImages: " + e.getMessage());
            }
        }
    }

    Image of(ImageRecord record) {
        return view(record, namesByImage().getOrDefault(record.id(), List.of()));
    }

    List<Image> all() {
        Map<String, List<String>> names = namesByImage();
        List<Image> images = new ArrayList<>();
        for (ImageRecord record : metadata.images()) {
            images.add(view(record, names.getOrDefault(record.id(), List.of())));
        }
        return images;
    }

    private Image view(ImageRecord record, List<String> names) {
        List<String> tags = names.stream().filter(n -> !n.contains("@")).sorted().distinct().toList();
        List<String> digests = names.stream().filter(n -> n.contains("@")).sorted().distinct().toList();
        boolean isPinned = names.stream().anyMatch(pinned::contains);
        return new Image(record.id(), tags, digests, record.sizeBytes(), isPinned, record.platform(),
                record.imageConfig(), record.manifest().digest(), record.unpacked());
    }

    private Map<String, List<String>> namesByImage() {
        Map<String, List<String>> byImage = new HashMap<>();
        for (Map.Entry<String, String> name : metadata.names()) {
            byImage.computeIfAbsent(name.getValue(), id -> new ArrayList<>()).add(name.getKey());
        }
        return byImage;
    }
}
