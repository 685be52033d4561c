package io.kubemate.rag.memory;

import io.kubemate.rag.store.VectorMatch;
import io.kubemate.rag.store.VectorRecord;
import io.kubemate.rag.store.VectorStore;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Test-only: an exact, brute-force, in-memory store (cosine over every record). */
final class ExactVectorStore implements VectorStore {
    private final int dimension;
    private final Map<String, VectorRecord> records = new ConcurrentHashMap<>();

    ExactVectorStore(int dimension) {
        this.dimension = dimension;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public void upsert(List<VectorRecord> batch) {
        for (VectorRecord record : batch) {
            if (record.vector().length != dimension) {
                throw new IllegalArgumentException("dimension " + record.vector().length);
            }
            records.put(record.id(), record);
        }
    }

    @Override
    public List<VectorMatch> search(float[] query, int k, Map<String, String> filter) {
        return records.values().stream()
                .filter(record -> record.metadata().entrySet().containsAll(filter.entrySet()))
                .map(record ->
                        new VectorMatch(record.id(), cosine(query, record.vector()), record.text(), record.metadata()))
                .sorted(Comparator.comparingDouble(VectorMatch::score).reversed())
                .limit(k)
                .toList();
    }

    @Override
    public void delete(Collection<String> ids) {
        ids.forEach(records::remove);
    }

    @Override
    public long count() {
        return records.size();
    }

    /** The stored ids, for assertions. */
    List<String> ids() {
        return records.keySet().stream().sorted().toList();
    }

    /** One stored record, or null. */
    VectorRecord get(String id) {
        return records.get(id);
    }

    @Override
    public void close() {}

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
