package io.kubemate.rag.redact;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Text after pseudonymization, with how many secrets and personal data of each kind were replaced in it ({@code
 * jwt}, {@code password}, {@code aws-access-key}, {@code github-token}, {@code email}, {@code ipv4}, ...).
 */
public record Redacted(String text, Map<String, Integer> countsByKind) {
    public Redacted {
        Objects.requireNonNull(text, "text");
        countsByKind = Map.copyOf(countsByKind);
    }

    /** How many replacements in all. */
    public int total() {
        return countsByKind.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The counts in a stable order, for display and JSON. */
    public Map<String, Integer> sortedCounts() {
        return new TreeMap<>(countsByKind);
    }
}
