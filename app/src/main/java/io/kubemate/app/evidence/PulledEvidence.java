package io.kubemate.app.evidence;

import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.ingest.pull.EnrichmentRequest;
import io.kubemate.ingest.pull.EnrichmentResult;
import io.kubemate.ingest.pull.EnrichmentService;
import io.kubemate.ingest.pull.PullBackend;
import io.kubemate.streams.evidence.LogEvidenceSource;
import io.kubemate.streams.evidence.PullEvidenceSource;
import io.kubemate.streams.evidence.TraceEvidence;
import io.kubemate.streams.evidence.TraceEvidenceItems;
import io.kubemate.streams.traces.TraceAnalysis;
import io.kubemate.streams.traces.TraceExcerpt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A {@link PullEvidenceSource} over the {@link EnrichmentService}: Prometheus series become {@code metric} items as
 * they are; Jaeger's raw spans go through the same trace analysis as pushed spans ({@code span} and {@code
 * trace-path} items, source {@code jaeger}); Loki's raw lines go through the same template miner as pushed logs
 * ({@code log-template} items, source {@code loki-query}), or Loki's own summary items when the lines make none.
 */
final class PulledEvidence implements PullEvidenceSource {
    private final EnrichmentService service;
    private final Function<List<LogEntry>, LogEvidenceSource> templatesOf;
    private final int logTemplatesPerService;

    /**
     * @param templatesOf builds a log evidence source over a batch of pulled lines
     */
    PulledEvidence(
            EnrichmentService service,
            Function<List<LogEntry>, LogEvidenceSource> templatesOf,
            int logTemplatesPerService) {
        this.service = service;
        this.templatesOf = templatesOf;
        this.logTemplatesPerService = logTemplatesPerService;
    }

    @Override
    public CompletableFuture<PullEvidenceSource.PulledEvidence> pull(
            String incidentId, Set<String> services, Instant from, Instant to, List<String> generatorUrls) {
        if (!service.isEnabled()) {
            return CompletableFuture.completedFuture(PullEvidenceSource.PulledEvidence.EMPTY);
        }
        return service.enrich(EnrichmentRequest.of(incidentId, services, from, to, generatorUrls))
                .thenApply(result -> convert(result, services, from, to));
    }

    private PullEvidenceSource.PulledEvidence convert(
            EnrichmentResult result, Set<String> services, Instant from, Instant to) {
        List<EvidenceItem> items = new ArrayList<>();
        List<EvidenceItem> templated = new ArrayList<>();
        if (!result.logs().isEmpty()) {
            LogEvidenceSource pulledLogs = templatesOf.apply(result.logs());
            Instant baselineFrom = from.minus(Duration.ofMinutes(30));
            for (String service : services) {
                templated.addAll(
                        pulledLogs.logTemplates(service, Set.of(), from, to, baselineFrom, logTemplatesPerService));
            }
        }
        items.addAll(templated.isEmpty() ? result.items(PullBackend.LOKI) : templated);
        items.addAll(result.items(PullBackend.PROMETHEUS));
        TraceEvidence traces = TraceEvidence.NONE;
        if (!result.spans().isEmpty()) {
            TraceExcerpt excerpt =
                    TraceAnalysis.excerptOfSpans(result.spans(), services, from, to, TraceAnalysis.Limits.defaults());
            traces = TraceEvidenceItems.of(excerpt, "jaeger");
        } else {
            items.addAll(result.items(PullBackend.JAEGER));
        }
        return new PullEvidenceSource.PulledEvidence(items, traces, result.statusBySource());
    }
}
