package io.kubemate.streams.correlation;

import io.kubemate.core.incident.IncidentAction;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.TimelineEntry;
import io.kubemate.core.incident.TimelineKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Applies people's actions. An action that would change nothing (acknowledging an acknowledged incident, resolving
 * a resolved one) is ignored and does not bump the version; a resolution note is added to the timeline whatever the
 * status; merge and split are {@link IncidentRestructuring}'s; an action on an incident this partition does not hold
 * is dropped with a warning.
 */
final class IncidentActions {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentActions.class);

    private final IncidentStores stores;
    private final int timelineLimit;
    private final IncidentRestructuring restructuring;

    IncidentActions(IncidentStores stores, int timelineLimit, IncidentRestructuring restructuring) {
        this.stores = stores;
        this.timelineLimit = timelineLimit;
        this.restructuring = restructuring;
    }

    void apply(IncidentAction action) {
        try (MDC.MDCCloseable ignored =
                MDC.putCloseable("incident_id", action.incidentId().value())) {
            applyLogged(action);
        }
    }

    private void applyLogged(IncidentAction action) {
        IncidentHeader header = stores.header(action.incidentId());
        if (header == null) {
            LOG.warn(
                    "dropped {} action {} by {}: incident {} is unknown in scope {} (or resolved and expired)",
                    action.kind().name().toLowerCase(java.util.Locale.ROOT),
                    action.actionId(),
                    action.actor(),
                    action.incidentId(),
                    action.scopeKey());
            return;
        }
        IncidentStatus status = header.status();
        switch (action.kind()) {
            case ACKNOWLEDGE -> {
                if (status == IncidentStatus.OPEN) {
                    change(header.withStatus(IncidentStatus.ACKNOWLEDGED, null, header.allResolvedSince()), action);
                }
            }
            case RESOLVE -> {
                if (status.isActive()) {
                    change(
                            header.withStatus(IncidentStatus.RESOLVED, action.requestedAt(), header.allResolvedSince()),
                            action);
                }
            }
            case REOPEN -> {
                // a merged incident holds no alerts any more: reopening it would open an empty incident
                if (status == IncidentStatus.RESOLVED && header.mergedInto() == null) {
                    // a person reopened it: only alert activity makes it eligible for the quiet auto-resolve again
                    change(header.withStatus(IncidentStatus.OPEN, null, null), action);
                }
            }
            case NOTE, COMMENT, GROUPING_FEEDBACK -> {
                // a resolution note, a comment or a grouping report: in any status, never changes it
                if (!action.note().isBlank()) {
                    change(header, action);
                }
            }
            case MERGE -> restructuring.merge(action);
            case SPLIT -> restructuring.split(action);
        }
    }

    private void change(IncidentHeader changed, IncidentAction action) {
        TimelineKind kind =
                switch (action.kind()) {
                    case ACKNOWLEDGE -> TimelineKind.ACKNOWLEDGED;
                    case RESOLVE -> TimelineKind.RESOLVED;
                    case REOPEN -> TimelineKind.REOPENED;
                    case NOTE -> TimelineKind.RESOLUTION_NOTE;
                    case COMMENT -> TimelineKind.COMMENT;
                    case GROUPING_FEEDBACK -> TimelineKind.GROUPING_FEEDBACK;
                    case MERGE -> TimelineKind.MERGED;
                    case SPLIT -> TimelineKind.SPLIT;
                };
        String detail = action.note().isBlank()
                ? kind.name().toLowerCase(java.util.Locale.ROOT) + " by " + action.actor()
                : action.note();
        TimelineEntry entry = new TimelineEntry(action.requestedAt(), kind, null, action.actor(), detail);
        stores.save(changed.withEntry(entry, timelineLimit));
    }
}
