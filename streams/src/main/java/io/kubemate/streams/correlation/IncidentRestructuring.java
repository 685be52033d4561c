package io.kubemate.streams.correlation;

import io.kubemate.core.incident.IncidentAction;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.TimelineEntry;
import io.kubemate.core.incident.TimelineKind;
import io.kubemate.streams.CorrelationSettings;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merge and split: people correcting the grouping. Both move member alerts between incidents of one partition (one
 * routing key, ADR 0011) and remap the alerts' fingerprints, so later firings of a moved alert correlate to the
 * incident it moved to. A request that cannot apply (an incident unknown here or already merged, a split moving none
 * or all of the alerts) is dropped with a warning and changes nothing; applying the same split twice opens one
 * incident, since its id derives from the action.
 */
final class IncidentRestructuring {
    /** Receives each moved member: it leaves {@code from} (a removal) and joins {@code to} as {@code member}. */
    interface MemberMoves {
        void moved(IncidentId from, IncidentId to, IncidentAlert member, Instant at);
    }

    private static final Logger LOG = LoggerFactory.getLogger(IncidentRestructuring.class);

    private final IncidentStores stores;
    private final CorrelationSettings settings;
    private final MemberMoves moves;

    IncidentRestructuring(IncidentStores stores, CorrelationSettings settings, MemberMoves moves) {
        this.stores = stores;
        this.settings = settings;
        this.moves = moves;
    }

    /** Moves every alert of the other incident into the one acted on, and closes the other as merged into it. */
    void merge(IncidentAction action) {
        IncidentHeader target = stores.header(action.incidentId());
        IncidentHeader source = action.otherIncidentId() == null ? null : stores.header(action.otherIncidentId());
        if (target == null || source == null || target.id().equals(source.id())) {
            drop(action, "both incidents must be held here and differ");
            return;
        }
        if (!target.scopeKey().equals(source.scopeKey())) {
            // only one partition owns both when their routing keys agree (ADR 0011)
            drop(action, "the incidents have different routing keys");
            return;
        }
        if (target.mergedInto() != null || source.mergedInto() != null) {
            drop(action, "an incident already merged into another cannot take part in a merge");
            return;
        }
        Instant at = action.requestedAt();
        List<IncidentAlert> moved = stores.members(source.id());
        moved.forEach(member -> move(source.id(), target.id(), member, at));
        stores.save(source.mergedInto(target.id(), at)
                .withEntry(entry(action, TimelineKind.MERGED_INTO, "merged into " + target.id()), limit()));
        IncidentHeader grown = recounted(target, at).withActivity(source.lastActivityAt());
        if (!grown.status().isActive() && grown.firingCount() > 0) {
            // a resolved incident taking firing alerts is active again
            grown = grown.withStatus(IncidentStatus.OPEN, null, null);
        }
        String detail = "merged " + source.id() + " (" + moved.size() + (moved.size() == 1 ? " alert)" : " alerts)");
        stores.save(grown.withEntry(entry(action, TimelineKind.MERGED, detail), limit()));
    }

    /** Moves the named alerts of the incident acted on into a new incident of the same scope. */
    void split(IncidentAction action) {
        IncidentHeader source = stores.header(action.incidentId());
        if (source == null || source.mergedInto() != null) {
            drop(action, "the incident is not held here or was merged");
            return;
        }
        IncidentId newId = action.splitIncidentId();
        if (stores.header(newId) != null) {
            return; // applied already: the same action again
        }
        Set<String> wanted = Set.copyOf(action.fingerprints());
        List<IncidentAlert> members = stores.members(source.id());
        List<IncidentAlert> moving =
                members.stream().filter(m -> wanted.contains(m.fingerprint())).toList();
        if (moving.isEmpty() || moving.size() == members.size()) {
            drop(action, "a split must move some, not none or all, of the incident's alerts");
            return;
        }
        Instant at = action.requestedAt();
        Instant started = moving.stream()
                .map(IncidentAlert::startsAt)
                .filter(java.util.Objects::nonNull)
                .min(Comparator.naturalOrder())
                .orElse(at);
        Instant active = moving.stream()
                .map(IncidentAlert::updatedAt)
                .filter(java.util.Objects::nonNull)
                .max(Comparator.naturalOrder())
                .orElse(at);
        IncidentHeader opened = IncidentHeader.open(newId, source.scope(), source.scopeKey(), started);
        stores.addToScope(source.scopeKey(), newId);
        moving.forEach(member -> move(source.id(), newId, member, at));
        opened = recounted(opened, at).withActivity(active);
        if (source.status() == IncidentStatus.RESOLVED) {
            opened = opened.withStatus(IncidentStatus.RESOLVED, at, opened.allResolvedSince());
        }
        String count = moving.size() + (moving.size() == 1 ? " alert" : " alerts");
        stores.save(opened.withEntry(
                entry(action, TimelineKind.SPLIT_FROM, "split from " + source.id() + " (" + count + ")"), limit()));
        stores.save(recounted(source, at)
                .withEntry(entry(action, TimelineKind.SPLIT, "split " + count + " into " + newId), limit()));
    }

    private void move(IncidentId from, IncidentId to, IncidentAlert member, Instant at) {
        String fingerprint = member.fingerprint();
        stores.removeMember(from, fingerprint);
        IncidentAlert held = stores.member(to, fingerprint);
        // the same alert can be a member of two incidents (an old resolved one and a newer one): keep the newer state
        IncidentAlert kept = held != null && isNewer(held, member) ? held : member;
        stores.putMember(to, kept);
        if (from.equals(stores.incidentOf(fingerprint))) {
            stores.map(fingerprint, to);
        }
        moves.moved(from, to, kept, at);
    }

    private static boolean isNewer(IncidentAlert a, IncidentAlert b) {
        return a.updatedAt() != null && (b.updatedAt() == null || a.updatedAt().isAfter(b.updatedAt()));
    }

    /** The header with counts and summary computed from the members it now holds. */
    private IncidentHeader recounted(IncidentHeader header, Instant at) {
        List<IncidentAlert> members = stores.members(header.id());
        int firing = (int) members.stream().filter(IncidentAlert::isFiring).count();
        return header.withSummary(IncidentSummary.of(members, settings)).withCounts(members.size(), firing, at);
    }

    private static TimelineEntry entry(IncidentAction action, TimelineKind kind, String what) {
        String detail = what + " by " + action.actor() + (action.note().isBlank() ? "" : ": " + action.note());
        return new TimelineEntry(action.requestedAt(), kind, null, action.actor(), detail);
    }

    private int limit() {
        return settings.timelineLimit();
    }

    private static void drop(IncidentAction action, String why) {
        LOG.warn(
                "dropped {} action {} by {} on {}: {}",
                action.kind().name().toLowerCase(java.util.Locale.ROOT),
                action.actionId(),
                action.actor(),
                action.incidentId(),
                why);
    }
}
