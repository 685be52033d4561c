package io.kubemate.ingest.alertmanager;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** One entry of the webhook body's {@code alerts} array, as sent. Timestamps stay text so errors can name them. */
@JsonIgnoreProperties(ignoreUnknown = true)
record AlertBody(
        String status,
        Map<String, String> labels,
        Map<String, String> annotations,
        String startsAt,
        String endsAt,
        @JsonProperty("generatorURL") String generatorUrl,
        String fingerprint) {}
