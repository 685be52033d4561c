package io.kubemate.webhooks.outbound;

import java.util.Optional;

/** Links back to Kubemate from what is sent out; none when {@code KUBEMATE_PUBLIC_URL} is not set. */
record IncidentLinks(Optional<String> publicUrl) {
    IncidentLinks {
        publicUrl = publicUrl
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                .filter(url -> !url.isBlank());
    }

    /** The incident on the web page. */
    Optional<String> page(String incidentId) {
        return publicUrl.map(url -> url + "/#/incidents/" + incidentId);
    }

    /** The incident in the API. */
    Optional<String> api(String incidentId) {
        return publicUrl.map(url -> url + "/api/v1/incidents/" + incidentId);
    }
}
