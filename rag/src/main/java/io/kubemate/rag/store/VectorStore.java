package io.kubemate.rag.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The vector memory port. Every implementation passes the same contract test suite ({@code VectorStoreContract} in
 * the tests): vectors are unit length and of {@link #dimension()} dimensions; an upsert of an existing id replaces it;
 * scores are cosine similarities, highest first; a filter matches metadata exactly, all its entries at once; what was
 * upserted is found after a close and reopen on the same storage.
 */
public interface VectorStore extends AutoCloseable {
    /** The number of dimensions every vector has. */
    int dimension();

    /**
     * Adds or replaces {@code records}, durably when it returns.
     *
     * @throws IllegalArgumentException when a vector has the wrong dimension
     */
    void upsert(List<VectorRecord> records);

    /**
     * At most {@code k} items most similar to {@code query} whose metadata holds every entry of {@code filter}
     * (exact, case-sensitive values), highest cosine first; an empty (or null) filter matches everything.
     *
     * @throws IllegalArgumentException when the query has the wrong dimension or {@code k} is below 1
     */
    List<VectorMatch> search(float[] query, int k, Map<String, String> filter);

    /** Removes the items with these ids; unknown ids are ignored. */
    void delete(Collection<String> ids);

    /** How many items it holds. */
    long count();

    @Override
    void close();
}
