package io.kubemate.app.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.error.KubemateException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the incident API: {@code GET /api/v1/incidents} (all pages) and {@code GET /api/v1/incidents/{id}}. */
final class IncidentApi {
    private static final int PAGE = 200;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** One row of the list. */
    record Listed(String id, long version, Instant updatedAt) {}

    /**
     * The parts of one incident a replay scores.
     *
     * @param origins {@code probableOrigin[].service}, most likely first
     * @param hasOriginField whether the API returned {@code probableOrigin} at all
     */
    record Detail(String id, long version, List<String> fingerprints, List<String> origins, boolean hasOriginField) {}

    private final HttpClient client;
    private final String base;
    private final Optional<String> token;
    private final ObjectMapper json;

    IncidentApi(HttpClient client, URI base, Optional<String> token, ObjectMapper json) {
        this.client = client;
        this.base = base.toString().replaceAll("/+$", "");
        this.token = token;
        this.json = json;
    }

    /** Every incident, following {@code nextCursor}. */
    List<Listed> list() throws IOException, InterruptedException {
        List<Listed> all = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/api/v1/incidents?limit=" + PAGE
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = get(path);
            for (JsonNode item : page.path("items")) {
                String updated = item.path("updatedAt").asText("");
                all.add(new Listed(
                        item.path("id").asText(),
                        item.path("version").asLong(),
                        updated.isEmpty() ? Instant.EPOCH : Instant.parse(updated)));
            }
            JsonNode next = page.get("nextCursor");
            cursor = next == null || next.isNull() || next.asText().isEmpty() ? null : next.asText();
        } while (cursor != null);
        return all;
    }

    Detail detail(String id) throws IOException, InterruptedException {
        JsonNode incident = get("/api/v1/incidents/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        List<String> fingerprints = new ArrayList<>();
        incident.path("alerts")
                .forEach(alert -> fingerprints.add(alert.path("fingerprint").asText()));
        List<String> origins = new ArrayList<>();
        JsonNode probable = incident.get("probableOrigin");
        if (probable != null) {
            probable.forEach(origin -> origins.add(origin.path("service").asText()));
        }
        return new Detail(
                id, incident.path("version").asLong(), fingerprints, origins, probable != null && probable.isArray());
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new KubemateException("GET " + path + " answered HTTP " + response.statusCode() + ": "
                    + response.body().lines().findFirst().orElse(""));
        }
        return json.readTree(response.body());
    }
}
