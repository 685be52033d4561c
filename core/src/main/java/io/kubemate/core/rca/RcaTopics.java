package io.kubemate.core.rca;

import java.util.Objects;

/**
 * Names of the root-cause summary topics.
 *
 * @param requests summary requests, keyed by incident id
 * @param results summaries, compacted, keyed by incident id
 */
public record RcaTopics(String requests, String results) {
    public RcaTopics {
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(results, "results");
    }

    /** {@code kubemate.rca.requests} and {@code kubemate.rca.results}. */
    public static RcaTopics defaults() {
        return new RcaTopics("kubemate.rca.requests", "kubemate.rca.results");
    }
}
