package io.kubemate.rag.store;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** A search hit: the stored item's id, text and metadata, and its cosine similarity to the query (-1 to 1). */
public record VectorMatch(String id, double score, String text, Map<String, String> metadata) {
    public VectorMatch {
        Objects.requireNonNull(id, "id");
        text = text == null ? "" : text;
        metadata = metadata == null || metadata.isEmpty()
                ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
    }
}
