package io.kubemate.rag.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneVectorStoreTest extends VectorStoreContract {
    @TempDir
    Path tmp;

    private final Map<VectorStore, Path> paths = new IdentityHashMap<>();
    private int next;

    @Override
    protected VectorStore open(int dimension) {
        Path dir = tmp.resolve("index-" + next++);
        LuceneVectorStore store = LuceneVectorStore.open(dir, dimension);
        paths.put(store, dir);
        return store;
    }

    @Override
    protected VectorStore reopen(VectorStore closed, int dimension) {
        return LuceneVectorStore.open(paths.get(closed), dimension);
    }

    @Test
    void reopeningWithAnotherDimensionIsRejected() {
        Path dir = tmp.resolve("dim");
        try (LuceneVectorStore store = LuceneVectorStore.open(dir, DIM)) {
            store.upsert(List.of(record("a", unit(1, 0, 0, 0))));
        }

        assertThatThrownBy(() -> LuceneVectorStore.open(dir, DIM + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4-dimensional");
    }

    @Test
    void vectorsAreScaledToUnitLengthAndZeroIsRejected() {
        VectorStore store = store();
        store.upsert(List.of(record("a", new float[] {3, 0, 0, 0})));

        assertThat(store.search(new float[] {0.5f, 0, 0, 0}, 1, Map.of()).get(0).score())
                .isCloseTo(1.0, within(1e-5));
        assertThatThrownBy(() -> store.upsert(List.of(record("z", new float[DIM]))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void searchesAcrossTheSegmentsEachCommitAddsAndCompactsThemIntoOne() {
        LuceneVectorStore store = LuceneVectorStore.open(tmp.resolve("segments"), DIM, 1);
        store.upsert(List.of(record("a", unit(1, 0, 0, 0)), record("b", unit(0, 1, 0, 0))));
        store.upsert(List.of(record("c", unit(1, 0.1f, 0, 0)), record("d", unit(0, 0, 1, 0))));

        List<VectorMatch> hits = store.search(unit(1, 0, 0, 0), 3, Map.of());

        assertThat(store.segmentCount()).isEqualTo(2);
        assertThat(hits).extracting(VectorMatch::id).containsExactly("a", "c", "b");

        store.compact();

        assertThat(store.segmentCount()).isEqualTo(1);
        assertThat(store.count()).isEqualTo(4);
        assertThat(store.search(unit(1, 0, 0, 0), 3, Map.of()))
                .extracting(VectorMatch::id)
                .containsExactly("a", "c", "b");
        store.close();
    }

    @Test
    void settlingFoldsTheSmallSegmentsOfManyCommitsAndKeepsEveryVector() {
        LuceneVectorStore store = LuceneVectorStore.open(tmp.resolve("settle"), DIM, 10);
        for (int i = 0; i < 30; i++) {
            store.upsert(List.of(record("v" + i, unit(1, i, 0, 0))));
        }
        int before = store.segmentCount();

        int after = store.settle(java.time.Duration.ofMinutes(1));

        // thirty commits made thirty segments; the policy allows two below 64 MiB (merges may have run already)
        assertThat(before).isGreaterThanOrEqualTo(after);
        assertThat(after).isEqualTo(store.segmentCount()).isBetween(1, 2);
        assertThat(store.count()).isEqualTo(30);
        assertThat(store.search(unit(1, 0, 0, 0), 1, Map.of()))
                .extracting(VectorMatch::id)
                .containsExactly("v0");
        store.close();
    }

    @Test
    void aClosedStoreRefusesWork() {
        VectorStore store = LuceneVectorStore.open(tmp.resolve("closed"), DIM);
        store.close();

        assertThatThrownBy(store::count).isInstanceOf(IllegalStateException.class);
    }
}
