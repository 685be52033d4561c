package io.kubemate.webhooks.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the routes of {@code KUBEMATE_OUTBOUND_ROUTES}: a JSON array, given inline (the value starts with {@code [})
 * or as the path of a file holding it (so secrets can live in a mounted secret file rather than the environment).
 *
 * <pre>
 * [{"name": "pd-payments", "kind": "pagerduty", "routingKey": "R0UT...", "match": "severity=critical,namespace=payments"},
 *  {"name": "audit", "kind": "webhook", "url": "https://hooks.example.com/kubemate", "secret": "..."}]
 * </pre>
 *
 * {@code url} defaults to {@code https://events.pagerduty.com} for PagerDuty. {@code match} is comma-separated
 * {@code label=value} pairs, {@code |} separating alternatives ({@code severity=critical|error}).
 */
public final class OutboundRoutes {
    /** Where PagerDuty's Events API v2 lives. */
    public static final URI PAGERDUTY_EVENTS = URI.create("https://events.pagerduty.com");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("name", "kind", "url", "secret", "routingKey", "match");

    private OutboundRoutes() {}

    /**
     * The routes {@code value} describes; empty for a blank value.
     *
     * @throws IllegalArgumentException naming the route (by position) and field at fault, never quoting a secret
     */
    public static List<OutboundRoute> parse(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        String text = value.trim();
        if (!text.startsWith("[")) {
            try {
                text = Files.readString(Path.of(text));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read routes file '" + value.trim() + "': " + e);
            }
        }
        JsonNode array;
        try {
            array = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // the parser's message may quote the text (and a secret in it): only say where
            throw new IllegalArgumentException(
                    "not JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")");
        }
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("must be a JSON array of routes");
        }
        List<OutboundRoute> routes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            OutboundRoute route = route(array.get(i), i);
            if (!names.add(route.name())) {
                throw new IllegalArgumentException("route " + i + ": name '" + route.name() + "' is used twice");
            }
            routes.add(route);
        }
        return List.copyOf(routes);
    }

    private static OutboundRoute route(JsonNode node, int index) {
        String where = "route " + index + ": ";
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + "must be an object");
        }
        node.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(where + "unknown field '" + field + "'");
            }
        });
        String kindText = text(node, "kind").toUpperCase(Locale.ROOT);
        OutboundRoute.Kind kind;
        try {
            kind = OutboundRoute.Kind.valueOf(kindText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "kind must be pagerduty or webhook");
        }
        String secretField = kind == OutboundRoute.Kind.PAGERDUTY ? "routingKey" : "secret";
        String url = text(node, "url");
        if (url.isEmpty() && kind == OutboundRoute.Kind.PAGERDUTY) {
            url = PAGERDUTY_EVENTS.toString();
        }
        try {
            return new OutboundRoute(
                    text(node, "name"),
                    kind,
                    URI.create(
                            url.endsWith("/") && kind == OutboundRoute.Kind.PAGERDUTY
                                    ? url.substring(0, url.length() - 1)
                                    : url),
                    text(node, secretField),
                    matchers(text(node, "match")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText().trim();
    }

    /** {@code severity=critical|error,namespace=payments} as label to accepted values. */
    static Map<String, List<String>> matchers(String text) {
        Map<String, List<String>> matchers = new LinkedHashMap<>();
        if (text.isBlank()) {
            return matchers;
        }
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            String label = eq < 0 ? "" : pair.substring(0, eq).trim();
            List<String> values = eq < 0
                    ? List.of()
                    : Arrays.stream(pair.substring(eq + 1).split("\\|"))
                            .map(String::trim)
                            .filter(v -> !v.isEmpty())
                            .toList();
            if (label.isEmpty() || values.isEmpty()) {
                throw new IllegalArgumentException("match '" + pair.trim() + "' is not label=value[|value...]");
            }
            if (matchers.put(label, values) != null) {
                throw new IllegalArgumentException("match names '" + label + "' twice");
            }
        }
        return matchers;
    }
}
