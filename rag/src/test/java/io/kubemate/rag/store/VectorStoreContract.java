package io.kubemate.rag.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VectorStore} must do. An adapter's test extends this class and says how to open a store on fresh,
 * empty storage ({@link #open(int)}) and how to open again the storage of a store the suite has just closed ({@link
 * #reopen(VectorStore, int)}). The suite closes every store it opened after each test.
 */
public abstract class VectorStoreContract {
    /** The dimension of the hand-made vectors below; stores must accept it. */
    protected static final int DIM = 4;

    private final List<VectorStore> opened = new ArrayList<>();

    /** A new store of {@code dimension} on fresh, empty storage. */
    protected abstract VectorStore open(int dimension);

    /**
     * A new store on the same storage as {@code closed}, which the suite has already closed; it must hold what {@code
     * closed} held.
     */
    protected abstract VectorStore reopen(VectorStore closed, int dimension);

    @AfterEach
    void closeStores() {
        opened.forEach(VectorStore::close);
        opened.clear();
    }

    protected final VectorStore store() {
        return track(open(DIM));
    }

    @Test
    void emptyStoreFindsNothingAndCountsZero() {
        VectorStore store = store();

        assertThat(store.dimension()).isEqualTo(DIM);
        assertThat(store.count()).isZero();
        assertThat(store.search(unit(1, 0, 0, 0), 5, Map.of())).isEmpty();
    }

    @Test
    void searchOrdersByCosineAndReturnsItsValue() {
        VectorStore store = store();
        store.upsert(List.of(
                record("far", unit(-1, 0, 0, 0)),
                record("near", unit(1, 1, 0, 0)),
                record("exact", unit(1, 0, 0, 0)),
                record("orthogonal", unit(0, 0, 1, 0))));

        List<VectorMatch> hits = store.search(unit(1, 0, 0, 0), 4, Map.of());

        assertThat(hits).extracting(VectorMatch::id).containsExactly("exact", "near", "orthogonal", "far");
        assertThat(hits.get(0).score()).isCloseTo(1.0, within(1e-4));
        assertThat(hits.get(1).score()).isCloseTo(Math.sqrt(0.5), within(1e-4));
        assertThat(hits.get(2).score()).isCloseTo(0.0, within(1e-4));
        assertThat(hits.get(3).score()).isCloseTo(-1.0, within(1e-4));
    }

    @Test
    void searchReturnsTextAndMetadataAsStored() {
        VectorStore store = store();
        Map<String, String> metadata = Map.of("kind", "incident", "service", "checkout");
        store.upsert(List.of(new VectorRecord("inc-1", unit(0, 1, 0, 0), "checkout p99 > 2s", metadata)));

        VectorMatch hit = store.search(unit(0, 1, 0, 0), 1, Map.of()).get(0);

        assertThat(hit.id()).isEqualTo("inc-1");
        assertThat(hit.text()).isEqualTo("checkout p99 > 2s");
        assertThat(hit.metadata()).isEqualTo(metadata);
    }

    @Test
    void searchReturnsAtMostK() {
        VectorStore store = store();
        store.upsert(
                List.of(record("a", unit(1, 0, 0, 0)), record("b", unit(1, 1, 0, 0)), record("c", unit(0, 1, 0, 0))));

        assertThat(store.search(unit(1, 0, 0, 0), 2, Map.of()))
                .extracting(VectorMatch::id)
                .containsExactly("a", "b");
    }

    @Test
    void kLargerThanCountReturnsEverything() {
        VectorStore store = store();
        store.upsert(List.of(record("a", unit(1, 0, 0, 0)), record("b", unit(0, 1, 0, 0))));

        assertThat(store.search(unit(1, 0, 0, 0), 100, Map.of()))
                .extracting(VectorMatch::id)
                .containsExactly("a", "b");
    }

    @Test
    void upsertOfAnExistingIdReplacesIt() {
        VectorStore store = store();
        store.upsert(List.of(
                new VectorRecord("inc-1", unit(1, 0, 0, 0), "old", Map.of("service", "cart")),
                record("other", unit(0, 0, 0, 1))));

        store.upsert(List.of(new VectorRecord("inc-1", unit(0, 1, 0, 0), "new", Map.of("service", "checkout"))));

        assertThat(store.count()).isEqualTo(2);
        VectorMatch hit = store.search(unit(0, 1, 0, 0), 1, Map.of()).get(0);
        assertThat(hit.id()).isEqualTo("inc-1");
        assertThat(hit.score()).isCloseTo(1.0, within(1e-4));
        assertThat(hit.text()).isEqualTo("new");
        assertThat(hit.metadata()).isEqualTo(Map.of("service", "checkout"));
        assertThat(store.search(unit(0, 1, 0, 0), 5, Map.of("service", "cart"))).isEmpty();
    }

    @Test
    void filterMatchesEveryEntryExactly() {
        VectorStore store = store();
        store.upsert(List.of(
                new VectorRecord("both", unit(0, 1, 0, 0), "", Map.of("kind", "incident", "service", "checkout")),
                new VectorRecord("kind-only", unit(1, 0, 0, 0), "", Map.of("kind", "incident", "service", "cart")),
                new VectorRecord("prefix", unit(1, 0, 0, 0), "", Map.of("kind", "incident", "service", "checkout-v2")),
                new VectorRecord("case", unit(1, 0, 0, 0), "", Map.of("kind", "incident", "service", "Checkout")),
                new VectorRecord("runbook", unit(1, 0, 0, 0), "", Map.of("kind", "runbook", "service", "checkout"))));

        List<VectorMatch> hits = store.search(unit(1, 0, 0, 0), 10, Map.of("kind", "incident", "service", "checkout"));

        assertThat(hits).extracting(VectorMatch::id).containsExactly("both");
        assertThat(store.search(unit(1, 0, 0, 0), 10, Map.of("kind", "incident")))
                .extracting(VectorMatch::id)
                .containsExactlyInAnyOrder("both", "kind-only", "prefix", "case");
        assertThat(store.search(unit(1, 0, 0, 0), 10, Map.of("owner", "nobody")))
                .isEmpty();
    }

    @Test
    void aNullOrEmptyFilterMatchesEverything() {
        VectorStore store = store();
        store.upsert(List.of(
                new VectorRecord("a", unit(1, 0, 0, 0), "", Map.of("kind", "incident")),
                record("b", unit(0, 1, 0, 0))));

        assertThat(store.search(unit(1, 0, 0, 0), 10, null)).hasSize(2);
        assertThat(store.search(unit(1, 0, 0, 0), 10, Map.of())).hasSize(2);
    }

    @Test
    void kBelowOneIsRejected() {
        VectorStore store = store();

        assertThatThrownBy(() -> store.search(unit(1, 0, 0, 0), 0, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deleteRemovesTheIdsAndIgnoresUnknownOnes() {
        VectorStore store = store();
        store.upsert(
                List.of(record("a", unit(1, 0, 0, 0)), record("b", unit(0, 1, 0, 0)), record("c", unit(0, 0, 1, 0))));

        store.delete(List.of("a", "c", "never-stored"));

        assertThat(store.count()).isEqualTo(1);
        assertThat(store.search(unit(1, 0, 0, 0), 10, Map.of()))
                .extracting(VectorMatch::id)
                .containsExactly("b");
    }

    @Test
    void countCountsDistinctIds() {
        VectorStore store = store();
        store.upsert(List.of(record("a", unit(1, 0, 0, 0)), record("b", unit(0, 1, 0, 0))));
        store.upsert(List.of(record("b", unit(0, 0, 1, 0)), record("c", unit(0, 0, 0, 1))));

        assertThat(store.count()).isEqualTo(3);
    }

    @Test
    void vectorsOfTheWrongDimensionAreRejected() {
        VectorStore store = store();

        assertThatThrownBy(() -> store.upsert(List.of(record("a", new float[] {1, 0, 0}))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.search(new float[] {1, 0, 0, 0, 0}, 1, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.count()).isZero();
    }

    @Test
    void reopeningKeepsWhatWasStored() {
        VectorStore store = store();
        store.upsert(List.of(
                new VectorRecord("a", unit(1, 0, 0, 0), "kept", Map.of("service", "cart")),
                record("b", unit(0, 1, 0, 0)),
                record("c", unit(0, 0, 1, 0))));
        store.delete(List.of("c"));
        opened.remove(store);
        store.close();

        VectorStore again = track(reopen(store, DIM));

        assertThat(again.count()).isEqualTo(2);
        List<VectorMatch> hits = again.search(unit(1, 0, 0, 0), 10, Map.of("service", "cart"));
        assertThat(hits).extracting(VectorMatch::id).containsExactly("a");
        assertThat(hits.get(0).text()).isEqualTo("kept");
        assertThat(hits.get(0).score()).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void concurrentUpsertsAndSearchesLoseNothing() throws Exception {
        VectorStore store = store();
        int writers = 4;
        int batches = 10;
        int perBatch = 5;
        List<VectorRecord> all = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < writers * batches * perBatch; i++) {
            all.add(new VectorRecord(
                    "r" + i, randomUnit(random), "text " + i, Map.of("writer", String.valueOf(i % writers))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                List<VectorRecord> mine = all.subList(w * batches * perBatch, (w + 1) * batches * perBatch);
                futures.add(pool.submit(() -> {
                    for (int b = 0; b < batches; b++) {
                        store.upsert(mine.subList(b * perBatch, (b + 1) * perBatch));
                    }
                }));
            }
            for (int s = 0; s < 2; s++) {
                futures.add(pool.submit(() -> {
                    for (int q = 0; q < 50; q++) {
                        assertThat(store.search(randomUnit(new Random(q)), 5, Map.of()))
                                .hasSizeLessThanOrEqualTo(5);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.count()).isEqualTo(all.size());
        for (VectorRecord r : all.subList(0, 20)) {
            assertThat(store.search(r.vector(), 1, Map.of()))
                    .extracting(VectorMatch::id)
                    .containsExactly(r.id());
        }
    }

    private VectorStore track(VectorStore store) {
        opened.add(store);
        return store;
    }

    protected static VectorRecord record(String id, float[] vector) {
        return new VectorRecord(id, vector, "text of " + id, Map.of());
    }

    /** {@code v} scaled to unit length. */
    protected static float[] unit(float... v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / Math.sqrt(norm));
        }
        return out;
    }

    private static float[] randomUnit(Random random) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return unit(v);
    }
}
