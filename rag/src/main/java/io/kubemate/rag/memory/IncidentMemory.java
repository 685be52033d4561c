package io.kubemate.rag.memory;

import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.rag.embed.Embedder;
import io.kubemate.rag.store.VectorMatch;
import io.kubemate.rag.store.VectorRecord;
import io.kubemate.rag.store.VectorStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The memory of resolved incidents. {@link #remember} embeds an incident with its resolution note and stores it as
 * {@code incident:<id>} (metadata {@code kind=incident}, {@code services}, {@code resolvedAt}, {@code resolution});
 * remembering the same incident again replaces it, so a later note (from Slack) wins. {@link #similar} embeds an
 * incident the same way, without a note, and returns the closest resolved incidents and runbook chunks of the same
 * {@link VectorStore}.
 *
 * <p>Cost of {@link #similar}: one embedding (about 5 ms with MiniLM int8) and two or more store searches; no network.
 * Runbooks linked by {@code runbook_url} annotations are only found when {@link Runbooks#indexLinked} has fetched them
 * before. Thread-safe when the store and embedder are.
 */
public final class IncidentMemory {
    static final String KIND = "kind";
    static final String INCIDENT = "incident";
    static final String RUNBOOK = "runbook";
    static final String URL = "url";
    static final String SOURCE = "source";
    private static final String RESOLUTION = "resolution";

    private final VectorStore store;
    private final Embedder embedder;
    private final IncidentText text;
    private final MemorySettings settings;
    private final Clock clock;

    /**
     * @param store where incidents (and runbooks) are kept
     * @param embedder turns texts into vectors of the store's dimension
     * @param text what an incident is embedded as, with the pseudonymizing redactor
     * @param settings threshold and how many matches
     * @param clock the time recorded as {@code resolvedAt} of an incident remembered without one
     */
    public IncidentMemory(
            VectorStore store, Embedder embedder, IncidentText text, MemorySettings settings, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.text = Objects.requireNonNull(text, "text");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (store.dimension() != embedder.dimension()) {
            throw new IllegalArgumentException(
                    "store has " + store.dimension() + " dimensions, embedder " + embedder.dimension());
        }
    }

    /** The store id of an incident: {@code incident:<id>}. */
    public static String recordId(Incident incident) {
        return INCIDENT + ":" + incident.id().value();
    }

    /** Embeds {@code incident} with its evidence and {@code resolutionNote} (may be empty) and stores it. */
    public void remember(Incident incident, Optional<IncidentEvidence> evidence, String resolutionNote) {
        String stored = text.describe(incident, evidence, resolutionNote);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(KIND, INCIDENT);
        metadata.put("incidentId", incident.id().value());
        metadata.put("services", String.join(",", incident.services()));
        metadata.put(
                "resolvedAt", (incident.resolvedAt() == null ? clock.instant() : incident.resolvedAt()).toString());
        metadata.put(RESOLUTION, text.resolution(resolutionNote));
        store.upsert(List.of(new VectorRecord(recordId(incident), embedder.embed(stored), stored, metadata)));
    }

    /** Removes {@code incident} from the memory, if it is there. */
    public void forget(Incident incident) {
        store.delete(List.of(recordId(incident)));
    }

    /** The resolved incidents and runbook chunks most similar to {@code incident}, never {@code incident} itself. */
    public Retrieval similar(Incident incident, Optional<IncidentEvidence> evidence) {
        return similar(incident, evidence, settings.incidentMatches());
    }

    /** At most {@code k} resolved incidents most similar to {@code incident}, and runbook chunks. */
    public Retrieval similar(Incident incident, Optional<IncidentEvidence> evidence, int k) {
        float[] query = embedder.embed(text.describe(incident, evidence));
        String self = recordId(incident);
        List<Retrieval.Match> matches = store.search(query, k + 1, Map.of(KIND, INCIDENT)).stream()
                .filter(match -> !match.id().equals(self))
                .limit(k)
                .map(match -> new Retrieval.Match(
                        match.metadata().getOrDefault("incidentId", match.id()),
                        match.score(),
                        match.metadata().getOrDefault(RESOLUTION, "")))
                .toList();
        boolean close = !matches.isEmpty() && matches.get(0).score() >= settings.closeMatchThreshold();
        return new Retrieval(matches, runbooks(incident, query), close, settings.closeMatchThreshold());
    }

    private List<Retrieval.RunbookChunk> runbooks(Incident incident, float[] query) {
        Map<String, VectorMatch> found = new LinkedHashMap<>();
        if (settings.runbookMatches() > 0) {
            store.search(query, settings.runbookMatches(), Map.of(KIND, RUNBOOK))
                    .forEach(m -> found.put(m.id(), m));
        }
        // a runbook the alert names itself is worth its best chunk even when others score higher
        for (String url : linkedUrls(incident)) {
            store.search(query, 1, Map.of(KIND, RUNBOOK, URL, url)).forEach(m -> found.putIfAbsent(m.id(), m));
        }
        List<Retrieval.RunbookChunk> chunks = new ArrayList<>();
        for (VectorMatch match : found.values()) {
            chunks.add(new Retrieval.RunbookChunk(
                    match.id(), match.score(), match.text(), match.metadata().getOrDefault(SOURCE, "")));
        }
        chunks.sort(Comparator.comparingDouble(Retrieval.RunbookChunk::score).reversed());
        return chunks;
    }

    /** The distinct {@code runbook_url} annotations of the incident's alerts. */
    static List<String> linkedUrls(Incident incident) {
        return incident.alerts().stream()
                .map(IncidentAlert::annotations)
                .map(annotations -> annotations.getOrDefault("runbook_url", "").strip())
                .filter(url -> !url.isEmpty())
                .distinct()
                .toList();
    }
}
