package io.kubemate.rag.embed;

import java.util.List;

/** Turns (already redacted) text into unit-length vectors. Thread-safe. */
public interface Embedder {
    /** The vectors' number of dimensions. */
    int dimension();

    /** The model's name as tracked ({@code all-minilm-l6-v2-q}, {@code ollama:nomic-embed-text}, ...). */
    String modelName();

    /** The vector of {@code text}. */
    float[] embed(String text);

    /** The vectors of {@code texts}, in order. */
    default List<float[]> embedAll(List<String> texts) {
        return texts.stream().map(this::embed).toList();
    }
}
