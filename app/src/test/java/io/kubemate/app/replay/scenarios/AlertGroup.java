package io.kubemate.app.replay.scenarios;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemate.core.alert.Fingerprint;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One Alertmanager aggregation group as Alertmanager 0.25 notifies a webhook about it: the first notification
 * {@code group_wait} after the first alert, then at each {@code group_interval} tick when the group changed (an
 * alert joined or resolved) or {@code repeat_interval} passed; every notification carries the whole group, and a
 * resolved alert is sent once as resolved, then leaves the group. Bodies have the version-4 shape of the captured
 * fixtures (sorted labels and annotations, Go's zero {@code endsAt} while firing, the fingerprint Alertmanager
 * computes).
 */
final class AlertGroup {
    /** One firing episode of an alert: from {@code startsAt} until {@code endsAt} ({@code null}: still firing). */
    record Episode(
            Map<String, String> labels,
            Map<String, String> annotations,
            String expr,
            Instant startsAt,
            Instant endsAt) {}

    private final Recording recording;
    private final String route;
    private final List<String> groupBy;
    private final Duration groupWait;
    private final Duration groupInterval;
    private final Duration repeatInterval;
    private final String incident;
    private final String rootCause;
    private final List<Episode> episodes = new ArrayList<>();

    /**
     * @param route the route's matcher as it appears in {@code groupKey}, e.g. {@code {severity="critical"}}
     */
    AlertGroup(
            Recording recording,
            String route,
            List<String> groupBy,
            Duration groupWait,
            Duration groupInterval,
            Duration repeatInterval,
            String incident,
            String rootCause) {
        this.recording = recording;
        this.route = route;
        this.groupBy = List.copyOf(groupBy);
        this.groupWait = groupWait;
        this.groupInterval = groupInterval;
        this.repeatInterval = repeatInterval;
        this.incident = incident;
        this.rootCause = rootCause;
    }

    AlertGroup episode(
            Map<String, String> labels, Map<String, String> annotations, String expr, double from, Double to) {
        Map<String, String> all = new TreeMap<>(labels);
        all.put("cluster", recording.cluster);
        episodes.add(new Episode(
                all, new TreeMap<>(annotations), expr, recording.t(from), to == null ? null : recording.t(to)));
        return this;
    }

    /** Adds the notifications up to {@code until} seconds after the scenario start. */
    void notifyUntil(double until) {
        Instant end = recording.t(until);
        Instant first =
                episodes.stream().map(Episode::startsAt).min(Instant::compareTo).orElseThrow();
        Map<String, String> lastSent = Map.of();
        Map<String, Instant> resolvedSent = new HashMap<>();
        Instant lastAt = null;
        for (Instant tick = first.plus(groupWait); !tick.isAfter(end); tick = tick.plus(groupInterval)) {
            Instant now = tick;
            Map<String, Episode> current = current(tick, resolvedSent);
            if (current.isEmpty()) {
                continue;
            }
            Map<String, String> state = new TreeMap<>();
            for (Map.Entry<String, Episode> e : current.entrySet()) {
                state.put(e.getKey(), e.getValue().startsAt() + (firing(e.getValue(), tick) ? "" : " resolved"));
            }
            boolean repeat = lastAt != null
                    && !tick.isBefore(lastAt.plus(repeatInterval))
                    && current.values().stream().anyMatch(e -> firing(e, now));
            if (state.equals(lastSent) && !repeat) {
                continue;
            }
            recording.add("alertmanager", tick, body(current, tick), incident, rootCause);
            for (Map.Entry<String, Episode> e : current.entrySet()) {
                if (!firing(e.getValue(), tick)) {
                    resolvedSent.put(e.getKey(), e.getValue().startsAt());
                }
            }
            lastSent = state;
            lastAt = tick;
        }
    }

    /** Per fingerprint, the latest episode started by {@code tick}, unless it resolved and was sent as such. */
    private Map<String, Episode> current(Instant tick, Map<String, Instant> resolvedSent) {
        Map<String, Episode> current = new TreeMap<>();
        for (Episode episode : episodes) {
            if (episode.startsAt().isAfter(tick)) {
                continue;
            }
            String fp = Fingerprint.of(episode.labels()).value();
            Episode held = current.get(fp);
            if (held == null || episode.startsAt().isAfter(held.startsAt())) {
                current.put(fp, episode);
            }
        }
        current.entrySet().removeIf(e -> e.getValue().startsAt().equals(resolvedSent.get(e.getKey())));
        return current;
    }

    private static boolean firing(Episode episode, Instant at) {
        return episode.endsAt() == null || episode.endsAt().isAfter(at);
    }

    private ObjectNode body(Map<String, Episode> current, Instant tick) {
        ArrayNode alerts = Recording.NODES.arrayNode();
        boolean anyFiring = false;
        List<Map<String, String>> labelSets = new ArrayList<>();
        List<Map<String, String>> annotationSets = new ArrayList<>();
        List<Episode> ordered = new ArrayList<>(current.values());
        ordered.sort((a, b) -> a.labels().toString().compareTo(b.labels().toString()));
        for (Episode episode : ordered) {
            boolean firing = firing(episode, tick);
            anyFiring |= firing;
            ObjectNode alert = alerts.addObject();
            alert.put("status", firing ? "firing" : "resolved");
            alert.set("labels", map(episode.labels()));
            alert.set("annotations", map(episode.annotations()));
            alert.put("startsAt", episode.startsAt().toString());
            alert.put(
                    "endsAt", firing ? "0001-01-01T00:00:00Z" : episode.endsAt().toString());
            alert.put("generatorURL", generatorUrl(episode.expr()));
            alert.put("fingerprint", Fingerprint.of(episode.labels()).value());
            labelSets.add(episode.labels());
            annotationSets.add(episode.annotations());
        }
        Map<String, String> common = common(labelSets);
        Map<String, String> groupLabels = new TreeMap<>();
        groupBy.forEach(name -> {
            if (common.containsKey(name)) {
                groupLabels.put(name, common.get(name));
            }
        });
        ObjectNode body = Recording.NODES.objectNode();
        body.put("receiver", "kubemate");
        body.put("status", anyFiring ? "firing" : "resolved");
        body.set("alerts", alerts);
        body.set("groupLabels", map(groupLabels));
        body.set("commonLabels", map(common));
        body.set("commonAnnotations", map(common(annotationSets)));
        body.put("externalURL", "http://alertmanager-main.monitoring.svc:9093");
        body.put("version", "4");
        body.put(
                "groupKey",
                "{}/" + route + ":{"
                        + groupLabels.entrySet().stream()
                                .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                                .collect(Collectors.joining(", "))
                        + "}");
        body.put("truncatedAlerts", 0);
        return body;
    }

    private static Map<String, String> common(List<Map<String, String>> sets) {
        Map<String, String> common = new TreeMap<>(sets.get(0));
        for (Map<String, String> set : sets) {
            common.entrySet().removeIf(e -> !Objects.equals(set.get(e.getKey()), e.getValue()));
        }
        return common;
    }

    private static ObjectNode map(Map<String, String> values) {
        ObjectNode node = Recording.NODES.objectNode();
        new TreeMap<>(values).forEach(node::put);
        return node;
    }

    private static String generatorUrl(String expr) {
        return "http://prometheus-k8s.monitoring.svc:9090/graph?g0.expr="
                + URLEncoder.encode(expr, StandardCharsets.UTF_8) + "&g0.tab=1";
    }

    /** Ordered label maps for readable scenario code: {@code labels("alertname", "X", "severity", "warning")}. */
    static Map<String, String> kv(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
