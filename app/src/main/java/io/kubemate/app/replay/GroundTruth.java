package io.kubemate.app.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemate.core.alert.Fingerprint;
import io.kubemate.core.error.InvalidInputException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ground truth a replay file carries: every alert it sends firing, the {@code incident} label of the record
 * that carried each one, and each label's {@code rootCause}. Fingerprints are taken from the body when present and
 * otherwise computed with {@link Fingerprint#of}, exactly as the Alertmanager receiver does.
 */
final class GroundTruth {
    private GroundTruth() {}

    /**
     * @throws InvalidInputException when one alert carries two different labels or one label two root causes
     */
    static ReplayScore.Truth of(List<ReplayRecord> records) {
        Set<String> firing = new HashSet<>();
        Map<String, String> labels = new HashMap<>();
        Map<String, String> rootCauses = new HashMap<>();
        for (ReplayRecord record : records) {
            String where = "line " + record.line() + ": ";
            if (record.incident() != null && record.rootCause() != null) {
                String before = rootCauses.putIfAbsent(record.incident(), record.rootCause());
                if (before != null && !before.equals(record.rootCause())) {
                    throw new InvalidInputException(
                            where + "/rootCause",
                            "incident " + record.incident() + " already has root cause " + before);
                }
            }
            if (record.type() != RecordType.ALERTMANAGER) {
                continue;
            }
            JsonNode alerts = record.body().path("alerts");
            for (int i = 0; i < alerts.size(); i++) {
                JsonNode alert = alerts.get(i);
                String fingerprint = fingerprint(alert);
                if ("firing".equals(alert.path("status").asText())) {
                    firing.add(fingerprint);
                }
                if (record.incident() != null) {
                    String before = labels.putIfAbsent(fingerprint, record.incident());
                    if (before != null && !before.equals(record.incident())) {
                        throw new InvalidInputException(
                                where + "/body/alerts/" + i,
                                "alert " + fingerprint + " was labelled " + before + " before, now "
                                        + record.incident());
                    }
                }
            }
        }
        labels.keySet().retainAll(firing);
        return new ReplayScore.Truth(firing, labels, rootCauses);
    }

    /** The body's fingerprint (lower-cased), or the one computed from the labels when there is none. */
    static String fingerprint(JsonNode alert) {
        JsonNode given = alert.get("fingerprint");
        if (given != null
                && given.isTextual()
                && Fingerprint.isValid(given.asText().toLowerCase(Locale.ROOT))) {
            return given.asText().toLowerCase(Locale.ROOT);
        }
        Map<String, String> labels = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = alert.path("labels").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            labels.put(label.getKey(), label.getValue().asText());
        }
        return Fingerprint.of(labels).value();
    }
}
