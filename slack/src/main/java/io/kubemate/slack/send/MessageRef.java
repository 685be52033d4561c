package io.kubemate.slack.send;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where an incident's Slack message is and what it shows, the value of the compacted messages topic (keyed by
 * incident id): re-read at start, so a restart updates the same message instead of posting a new one.
 *
 * @param incidentId the incident
 * @param route the channel as configured (the rate limit lane)
 * @param channelId the channel id Slack answered with ({@code chat.update} needs it)
 * @param ts the message's timestamp, its id within the channel
 * @param digest the digest of what the message shows now
 * @param evidenceIds the evidence ids already posted in the thread
 * @param summaryId the summary already posted in the thread, empty when none
 */
public record MessageRef(
        String incidentId,
        String route,
        String channelId,
        String ts,
        String digest,
        List<String> evidenceIds,
        String summaryId) {
    public MessageRef {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(ts, "ts");
        route = route == null ? channelId : route;
        digest = digest == null ? "" : digest;
        evidenceIds = evidenceIds == null ? List.of() : List.copyOf(evidenceIds);
        summaryId = summaryId == null ? "" : summaryId;
    }

    public MessageRef withDigest(String newDigest) {
        return new MessageRef(incidentId, route, channelId, ts, newDigest, evidenceIds, summaryId);
    }

    public MessageRef withEvidence(List<String> posted) {
        Set<String> all = new LinkedHashSet<>(evidenceIds);
        all.addAll(posted);
        return new MessageRef(incidentId, route, channelId, ts, digest, List.copyOf(all), summaryId);
    }

    public MessageRef withSummary(String posted) {
        return new MessageRef(incidentId, route, channelId, ts, digest, evidenceIds, posted);
    }
}
