package io.kubemate.ingest.pull;

import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.core.telemetry.SpanRecord;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one enrichment request pulled. Every backend has an entry in {@link #items()} and {@link #status()}; items
 * have no ids yet ({@link EvidenceItem#id()} is empty) and stable {@link EvidenceItem#key()}s.
 *
 * @param incidentId the incident it is for
 * @param items per backend: Loki's per-service summary ({@code log-template}), Jaeger's error-span groups ({@code
 *     span}), Prometheus' alert-expression series ({@code metric}); bounded per backend
 * @param logs the raw warning and error lines from Loki, newest first, for the template miner
 * @param spans the raw spans of the erroring traces from Jaeger (error and non-error spans, each once)
 * @param status per backend: ok, timeout, error, skipped or off, with the reason
 */
public record EnrichmentResult(
        String incidentId,
        Map<PullBackend, List<EvidenceItem>> items,
        List<LogEntry> logs,
        List<SpanRecord> spans,
        Map<PullBackend, BackendStatus> status) {

    public EnrichmentResult {
        incidentId = incidentId == null ? "" : incidentId;
        EnumMap<PullBackend, List<EvidenceItem>> allItems = new EnumMap<>(PullBackend.class);
        EnumMap<PullBackend, BackendStatus> allStatus = new EnumMap<>(PullBackend.class);
        for (PullBackend backend : PullBackend.values()) {
            List<EvidenceItem> list = items == null ? null : items.get(backend);
            allItems.put(backend, list == null ? List.of() : List.copyOf(list));
            BackendStatus s = status == null ? null : status.get(backend);
            allStatus.put(backend, s == null ? BackendStatus.OFF : s);
        }
        items = Collections.unmodifiableMap(allItems);
        status = Collections.unmodifiableMap(allStatus);
        logs = logs == null ? List.of() : List.copyOf(logs);
        spans = spans == null ? List.of() : List.copyOf(spans);
    }

    /** A result with no evidence and the same status for every backend. */
    static EnrichmentResult withStatus(String incidentId, Map<PullBackend, BackendStatus> status) {
        return new EnrichmentResult(incidentId, Map.of(), List.of(), List.of(), status);
    }

    /** The items {@code backend} yielded. */
    public List<EvidenceItem> items(PullBackend backend) {
        return items.get(backend);
    }

    /** Every item, Loki's first, then Jaeger's, then Prometheus'. */
    public List<EvidenceItem> allItems() {
        return items.values().stream().flatMap(List::stream).toList();
    }

    /** How {@code backend} fared. */
    public BackendStatus status(PullBackend backend) {
        return status.get(backend);
    }

    /** Per evidence source ({@code loki-query}, {@code jaeger}, {@code prometheus}): {@link BackendStatus#describe()}. */
    public Map<String, String> statusBySource() {
        Map<String, String> out = new LinkedHashMap<>();
        status.forEach((backend, s) -> out.put(backend.source(), s.describe()));
        return Collections.unmodifiableMap(out);
    }
}
