package io.kubemate.rag.bench;

import io.kubemate.core.alert.AlertStatus;
import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.EvidenceKind;
import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.evidence.ProbableOrigin;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.Severity;
import io.kubemate.core.redact.Redactor;
import io.kubemate.rag.embed.Embedder;
import io.kubemate.rag.memory.IncidentMemory;
import io.kubemate.rag.memory.IncidentText;
import io.kubemate.rag.memory.MemorySettings;
import io.kubemate.rag.memory.Retrieval;
import io.kubemate.rag.model.PromptBuilder;
import io.kubemate.rag.model.SummaryRequest;
import io.kubemate.rag.redact.Pseudonymizer;
import io.kubemate.rag.store.LuceneVectorStore;
import io.kubemate.rag.store.VectorRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Context building, the model excluded (issue 4: p99 at most 100 ms with 10,000 stored incidents): for each query
 * incident, pseudonymize its alerts and evidence, retrieve similar incidents and runbook chunks from a Lucene memory
 * holding {@code stored} incidents (one embedding of the query plus the searches), and build the prompt. The stored
 * incidents are clustered synthetic vectors with metadata (embedding 10,000 real texts would dominate the run); the
 * queries are real texts, embedded by the given model.
 *
 * <p>{@code kubemate bench rag-context [--incidents N] [--queries Q]}
 */
public final class ContextBench {
    /** The figures: milliseconds per context, and how they split. */
    public record Result(
            int stored, int queries, double p50Millis, double p99Millis, double embedAndSearchP50Millis, String model) {
        public String format() {
            return String.format(
                    "context building (redaction + retrieval + prompt, model excluded), %d stored incidents, %d"
                            + " queries, %s%n  per context  p50 %.2f ms, p99 %.2f ms (retrieval p50 %.2f ms)%n",
                    stored, queries, model, p50Millis, p99Millis, embedAndSearchP50Millis);
        }
    }

    private ContextBench() {}

    /** Measures with {@code embedder}, the memory in {@code dir}. */
    public static Result run(int stored, int queries, Embedder embedder, Path dir) {
        try (LuceneVectorStore store = LuceneVectorStore.open(dir, embedder.dimension())) {
            ClusteredVectors vectors = new ClusteredVectors(stored, embedder.dimension(), 42);
            List<VectorRecord> batch = new ArrayList<>();
            for (int i = 0; i < stored; i++) {
                batch.add(new VectorRecord(
                        "incident:inc-" + String.format("%016x", i),
                        vectors.next(),
                        "past incident " + i,
                        Map.of(
                                "kind", "incident",
                                "incidentId", "inc-" + String.format("%016x", i),
                                "resolution", "raised the pool to " + (10 + i % 90))));
                if (batch.size() == 5_000) {
                    store.upsert(batch);
                    batch.clear();
                }
            }
            store.upsert(batch);
            store.compact();
            Redactor redactor = new Redactor();
            IncidentMemory memory = new IncidentMemory(
                    store, embedder, new IncidentText(redactor::redact), MemorySettings.defaults(), Clock.systemUTC());
            PromptBuilder prompts = new PromptBuilder();
            List<String> texts = IncidentTexts.generate(queries + 20, 7);
            // warm-up: the model's first calls and the searcher
            for (int i = 0; i < 20; i++) {
                build(incident(texts.get(i), i), memory, prompts);
            }
            double[] total = new double[queries];
            double[] retrieval = new double[queries];
            for (int i = 0; i < queries; i++) {
                Incident incident = incident(texts.get(20 + i), 20 + i);
                long start = System.nanoTime();
                retrieval[i] = build(incident, memory, prompts);
                total[i] = (System.nanoTime() - start) / 1e6;
            }
            return new Result(
                    stored,
                    queries,
                    SearchBench.percentile(total, 0.50),
                    SearchBench.percentile(total, 0.99),
                    SearchBench.percentile(retrieval, 0.50),
                    embedder.modelName());
        }
    }

    /** Builds one context; returns the milliseconds retrieval took. */
    private static double build(Incident incident, IncidentMemory memory, PromptBuilder prompts) {
        Pseudonymizer pseudonyms = Pseudonymizer.forIncident();
        List<IncidentAlert> alerts = incident.alerts().stream()
                .map(alert -> new IncidentAlert(
                        alert.fingerprint(),
                        alert.status(),
                        alert.labels(),
                        Map.of(
                                "summary",
                                pseudonyms.pseudonymize(alert.annotations().get("summary"))),
                        alert.startsAt(),
                        alert.endsAt(),
                        alert.generatorUrl(),
                        alert.flapCount(),
                        alert.updatedAt()))
                .toList();
        IncidentEvidence evidence = evidence(incident, pseudonyms);
        long start = System.nanoTime();
        Retrieval retrieval = memory.similar(incident, Optional.of(evidence));
        double millis = (System.nanoTime() - start) / 1e6;
        SummaryRequest request = SummaryRequest.of(
                withAlerts(incident, alerts),
                evidence,
                retrieval.incidents().stream()
                        .map(m -> new SummaryRequest.SimilarIncident(m.incidentId(), m.score(), m.resolution()))
                        .toList(),
                retrieval.runbooks().stream()
                        .map(c -> new SummaryRequest.RunbookChunk(c.id(), c.score(), c.text()))
                        .toList(),
                "bench");
        prompts.build(request);
        return millis;
    }

    private static IncidentEvidence evidence(Incident incident, Pseudonymizer pseudonyms) {
        List<EvidenceItem> items = new ArrayList<>();
        String[] sentences =
                incident.alerts().get(0).annotations().get("summary").split("\\. ");
        for (int i = 0; i < sentences.length; i++) {
            items.add(new EvidenceItem(
                    "E" + (i + 1),
                    "k" + i,
                    EvidenceKind.LOG_TEMPLATE,
                    "bench",
                    incident.services().get(0),
                    incident.openedAt(),
                    incident.openedAt(),
                    pseudonyms.pseudonymize(sentences[i]),
                    List.of(pseudonyms.pseudonymize("example line password=hunter2 " + i)),
                    Map.of()));
        }
        return new IncidentEvidence(
                incident.id().value(),
                1,
                incident.openedAt(),
                items,
                List.of(new ProbableOrigin(incident.services().get(0), 3.0, List.of("origin of 5 of 6 traces (E1)"))));
    }

    private static Incident incident(String text, int n) {
        Instant at = Instant.parse("2026-11-26T00:00:00Z").plusSeconds(n);
        String service = Arrays.stream(text.split(" ")).skip(3).findFirst().orElse("svc");
        IncidentAlert alert = new IncidentAlert(
                "f" + n,
                AlertStatus.FIRING,
                Map.of("alertname", "Bench", "service", service),
                Map.of("summary", text),
                at,
                null,
                "",
                0,
                at);
        return withAlerts(
                new Incident(
                        new IncidentId("inc-" + String.format("%016x", 1_000_000 + n)),
                        1,
                        IncidentStatus.OPEN,
                        text.substring(0, Math.min(80, text.length())),
                        Severity.CRITICAL,
                        Map.of("cluster", "bench"),
                        "cluster=bench",
                        List.of(service),
                        1,
                        1,
                        at,
                        at,
                        null,
                        List.of(),
                        List.of(),
                        0),
                List.of(alert));
    }

    private static Incident withAlerts(Incident i, List<IncidentAlert> alerts) {
        return i.withAlerts(alerts);
    }
}
