package io.kubemate.rag.embed;

import dev.langchain4j.data.segment.TextSegment;

/** Texts as langchain4j segments, refusing what no model can embed. */
final class Segments {
    private Segments() {}

    /**
     * @throws IllegalArgumentException when the text is null or blank
     */
    static TextSegment of(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("cannot embed a blank text");
        }
        return TextSegment.from(text);
    }
}
