package io.kubemate.streams.templates;

import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.redact.Redactor;
import io.kubemate.core.telemetry.Clusters;
import io.kubemate.core.telemetry.LogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@link ServiceLogTemplates} per service and cluster ({@link Clusters#fromLabels} of the entry's labels; logs
 * that name no cluster share one), for at most {@code maxServices} of them: when a new one would exceed that, the one
 * whose logs arrived least recently is forgotten. Memory is thus bounded by {@code maxServices} times the per-service
 * bounds. Thread-safe.
 */
public final class LogTemplateIndex {
    /** Default most services. */
    public static final int DEFAULT_MAX_SERVICES = 200;

    private final Redactor redactor;
    private final int maxTemplates;
    private final Duration retention;
    private final Map<Scope, ServiceLogTemplates> services;

    /** Where a template's lines came from: a service in a cluster (empty when the logs named none). */
    public record Scope(String service, String cluster) {}

    /** A template's statistics in one {@link Scope}. */
    public record ScopedStat(Scope scope, TemplateStat stat) {}

    /** With {@link #DEFAULT_MAX_SERVICES} and the per-service defaults. */
    public LogTemplateIndex(Redactor redactor) {
        this(
                redactor,
                DEFAULT_MAX_SERVICES,
                ServiceLogTemplates.DEFAULT_MAX_TEMPLATES,
                ServiceLogTemplates.DEFAULT_RETENTION);
    }

    /** @throws InvalidInputException when {@code maxServices} is not positive */
    public LogTemplateIndex(Redactor redactor, int maxServices, int maxTemplates, Duration retention) {
        if (maxServices < 1) {
            throw new InvalidInputException("/maxServices", "maxServices must be positive, was " + maxServices);
        }
        this.redactor = redactor;
        this.maxTemplates = maxTemplates;
        this.retention = retention;
        this.services = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Scope, ServiceLogTemplates> eldest) {
                return size() > maxServices;
            }
        };
    }

    /** Counts the entry under its service and cluster. */
    public Match add(LogEntry entry) {
        ServiceLogTemplates templates;
        Scope scope = new Scope(entry.service(), Clusters.fromLabels(entry.labels()));
        synchronized (services) {
            templates = services.computeIfAbsent(
                    scope, s -> new ServiceLogTemplates(s.service(), redactor, maxTemplates, retention));
        }
        return templates.add(entry);
    }

    /** {@link ServiceLogTemplates#excerpt} of {@code service} in every cluster; empty for a service with no logs. */
    public List<TemplateStat> excerpt(String service, Instant from, Instant to, Instant baselineFrom, int max) {
        return excerpt(service, Set.of(), from, to, baselineFrom, max).stream()
                .map(ScopedStat::stat)
                .toList();
    }

    /**
     * The {@link ServiceLogTemplates#excerpt} of {@code service} in the scopes {@link Clusters#matches} {@code
     * clusters} (all of them when it is empty), merged: at most {@code max}, ranked alike.
     */
    public List<ScopedStat> excerpt(
            String service, Set<String> clusters, Instant from, Instant to, Instant baselineFrom, int max) {
        Map<Scope, ServiceLogTemplates> matching = new LinkedHashMap<>();
        synchronized (services) {
            // a plain iteration does not count as access in an access-ordered map
            services.forEach((scope, templates) -> {
                if (scope.service().equals(service) && Clusters.matches(scope.cluster(), clusters)) {
                    matching.put(scope, templates);
                }
            });
        }
        List<ScopedStat> found = new ArrayList<>();
        matching.forEach((scope, templates) -> templates.excerpt(from, to, baselineFrom, max).stream()
                .map(stat -> new ScopedStat(scope, stat))
                .forEach(found::add));
        found.sort(Comparator.comparing(ScopedStat::stat, ServiceLogTemplates.RANKING));
        return found.size() <= max ? found : List.copyOf(found.subList(0, max));
    }

    /** The services with retained logs, least recently used first (a service in several clusters once). */
    public List<String> services() {
        synchronized (services) {
            return services.keySet().stream().map(Scope::service).distinct().toList();
        }
    }
}
