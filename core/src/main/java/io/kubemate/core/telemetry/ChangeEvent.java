package io.kubemate.core.telemetry;

import java.time.Instant;
import java.util.Objects;

/**
 * A change to a service (a deploy, a config change, a rollback, a pipeline run); the value of {@code
 * kubemate.changes} (keyed by {@link #service()}).
 *
 * @param id the event's id (CloudEvents {@code id}, or one derived from the content), used to drop re-sends
 * @param service the service that changed
 * @param version the version it changed to, may be empty
 * @param kind what happened: {@code deploy}, {@code rollback}, {@code config}, {@code pipeline-run}, ... free text
 * @param time when it happened
 * @param url a link to the change (pipeline run, pull request, release), may be empty
 * @param author who made it, may be empty
 * @param source who reported it: the CloudEvents {@code source}, or {@code webhook}
 * @param outcome how it ended when the source says so ({@code succeeded}, {@code failed}, {@code started}), may be
 *     empty
 * @param cluster the cluster it happened in, may be empty (then it counts for incidents in any cluster)
 */
public record ChangeEvent(
        String id,
        String service,
        String version,
        String kind,
        Instant time,
        String url,
        String author,
        String source,
        String outcome,
        String cluster) {

    public ChangeEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(time, "time");
        version = version == null ? "" : version;
        kind = kind == null || kind.isBlank() ? "change" : kind;
        url = url == null ? "" : url;
        author = author == null ? "" : author;
        source = source == null ? "" : source;
        outcome = outcome == null ? "" : outcome;
        cluster = cluster == null ? "" : cluster;
    }

    /** A change that names no cluster. */
    public ChangeEvent(
            String id,
            String service,
            String version,
            String kind,
            Instant time,
            String url,
            String author,
            String source,
            String outcome) {
        this(id, service, version, kind, time, url, author, source, outcome, "");
    }
}
