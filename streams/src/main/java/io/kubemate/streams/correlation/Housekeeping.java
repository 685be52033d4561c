package io.kubemate.streams.correlation;

import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.TimelineEntry;
import io.kubemate.core.incident.TimelineKind;
import io.kubemate.streams.CorrelationSettings;
import java.time.Duration;
import java.time.Instant;

/**
 * Wall-clock rules: resolves active incidents whose alerts are all resolved and quiet for {@code resolveAfter}, and
 * forgets (locally) incidents resolved for longer than the flap window once their last change is published.
 */
final class Housekeeping {
    static final String ACTOR = "kubemate";

    private final IncidentStores stores;
    private final CorrelationSettings settings;

    Housekeeping(IncidentStores stores, CorrelationSettings settings) {
        this.stores = stores;
        this.settings = settings;
    }

    /** When {@code header} next needs housekeeping: its quiet time's end, or its local expiry; null if neither. */
    static Instant dueAt(IncidentHeader header, CorrelationSettings settings) {
        if (header.status().isActive() && header.firingCount() == 0 && header.allResolvedSince() != null) {
            return header.allResolvedSince().plus(settings.resolveAfter());
        }
        if (header.status() == IncidentStatus.RESOLVED && header.resolvedAt() != null) {
            return header.resolvedAt().plus(settings.flapWindow()).plusMillis(1);
        }
        return null;
    }

    void run(Instant now) {
        for (IncidentId id : stores.dueIds(now)) {
            IncidentHeader header = stores.header(id);
            if (header == null) {
                continue;
            }
            if (isQuiet(header, now)) {
                resolve(header);
            } else if (isExpired(header, now) && !stores.isDirty(header.id())) {
                stores.forget(header);
            }
        }
    }

    private boolean isQuiet(IncidentHeader header, Instant now) {
        return header.status().isActive()
                && header.firingCount() == 0
                && header.allResolvedSince() != null
                && !header.allResolvedSince().plus(settings.resolveAfter()).isAfter(now);
    }

    private boolean isExpired(IncidentHeader header, Instant now) {
        return header.status() == IncidentStatus.RESOLVED
                && header.resolvedAt() != null
                && header.resolvedAt().plus(settings.flapWindow()).isBefore(now);
    }

    /** Resolves as of the moment the quiet time ended, so a replay or a late punctuation gives the same time. */
    private void resolve(IncidentHeader header) {
        Instant at = header.allResolvedSince().plus(settings.resolveAfter());
        TimelineEntry entry = new TimelineEntry(
                at,
                TimelineKind.RESOLVED,
                null,
                ACTOR,
                "all alerts resolved and quiet for " + human(settings.resolveAfter()));
        stores.save(header.withStatus(IncidentStatus.RESOLVED, at, header.allResolvedSince())
                .withEntry(entry, settings.timelineLimit()));
    }

    /** {@code 5m}, {@code 2h}, {@code 30s}, {@code 250ms}. */
    static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
