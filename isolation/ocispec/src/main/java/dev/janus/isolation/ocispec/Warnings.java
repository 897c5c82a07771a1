package dev.janus.isolation.ocispec;

import dev.janus.isolation.ocispec.SpecWarning.Kind;
import java.util.ArrayList;
import java.util.List;

/** Collects the warnings of one build; each part of the builder adds what it clamped. */
final class Warnings {

    private final List<SpecWarning> list = new ArrayList<>();

    void add(Kind kind, String format, Object... args) {
        list.add(new SpecWarning(kind, String.format(format, args)));
    }

    List<SpecWarning> list() {
        return List.copyOf(list);
    }
}
