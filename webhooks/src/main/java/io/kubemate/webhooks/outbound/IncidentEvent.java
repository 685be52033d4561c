package io.kubemate.webhooks.outbound;

import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentStatus;
import java.util.Locale;
import java.util.Optional;

/** What happened to an incident since a route was last told about it. */
enum IncidentEvent {
    /** It opened (or reopened) and the route has not been told it is active. */
    TRIGGERED,
    /** Still active, and its severity, alert count or title changed. */
    UPDATED,
    ACKNOWLEDGED,
    RESOLVED;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The event {@code incident} means for a route last told {@code last} ({@code null}: never told), or empty when
     * there is nothing new: an older or equal version, no material change, or a resolution of an incident the route
     * never heard of.
     */
    static Optional<IncidentEvent> next(DeliveredState last, Incident incident) {
        if (last != null && incident.version() <= last.version()) {
            return Optional.empty();
        }
        IncidentStatus told = last == null ? IncidentStatus.RESOLVED : last.status();
        boolean changed = last != null && !last.signature().equals(signature(incident));
        return Optional.ofNullable(
                switch (incident.status()) {
                    case OPEN -> told == IncidentStatus.OPEN ? (changed ? UPDATED : null) : TRIGGERED;
                    case ACKNOWLEDGED -> told == IncidentStatus.ACKNOWLEDGED
                            ? (changed ? UPDATED : null)
                            : ACKNOWLEDGED;
                    case RESOLVED -> last == null || told == IncidentStatus.RESOLVED ? null : RESOLVED;
                });
    }

    /** What makes a change material for receivers: severity, alert count and title. */
    static String signature(Incident incident) {
        return incident.severity().wireName() + "|" + incident.alertCount() + "|" + incident.title();
    }
}
