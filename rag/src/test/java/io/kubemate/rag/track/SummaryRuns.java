package io.kubemate.rag.track;

import java.time.Instant;
import java.util.List;

/** A builder of {@link SummaryRun} with valid defaults. */
final class SummaryRuns {
    private String incidentId = "inc-1";
    private String summaryId = "sum-1";
    private String model = "llama3.2:1b";
    private String digest = "sha256:abc123";
    private String promptVersion = "rca-v3";
    private String embeddingModel = "all-minilm-l6-v2-q";
    private List<Double> scores = List.of(0.82, 0.61);
    private long latencyMs = 812;
    private Grounding grounding = Grounding.GROUNDED;
    private String fallbackReason = "";
    private SummaryKind kind = SummaryKind.LLM;
    private Instant time = Instant.parse("2026-11-26T01:00:00Z");

    static SummaryRuns run() {
        return new SummaryRuns();
    }

    SummaryRuns incident(String id) {
        this.incidentId = id;
        return this;
    }

    SummaryRuns summary(String id) {
        this.summaryId = id;
        return this;
    }

    SummaryRuns model(String name, String modelDigest) {
        this.model = name;
        this.digest = modelDigest;
        return this;
    }

    SummaryRuns prompt(String version) {
        this.promptVersion = version;
        return this;
    }

    SummaryRuns fallback(String reason) {
        this.grounding = Grounding.FALLBACK;
        this.fallbackReason = reason;
        return this;
    }

    SummaryRuns grounding(Grounding g) {
        this.grounding = g;
        return this;
    }

    SummaryRuns at(String instant) {
        this.time = Instant.parse(instant);
        return this;
    }

    SummaryRuns latency(long ms) {
        this.latencyMs = ms;
        return this;
    }

    SummaryRun build() {
        return new SummaryRun(
                incidentId,
                summaryId,
                model,
                digest,
                promptVersion,
                embeddingModel,
                scores,
                latencyMs,
                412,
                96,
                grounding,
                fallbackReason,
                kind,
                time);
    }
}
