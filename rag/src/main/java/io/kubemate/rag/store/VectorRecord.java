package io.kubemate.rag.store;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One stored item: an id unique in its store, a unit-length vector, the (already redacted) text it was made from, and
 * string metadata that searches can filter on exactly ({@code kind=incident}, {@code service=checkout}, ...).
 */
public record VectorRecord(String id, float[] vector, String text, Map<String, String> metadata) {
    public VectorRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vector, "vector");
        vector = vector.clone();
        text = text == null ? "" : text;
        metadata = metadata == null || metadata.isEmpty()
                ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
    }

    @Override
    public float[] vector() {
        return vector.clone();
    }
}
