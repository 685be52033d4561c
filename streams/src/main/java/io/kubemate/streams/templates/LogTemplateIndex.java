package io.kubemate.streams.templates;

import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.redact.Redactor;
import io.kubemate.core.telemetry.LogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link ServiceLogTemplates} per service, for at most {@code maxServices} services: when a new service would
 * exceed that, the service whose logs arrived least recently is forgotten. Memory is thus bounded by {@code
 * maxServices} times the per-service bounds. Thread-safe.
 */
public final class LogTemplateIndex {
    /** Default most services. */
    public static final int DEFAULT_MAX_SERVICES = 200;

    private final Redactor redactor;
    private final int maxTemplates;
    private final Duration retention;
    private final Map<String, ServiceLogTemplates> services;

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
            protected boolean removeEldestEntry(Map.Entry<String, ServiceLogTemplates> eldest) {
                return size() > maxServices;
            }
        };
    }

    /** Counts the entry under its service. */
    public Match add(LogEntry entry) {
        ServiceLogTemplates templates;
        synchronized (services) {
            templates = services.computeIfAbsent(
                    entry.service(), s -> new ServiceLogTemplates(s, redactor, maxTemplates, retention));
        }
        return templates.add(entry);
    }

    /** {@link ServiceLogTemplates#excerpt} of {@code service}; empty for a service with no retained logs. */
    public List<TemplateStat> excerpt(String service, Instant from, Instant to, Instant baselineFrom, int max) {
        ServiceLogTemplates templates;
        synchronized (services) {
            templates = services.get(service);
        }
        return templates == null ? List.of() : templates.excerpt(from, to, baselineFrom, max);
    }

    /** The services with retained logs, least recently used first. */
    public List<String> services() {
        synchronized (services) {
            return List.copyOf(services.keySet());
        }
    }
}
