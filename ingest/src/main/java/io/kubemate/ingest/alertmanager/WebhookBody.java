package io.kubemate.ingest.alertmanager;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Alertmanager's webhook body as sent (version 4). Only the fields Kubemate reads are declared; the others
 * ({@code status}, {@code groupLabels}, {@code commonLabels}, {@code externalURL}, {@code truncatedAlerts}, and
 * whatever newer versions add) are ignored, so they can never cause a rejection.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record WebhookBody(String version, String receiver, String groupKey, List<AlertBody> alerts) {}
