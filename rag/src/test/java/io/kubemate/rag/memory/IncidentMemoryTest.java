package io.kubemate.rag.memory;

import static io.kubemate.rag.memory.Incidents.alert;
import static io.kubemate.rag.memory.Incidents.evidence;
import static io.kubemate.rag.memory.Incidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.incident.Incident;
import io.kubemate.rag.store.VectorRecord;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class IncidentMemoryTest {
    private final WordHashEmbedder embedder = new WordHashEmbedder();
    private final ExactVectorStore store = new ExactVectorStore(WordHashEmbedder.DIMENSION);

    private final Incident pool = crash("pool", "checkout database connection pool exhausted", "HikariPool timeout");
    private final Incident pool2 = crash("pool2", "billing database connection pool exhausted", "HikariPool timeout");
    private final Incident disk = crash("disk", "prometheus volume full", "no space left on device");

    @Test
    void remembersWithIdMetadataAndRedactedNote() {
        IncidentMemory memory = memory(0.5, 3);

        memory.remember(pool, evidence(pool, "checkout", List.of()), "leak fixed; token=abc");

        VectorRecord stored = store.get("incident:" + pool.id().value());
        assertThat(stored.metadata())
                .containsEntry("kind", "incident")
                .containsEntry("services", "checkout")
                .containsEntry("resolvedAt", pool.resolvedAt().toString())
                .containsEntry("resolution", "leak fixed; token=[X]");
        assertThat(stored.text()).contains("pool exhausted", "Resolution: leak fixed; token=[X]");
    }

    @Test
    void returnsSimilarIncidentsBestFirstButNeverItself() {
        IncidentMemory memory = memory(0.5, 0);
        memory.remember(pool, Optional.empty(), "raised the pool");
        memory.remember(pool2, Optional.empty(), "added pgbouncer");
        memory.remember(disk, Optional.empty(), "expanded the volume");

        Retrieval retrieval = memory.similar(pool, Optional.empty(), 2);

        assertThat(retrieval.incidents())
                .extracting(Retrieval.Match::incidentId)
                .containsExactly(pool2.id().value(), disk.id().value());
        assertThat(retrieval.incidents().get(0).resolution()).isEqualTo("added pgbouncer");
        assertThat(retrieval.incidents().get(0).score())
                .isGreaterThan(retrieval.incidents().get(1).score());
    }

    @Test
    void flagsNoCloseMatchBelowTheThreshold() {
        IncidentMemory strict = memory(0.99, 0);
        strict.remember(pool2, Optional.empty(), "added pgbouncer");
        IncidentMemory lenient = new IncidentMemory(
                store,
                embedder,
                new IncidentText(UnaryOperator.identity()),
                new MemorySettings(0.5, 3, 0),
                Clock.systemUTC());

        Retrieval strictly = strict.similar(pool, Optional.empty(), 3);
        Retrieval leniently = lenient.similar(pool, Optional.empty(), 3);

        assertThat(strictly.isNew()).isTrue();
        assertThat(strictly.threshold()).isEqualTo(0.99);
        assertThat(leniently.closeMatch()).isTrue();
        assertThat(memory(0.5, 0).similar(disk, Optional.empty(), 3).incidents())
                .extracting(Retrieval.Match::incidentId)
                .containsExactly(pool2.id().value());
    }

    @Test
    void anEmptyMemoryFlagsEverythingNew() {
        assertThat(memory(0.0, 3).similar(pool, Optional.empty(), 3).isNew()).isTrue();
    }

    @Test
    void rememberingAgainReplacesTheNote() {
        IncidentMemory memory = memory(0.5, 0);
        memory.remember(pool2, Optional.empty(), "first guess");
        memory.remember(pool2, Optional.empty(), "real cause: leak");

        assertThat(store.count()).isEqualTo(1);
        assertThat(memory.similar(pool, Optional.empty(), 1).incidents().get(0).resolution())
                .isEqualTo("real cause: leak");
    }

    @Test
    void returnsRunbookChunksAndTheBestChunkOfALinkedRunbook() {
        IncidentMemory memory = memory(0.5, 1);
        store.upsert(List.of(
                runbook("runbook:db.md#0", "database connection pool exhausted: raise the pool", Map.of()),
                runbook("runbook:http://wiki/x#0", "unrelated words entirely", Map.of("url", "http://wiki/x"))));
        Incident linked = incident(
                "linked",
                "checkout database connection pool exhausted",
                List.of("checkout"),
                List.of(alert(Map.of("alertname", "Pool"), Map.of("runbook_url", "http://wiki/x"))));

        Retrieval retrieval = memory.similar(linked, Optional.empty());

        assertThat(retrieval.runbooks())
                .extracting(Retrieval.RunbookChunk::id)
                .containsExactly("runbook:db.md#0", "runbook:http://wiki/x#0");
        assertThat(retrieval.runbooks().get(0).source()).isEqualTo("src");
    }

    private VectorRecord runbook(String id, String text, Map<String, String> extra) {
        Map<String, String> metadata = new java.util.HashMap<>(extra);
        metadata.put("kind", "runbook");
        metadata.put("source", "src");
        return new VectorRecord(id, embedder.embed(text), text, metadata);
    }

    private IncidentMemory memory(double threshold, int runbooks) {
        return new IncidentMemory(
                store,
                embedder,
                new IncidentText(s -> s.replace("abc", "[X]")),
                new MemorySettings(threshold, 3, runbooks),
                Clock.systemUTC());
    }

    private static Incident crash(String name, String title, String summary) {
        return incident(
                name,
                title,
                List.of(name.equals("pool") ? "checkout" : name),
                List.of(alert(Map.of("alertname", "HighErrorRate"), Map.of("summary", summary))));
    }
}
