package io.kubemate.slack.interact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.error.UnavailableException;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates Alertmanager silences through its API ({@code POST /api/v2/silences}): one per distinct label set of the
 * incident's alerts (every label an equality matcher, so exactly those alerts are muted), at most {@link #MAX_SILENCES}.
 */
public final class AlertmanagerSilences {
    static final int MAX_SILENCES = 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String baseUrl;
    private final HttpClient http;
    private final ObjectMapper mapper;
    private final Clock clock;

    public AlertmanagerSilences(String baseUrl, ObjectMapper mapper, Clock clock) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * Silences the alerts of {@code incident} for {@code duration}; returns the silence ids.
     *
     * @throws UnavailableException when Alertmanager did not take one
     */
    public List<String> silence(Incident incident, Duration duration, String createdBy) {
        Set<Map<String, String>> labelSets = new LinkedHashSet<>();
        for (IncidentAlert alert : incident.alerts()) {
            if (!alert.labels().isEmpty()) {
                labelSets.add(alert.labels());
            }
        }
        if (labelSets.isEmpty()) {
            throw new IllegalStateException("incident " + incident.id() + " has no alerts with labels to silence");
        }
        Instant now = clock.instant();
        List<String> ids = new ArrayList<>();
        for (Map<String, String> labels : labelSets.stream().limit(MAX_SILENCES).toList()) {
            ids.add(create(
                    labels,
                    now,
                    now.plus(duration),
                    createdBy,
                    "Kubemate incident " + incident.id() + ": " + incident.title()));
        }
        return ids;
    }

    private String create(Map<String, String> labels, Instant start, Instant end, String createdBy, String comment) {
        List<Map<String, Object>> matchers = new ArrayList<>();
        labels.forEach((name, value) -> {
            Map<String, Object> matcher = new LinkedHashMap<>();
            matcher.put("name", name);
            matcher.put("value", value);
            matcher.put("isRegex", false);
            matcher.put("isEqual", true);
            matchers.add(matcher);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("matchers", matchers);
        body.put("startsAt", start.toString());
        body.put("endsAt", end.toString());
        body.put("createdBy", createdBy);
        body.put("comment", comment);
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v2/silences"))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new UnavailableException(
                        "Alertmanager answered " + response.statusCode() + " creating a silence", Duration.ZERO, null);
            }
            JsonNode answer = mapper.readTree(response.body());
            return answer.path("silenceID").asText("");
        } catch (IOException e) {
            throw new UnavailableException("Alertmanager unreachable: " + e.getMessage(), Duration.ZERO, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted creating a silence", Duration.ZERO, e);
        }
    }
}
