package io.kubemate.rag.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import io.kubemate.core.error.KubemateException;
import io.kubemate.core.error.RetriableException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An embedding model served by Ollama ({@code POST /api/embed}), e.g. {@code nomic-embed-text}. All texts of an
 * {@link #embedAll} go in one request (in chunks of {@value #BATCH}). Vectors are scaled to unit length; one of
 * another dimension than configured is an error. No retries here: a timeout, a 5xx or a refused connection throws
 * {@link RetriableException}, any other failure {@link KubemateException}, both naming the model and the URL.
 * Thread-safe.
 */
public final class OllamaEmbedder implements Embedder {
    static final int BATCH = 64;

    private final String baseUrl;
    private final String model;
    private final int dimension;
    private final EmbeddingModel client;

    /**
     * @param baseUrl where Ollama listens, e.g. {@code http://127.0.0.1:11434}
     * @param model the model's name in Ollama
     * @param dimension the dimension the model's vectors have
     * @param timeout for connecting and for the whole answer
     */
    public OllamaEmbedder(String baseUrl, String model, int dimension, Duration timeout) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.model = Objects.requireNonNull(model, "model");
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, was " + dimension);
        }
        this.dimension = dimension;
        this.client = OllamaEmbeddingModel.builder()
                .baseUrl(baseUrl)
                .modelName(model)
                .timeout(timeout)
                .maxRetries(0)
                .build();
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** {@code ollama:<model>}. */
    @Override
    public String modelName() {
        return "ollama:" + model;
    }

    @Override
    public float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<TextSegment> batch = texts.subList(from, Math.min(texts.size(), from + BATCH)).stream()
                    .map(Segments::of)
                    .toList();
            List<Embedding> embeddings = call(batch);
            if (embeddings.size() != batch.size()) {
                throw new KubemateException(
                        where() + " answered " + embeddings.size() + " vectors for " + batch.size() + " texts");
            }
            embeddings.forEach(e -> vectors.add(unit(e.vector())));
        }
        return vectors;
    }

    private List<Embedding> call(List<TextSegment> batch) {
        try {
            return client.embedAll(batch).content();
        } catch (dev.langchain4j.exception.RetriableException e) {
            throw new RetriableException(where() + " failed, may succeed later: " + e.getMessage(), e);
        } catch (LangChain4jException e) {
            throw new KubemateException(where() + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IOException) {
                // langchain4j's JDK client wraps a refused or reset connection in a bare RuntimeException
                throw new RetriableException("cannot reach " + where() + ": " + e.getCause(), e);
            }
            throw new KubemateException(where() + " failed: " + e, e);
        }
    }

    private float[] unit(float[] v) {
        try {
            return UnitVectors.unit(v, dimension);
        } catch (IllegalArgumentException e) {
            throw new KubemateException(where() + " answered an unusable vector: " + e.getMessage(), e);
        }
    }

    private String where() {
        return "Ollama embedding model " + model + " at " + baseUrl;
    }
}
