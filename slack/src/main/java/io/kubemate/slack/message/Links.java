package io.kubemate.slack.message;

import io.kubemate.core.incident.Incident;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Where a message links to: Kubemate's page, Alertmanager, and (when configured) Grafana, Loki and Jaeger. */
public record Links(String publicUrl, String alertmanagerUrl, String grafanaUrl, String lokiUrl, String jaegerUrl) {
    public Links {
        publicUrl = publicUrl == null ? "" : publicUrl;
        alertmanagerUrl = alertmanagerUrl == null ? "" : alertmanagerUrl;
        grafanaUrl = grafanaUrl == null ? "" : grafanaUrl;
        lokiUrl = lokiUrl == null ? "" : lokiUrl;
        jaegerUrl = jaegerUrl == null ? "" : jaegerUrl;
    }

    /** The incident's detail on Kubemate's page. */
    public String page(String incidentId) {
        return publicUrl + "/#/incidents/" + incidentId;
    }

    /** The mrkdwn links line of {@code incident}: page, Alertmanager, Grafana, Loki, Jaeger, those configured. */
    String line(Incident incident) {
        List<String> links = new ArrayList<>();
        if (!publicUrl.isBlank()) {
            links.add(Mrkdwn.link(page(incident.id().value()), "Kubemate"));
        }
        if (!alertmanagerUrl.isBlank()) {
            links.add(Mrkdwn.link(
                    alertmanagerUrl + "/#/alerts?filter=" + encode(matcher(incident.scope())), "Alertmanager"));
        }
        long from = incident.openedAt().minusSeconds(900).toEpochMilli();
        long to = (incident.resolvedAt() == null ? incident.updatedAt() : incident.resolvedAt())
                .plusSeconds(300)
                .toEpochMilli();
        if (!grafanaUrl.isBlank()) {
            links.add(Mrkdwn.link(grafanaUrl + "/explore?from=" + from + "&to=" + to, "Grafana"));
        }
        String services = String.join("|", incident.services());
        if (!lokiUrl.isBlank() && !services.isEmpty()) {
            String query = "{service=~\"" + services + "\"}";
            links.add(Mrkdwn.link(
                    lokiUrl + "/loki/api/v1/query_range?query=" + encode(query) + "&start=" + from * 1_000_000 + "&end="
                            + to * 1_000_000,
                    "Loki"));
        }
        if (!jaegerUrl.isBlank() && !incident.services().isEmpty()) {
            links.add(Mrkdwn.link(
                    jaegerUrl + "/search?service=" + encode(incident.services().get(0)) + "&start=" + from * 1000
                            + "&end=" + to * 1000,
                    "Jaeger"));
        }
        return String.join(" · ", links);
    }

    private static String matcher(Map<String, String> labels) {
        return labels.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=\"" + e.getValue().replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
