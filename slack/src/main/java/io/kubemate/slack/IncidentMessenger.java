package io.kubemate.slack;

import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.EvidenceView;
import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentView;
import io.kubemate.core.rca.IncidentSummary;
import io.kubemate.core.rca.SummaryView;
import io.kubemate.slack.message.ChannelRouter;
import io.kubemate.slack.message.IncidentMessages;
import io.kubemate.slack.message.SlackMessage;
import io.kubemate.slack.send.MessageRef;
import io.kubemate.slack.send.MessageRefs;
import io.kubemate.slack.send.SendQueue;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what Slack should show for each incident and hands it to the {@link SendQueue}: the first post of an
 * active incident, an update whenever the rendering changes, a thread reply for evidence not posted before and for
 * each new summary. What was already asked for is remembered (and, after a restart, taken from the {@link
 * MessageRefs}), so the same change is never queued twice. Confined to the notifier's thread.
 */
public final class IncidentMessenger {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentMessenger.class);

    private final IncidentMessages messages;
    private final ChannelRouter router;
    private final IncidentView view;
    private final EvidenceView evidence;
    private final SummaryView summaries;
    private final MessageRefs refs;
    private final SendQueue queue;
    private final Map<String, Asked> asked = new HashMap<>();
    private final Map<String, Incident> latest = new HashMap<>();
    private boolean warnedNoChannel;

    public IncidentMessenger(
            IncidentMessages messages,
            ChannelRouter router,
            IncidentView view,
            EvidenceView evidence,
            SummaryView summaries,
            MessageRefs refs,
            SendQueue queue) {
        this.messages = messages;
        this.router = router;
        this.view = view;
        this.evidence = evidence;
        this.summaries = summaries;
        this.refs = refs;
        this.queue = queue;
    }

    /** A snapshot from the incidents topic (it may lack member alerts; the view's copy is used when as new). */
    public void changed(Incident snapshot) {
        Incident incident = view.find(snapshot.id())
                .filter(v -> v.version() >= snapshot.version())
                .orElse(snapshot);
        Incident known = latest.get(incident.id().value());
        if (known != null && known.version() > incident.version()) {
            return;
        }
        latest.put(incident.id().value(), incident);
        render(incident);
    }

    /**
     * Renders again every incident seen since start (new evidence and summaries do not change the snapshot); forgets
     * incidents resolved before {@code forgetResolvedBefore}.
     */
    public void refresh(Instant forgetResolvedBefore) {
        for (Incident seen : List.copyOf(latest.values())) {
            if (seen.resolvedAt() != null && seen.resolvedAt().isBefore(forgetResolvedBefore)) {
                latest.remove(seen.id().value());
                asked.remove(seen.id().value());
                continue;
            }
            Incident incident = view.find(seen.id())
                    .filter(v -> v.version() >= seen.version())
                    .orElse(seen);
            latest.put(incident.id().value(), incident);
            render(incident);
        }
    }

    /** Stops tracking {@code incidentId} (its partition went to another instance, which now keeps it up to date). */
    public void forget(String incidentId) {
        latest.remove(incidentId);
        asked.remove(incidentId);
    }

    private void render(Incident incident) {
        String id = incident.id().value();
        Optional<MessageRef> ref = refs.find(id);
        Asked before = asked.computeIfAbsent(id, k -> ref.map(Asked::of).orElseGet(Asked::new));
        if (before.route == null) {
            if (!incident.status().isActive()) {
                return; // never posted and already over: nobody needs a message now
            }
            Optional<String> channel = router.channel(incident);
            if (channel.isEmpty()) {
                if (!warnedNoChannel) {
                    LOG.warn("incident {} matches no Slack route and no default channel is set", id);
                    warnedNoChannel = true;
                }
                return;
            }
            before.route = channel.get();
        }
        Optional<IncidentEvidence> found = evidence.evidence(id);
        Optional<IncidentSummary> summary = summaries.summary(id);
        SlackMessage message = messages.message(incident, found, summary);
        String digest = message.digest();
        if (!digest.equals(before.digest)) {
            before.digest = digest;
            queue.submitMessage(id, before.route, message);
        }
        found.ifPresent(e -> replyEvidence(incident, before, e));
        summary.filter(s -> !s.summaryId().equals(before.summaryId)).ifPresent(s -> {
            before.summaryId = s.summaryId();
            queue.submitReply(id, before.route, messages.summaryReply(incident, s), r -> r.withSummary(s.summaryId()));
        });
    }

    private void replyEvidence(Incident incident, Asked before, IncidentEvidence found) {
        List<EvidenceItem> fresh = found.items().stream()
                .filter(item -> !item.id().isEmpty() && !before.evidenceIds.contains(item.id()))
                .toList();
        if (fresh.isEmpty()) {
            return;
        }
        List<String> ids = fresh.stream().map(EvidenceItem::id).toList();
        before.evidenceIds.addAll(ids);
        queue.submitReply(
                incident.id().value(), before.route, messages.evidenceReply(incident, fresh), r -> r.withEvidence(ids));
    }

    /** What was last asked of the queue for one incident. */
    private static final class Asked {
        String route;
        String digest = "";
        String summaryId = "";
        final Set<String> evidenceIds = new HashSet<>();

        static Asked of(MessageRef ref) {
            Asked asked = new Asked();
            asked.route = ref.route();
            asked.digest = ref.digest();
            asked.summaryId = ref.summaryId();
            asked.evidenceIds.addAll(ref.evidenceIds());
            return asked;
        }
    }
}
