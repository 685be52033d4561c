package io.kubemate.rag.memory;

import static io.kubemate.rag.memory.Incidents.T0;
import static io.kubemate.rag.memory.Incidents.alert;
import static io.kubemate.rag.memory.Incidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentIndex;
import io.kubemate.core.incident.TimelineEntry;
import io.kubemate.core.incident.TimelineKind;
import io.kubemate.rag.store.VectorRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class MemoryIndexerTest {
    private final ExactVectorStore store = new ExactVectorStore(WordHashEmbedder.DIMENSION);
    private final IncidentMemory memory = new IncidentMemory(
            store,
            new WordHashEmbedder(),
            new IncidentText(UnaryOperator.identity()),
            new MemorySettings(0.5, 3, 0),
            Clock.systemUTC());
    private final IncidentIndex view = new IncidentIndex();
    private final MemoryIndexer indexer =
            new MemoryIndexer(view, id -> Optional.empty(), memory, null, Duration.ofSeconds(1));

    @Test
    void remembersResolvedIncidentsOnceWithTheirNewestNoteAndAgainWhenTheyChange() {
        // given a resolved incident with a resolve note, then a resolution note
        Incident pool = withTimeline(
                incident("pool", "checkout pool exhausted", List.of("checkout"), List.of(alert(Map.of(), Map.of()))),
                1,
                new TimelineEntry(T0, TimelineKind.RESOLVED, null, "ana", "restarted checkout", 1));
        view.upsert(pool);

        // when
        int first = indexer.runPass();
        int again = indexer.runPass();

        // then
        assertThat(first).isEqualTo(1);
        assertThat(again).isZero();
        assertThat(resolution(pool)).isEqualTo("restarted checkout");

        // when a resolution note arrives (a new version)
        view.upsert(withTimeline(
                pool,
                2,
                new TimelineEntry(T0, TimelineKind.RESOLVED, null, "ana", "restarted checkout", 1),
                new TimelineEntry(T0, TimelineKind.RESOLUTION_NOTE, null, "bo", "leak in the retry loop fixed", 1)));
        assertThat(indexer.runPass()).isEqualTo(1);
        assertThat(resolution(pool)).isEqualTo("leak in the retry loop fixed");
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void aResolveWithoutANoteGivesNoResolutionText() {
        Incident quiet = withTimeline(
                incident("quiet", "disk full", List.of("db"), List.of(alert(Map.of(), Map.of()))),
                1,
                new TimelineEntry(T0, TimelineKind.RESOLVED, null, "ana", "resolved by ana", 1));

        assertThat(MemoryIndexer.note(quiet)).isEmpty();
    }

    private String resolution(Incident incident) {
        VectorRecord stored = store.get(IncidentMemory.recordId(incident));
        return stored.metadata().getOrDefault("resolution", "");
    }

    private static Incident withTimeline(Incident i, long version, TimelineEntry... entries) {
        return new Incident(
                i.id(),
                version,
                i.status(),
                i.title(),
                i.severity(),
                i.scope(),
                i.scopeKey(),
                i.services(),
                i.alertCount(),
                i.firingCount(),
                i.openedAt(),
                i.updatedAt(),
                i.resolvedAt(),
                i.alerts(),
                List.of(entries),
                0);
    }
}
