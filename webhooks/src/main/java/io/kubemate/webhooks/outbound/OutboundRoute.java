package io.kubemate.webhooks.outbound;

import io.kubemate.core.incident.Incident;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One destination of outgoing webhooks.
 *
 * @param name a unique name (letters, digits, {@code .-_}), used in the delivery log and the delivery state keys
 * @param kind PagerDuty Events API v2 or a generic signed JSON webhook
 * @param url for PagerDuty the API's base URL (events are posted to {@code {url}/v2/enqueue}); for a webhook the URL
 *     posted to. http or https.
 * @param secret the PagerDuty routing (integration) key, or the webhook's HMAC secret; never logged
 * @param matchers label to accepted values; an incident is sent when every matcher matches (none: every incident).
 *     Matched against the incident's scope labels, {@code severity} and {@code service} (any of its services).
 */
public record OutboundRoute(String name, Kind kind, URI url, String secret, Map<String, List<String>> matchers) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Where a route sends. */
    public enum Kind {
        PAGERDUTY,
        WEBHOOK;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public OutboundRoute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1 to 64 letters, digits, '.', '-' or '_'");
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("url must be an absolute http or https URL");
        }
        if (secret.isBlank()) {
            throw new IllegalArgumentException(
                    kind == Kind.PAGERDUTY ? "routingKey must not be empty" : "secret must not be empty");
        }
        Map<String, List<String>> copy = new TreeMap<>();
        (matchers == null ? Map.<String, List<String>>of() : matchers).forEach((k, v) -> copy.put(k, List.copyOf(v)));
        matchers = java.util.Collections.unmodifiableMap(copy);
    }

    /** Whether {@code incident} is sent on this route. */
    public boolean matches(Incident incident) {
        for (Map.Entry<String, List<String>> matcher : matchers.entrySet()) {
            List<String> accepted = matcher.getValue();
            boolean ok =
                    switch (matcher.getKey()) {
                        case "severity" -> accepted.contains(incident.severity().wireName());
                        case "service" -> incident.services().stream().anyMatch(accepted::contains);
                        default -> accepted.contains(incident.scope().get(matcher.getKey()));
                    };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The route without its secret, for logs and errors. */
    @Override
    public String toString() {
        return "OutboundRoute[" + name + ", " + kind.wireName() + ", " + url + ", matchers=" + matchers + "]";
    }
}
