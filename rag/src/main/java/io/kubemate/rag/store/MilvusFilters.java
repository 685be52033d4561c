package io.kubemate.rag.store;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the boolean expressions {@link MilvusVectorStore} sends. Every key and value goes in as a double-quoted
 * string literal with backslash escapes (the grammar's {@code EscapeSequence}, which Milvus unquotes like Go's
 * {@code strconv.Unquote}), so a quote or backslash in a value can neither end the literal nor add a clause.
 */
final class MilvusFilters {
    private MilvusFilters() {}

    /** {@code metadata["k1"] == "v1" && metadata["k2"] == "v2"} in key order; empty for no filter. */
    static String metadataEquals(String field, Map<String, String> filter) {
        if (filter == null || filter.isEmpty()) {
            return "";
        }
        return filter.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> field + "[" + quote(e.getKey()) + "] == " + quote(e.getValue()))
                .collect(Collectors.joining(" && "));
    }

    /** {@code id in ["a", "b"]}. */
    static String in(String field, Collection<String> values) {
        return values.stream().map(MilvusFilters::quote).collect(Collectors.joining(", ", field + " in [", "]"));
    }

    /** {@code s} as a double-quoted expression string literal. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
