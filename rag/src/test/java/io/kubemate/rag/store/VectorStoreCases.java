package io.kubemate.rag.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VectorStore} must do, run by each store's test against its own storage. Stand-in until the
 * shared {@code VectorStoreContract} is merged: the cases are the port's Javadoc, one by one.
 */
abstract class VectorStoreCases {
    protected static final int DIM = 8;

    protected VectorStore store;

    /** A store of {@link #DIM} dimensions on fresh, empty storage. */
    protected abstract VectorStore openFresh() throws Exception;

    /** A new store on the same storage as the last {@link #openFresh()} (the previous one is closed). */
    protected abstract VectorStore reopen() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = openFresh();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    /** A unit vector pointing mostly along axis {@code axis}, tilted by {@code tilt} toward the next axis. */
    protected static float[] unit(int axis, double tilt) {
        float[] v = new float[DIM];
        v[axis % DIM] = 1f;
        v[(axis + 1) % DIM] = (float) tilt;
        double n = Math.sqrt(1 + tilt * tilt);
        for (int i = 0; i < DIM; i++) {
            v[i] /= (float) n;
        }
        return v;
    }

    protected static VectorRecord record(String id, float[] v, Map<String, String> metadata) {
        return new VectorRecord(id, v, "text of " + id, metadata);
    }

    @Test
    void findsNearestFirstWithCosineScores() {
        store.upsert(List.of(
                record("a", unit(0, 0), Map.of()),
                record("b", unit(0, 0.5), Map.of()),
                record("c", unit(3, 0), Map.of())));

        List<VectorMatch> hits = store.search(unit(0, 0), 3, Map.of());

        assertThat(hits).extracting(VectorMatch::id).containsExactly("a", "b", "c");
        assertThat(hits.get(0).score()).isCloseTo(1.0, within(1e-4));
        assertThat(hits.get(1).score()).isCloseTo(1 / Math.sqrt(1.25), within(1e-4));
        assertThat(hits.get(2).score()).isCloseTo(0.0, within(1e-4));
        assertThat(hits.get(0).text()).isEqualTo("text of a");
    }

    @Test
    void returnsAtMostK() {
        store.upsert(List.of(
                record("a", unit(0, 0), Map.of()),
                record("b", unit(0, 0.5), Map.of()),
                record("c", unit(0, 0.9), Map.of())));

        assertThat(store.search(unit(0, 0), 2, Map.of()))
                .extracting(VectorMatch::id)
                .containsExactly("a", "b");
    }

    @Test
    void upsertOfAnExistingIdReplacesIt() {
        store.upsert(List.of(record("a", unit(0, 0), Map.of("v", "1"))));

        store.upsert(List.of(new VectorRecord("a", unit(5, 0), "second", Map.of("v", "2"))));

        assertThat(store.count()).isEqualTo(1);
        VectorMatch hit = store.search(unit(5, 0), 5, Map.of()).get(0);
        assertThat(hit.id()).isEqualTo("a");
        assertThat(hit.text()).isEqualTo("second");
        assertThat(hit.metadata()).containsExactly(Map.entry("v", "2"));
    }

    @Test
    void filterMatchesEveryEntryExactly() {
        store.upsert(List.of(
                record("inc-pay", unit(0, 0), Map.of("kind", "incident", "service", "payments")),
                record("inc-chk", unit(0, 0.1), Map.of("kind", "incident", "service", "checkout")),
                record("rb-pay", unit(0, 0.2), Map.of("kind", "runbook", "service", "payments")),
                record("inc-pay2", unit(0, 0.3), Map.of("kind", "incident", "service", "payments-api"))));

        List<VectorMatch> hits = store.search(unit(0, 0), 10, Map.of("kind", "incident", "service", "payments"));

        assertThat(hits).extracting(VectorMatch::id).containsExactly("inc-pay");
        assertThat(hits.get(0).metadata()).containsEntry("service", "payments").containsEntry("kind", "incident");
    }

    @Test
    void filterValuesWithQuotesAndBackslashesMatchLiterally() {
        String tricky = "pay\" || metadata[\"kind\"] == \"runbook";
        store.upsert(List.of(
                record("tricky", unit(0, 0), Map.of("service", tricky, "kind", "incident")),
                record("runbook", unit(0, 0.1), Map.of("service", "pay", "kind", "runbook")),
                record("slashes", unit(0, 0.2), Map.of("service", "a\\\"b\n'c'"))));

        assertThat(store.search(unit(0, 0), 10, Map.of("service", tricky)))
                .extracting(VectorMatch::id)
                .containsExactly("tricky");
        assertThat(store.search(unit(0, 0), 10, Map.of("service", "pay\""))).isEmpty();
        assertThat(store.search(unit(0, 0), 10, Map.of("service", "a\\\"b\n'c'")))
                .extracting(VectorMatch::id)
                .containsExactly("slashes");
    }

    @Test
    void textAndMetadataRoundTrip() {
        Map<String, String> metadata = Map.of("service", "zahlungs-dienst ✓", "note", "line1\nline2");
        store.upsert(List.of(new VectorRecord("u", unit(1, 0), "über \"quoted\" text\n2nd line", metadata)));

        VectorMatch hit = store.search(unit(1, 0), 1, Map.of()).get(0);

        assertThat(hit.text()).isEqualTo("über \"quoted\" text\n2nd line");
        assertThat(hit.metadata()).isEqualTo(metadata);
    }

    @Test
    void deleteRemovesTheIdsAndIgnoresUnknownOnes() {
        store.upsert(List.of(
                record("a", unit(0, 0), Map.of()),
                record("b\"x", unit(1, 0), Map.of()),
                record("c", unit(2, 0), Map.of())));

        store.delete(List.of("a", "b\"x", "never-stored"));

        assertThat(store.count()).isEqualTo(1);
        assertThat(store.search(unit(0, 0), 10, Map.of()))
                .extracting(VectorMatch::id)
                .containsExactly("c");
    }

    @Test
    void countsWhatItHolds() {
        assertThat(store.count()).isZero();

        store.upsert(List.of(record("a", unit(0, 0), Map.of()), record("b", unit(1, 0), Map.of())));

        assertThat(store.count()).isEqualTo(2);
    }

    @Test
    void rejectsVectorsOfTheWrongDimension() {
        assertThat(store.dimension()).isEqualTo(DIM);
        assertThatThrownBy(() -> store.upsert(List.of(record("x", new float[DIM + 1], Map.of()))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.search(new float[DIM - 1], 1, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsWhatWasUpsertedAcrossCloseAndReopen() throws Exception {
        store.upsert(List.of(record("kept", unit(4, 0), Map.of("kind", "incident"))));
        store.close();
        store = null;

        store = reopen();

        assertThat(store.count()).isEqualTo(1);
        assertThat(store.search(unit(4, 0), 1, Map.of("kind", "incident")))
                .extracting(VectorMatch::id)
                .containsExactly("kept");
    }
}
