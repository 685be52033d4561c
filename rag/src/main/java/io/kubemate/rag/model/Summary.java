package io.kubemate.rag.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A root-cause summary of one incident, written by an LLM or assembled from the evidence.
 *
 * @param kind who wrote it
 * @param text a few sentences citing evidence ids in brackets ({@code [E3]}, {@code [S1]}, {@code [R2]})
 * @param probableRootCause the service it blames and why; the service is always one the incident, its evidence or its
 *     origin ranking names (or {@code unknown} when none does)
 * @param confidence 0 to 1
 * @param citations every id the summary relies on, each one present in the request
 * @param nextSteps what a responder should do first
 * @param similarIncidentIds past incidents it relates this one to, each one among the retrieved ones
 * @param model the model, its digest and the prompt version
 * @param grounding how the grounding check went
 * @param fallbackReason why an LLM summary was wanted but this is extractive; empty otherwise
 * @param latency how long summarizing took, every attempt included
 * @param tokens tokens the LLM consumed and produced, every attempt included; zero for extractive
 * @param createdAt when it was written
 */
public record Summary(
        Kind kind,
        String text,
        RootCause probableRootCause,
        double confidence,
        List<String> citations,
        List<String> nextSteps,
        List<String> similarIncidentIds,
        ModelInfo model,
        GroundingOutcome grounding,
        String fallbackReason,
        Duration latency,
        TokenCounts tokens,
        Instant createdAt) {

    public Summary {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(probableRootCause, "probableRootCause");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(grounding, "grounding");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be within [0, 1]: " + confidence);
        }
        text = text == null ? "" : text;
        citations = citations == null ? List.of() : List.copyOf(citations);
        nextSteps = nextSteps == null ? List.of() : List.copyOf(nextSteps);
        similarIncidentIds = similarIncidentIds == null ? List.of() : List.copyOf(similarIncidentIds);
        fallbackReason = fallbackReason == null ? "" : fallbackReason;
        latency = latency == null ? Duration.ZERO : latency;
        tokens = tokens == null ? TokenCounts.NONE : tokens;
    }

    /**
     * Whether an LLM reply passed the grounding check (first time or after the retry); written in JSON as {@code
     * grounded}. An extractive summary is never "grounded" in this sense, though its citations are real by
     * construction.
     */
    public boolean isGrounded() {
        return grounding == GroundingOutcome.PASSED || grounding == GroundingOutcome.PASSED_ON_RETRY;
    }

    /** This summary with the tracking facts of the whole call. */
    Summary withTracking(GroundingOutcome outcome, String reason, Duration took, TokenCounts used, ModelInfo info) {
        return new Summary(
                kind,
                text,
                probableRootCause,
                confidence,
                citations,
                nextSteps,
                similarIncidentIds,
                info,
                outcome,
                reason,
                took,
                used,
                createdAt);
    }

    /** Who wrote a summary. Written in JSON as {@code llm} or {@code extractive}. */
    public enum Kind {
        LLM,
        EXTRACTIVE;

        /** The JSON name. */
        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The outcome of the grounding check, as tracked. */
    public enum GroundingOutcome {
        /** The LLM's first reply passed. */
        PASSED,
        /** The first reply failed, the retry with the problems passed. */
        PASSED_ON_RETRY,
        /** Both replies failed; the summary is extractive. */
        REJECTED,
        /** No LLM reply was checked: extractive by configuration, or the LLM failed or was unavailable. */
        NOT_CHECKED;

        /** The JSON name: {@code passed}, {@code passed-on-retry}, {@code rejected}, {@code not-checked}. */
        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * The service a summary blames.
     *
     * @param service the service
     * @param reason why, citing evidence ids
     */
    public record RootCause(String service, String reason) {
        public RootCause {
            service = service == null ? "" : service;
            reason = reason == null ? "" : reason;
        }
    }

    /**
     * What wrote a summary.
     *
     * @param name the model name ({@code llama3.2:3b}, {@code extractive})
     * @param digest the model's digest where the server reports one ({@code sha256:...}), else empty
     * @param promptVersion the prompt template's version, empty for extractive
     * @param embeddingModel the embedding model the retrieval used, empty when nothing was retrieved
     */
    public record ModelInfo(String name, String digest, String promptVersion, String embeddingModel) {
        public ModelInfo {
            Objects.requireNonNull(name, "name");
            digest = digest == null ? "" : digest;
            promptVersion = promptVersion == null ? "" : promptVersion;
            embeddingModel = embeddingModel == null ? "" : embeddingModel;
        }
    }

    /** Tokens an LLM consumed ({@code input}) and produced ({@code output}). */
    public record TokenCounts(int input, int output) {
        public static final TokenCounts NONE = new TokenCounts(0, 0);

        public TokenCounts {
            if (input < 0 || output < 0) {
                throw new IllegalArgumentException("token counts cannot be negative");
            }
        }

        TokenCounts plus(TokenCounts other) {
            return new TokenCounts(input + other.input, output + other.output);
        }
    }
}
