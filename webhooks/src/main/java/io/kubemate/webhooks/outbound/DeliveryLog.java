package io.kubemate.webhooks.outbound;

import java.util.List;

/** The attempts to deliver an incident's events, oldest first, as far as this instance knows them. */
public interface DeliveryLog {
    /** No outgoing webhooks: every log is empty. */
    DeliveryLog NONE = incidentId -> List.of();

    List<DeliveryAttempt> attempts(String incidentId);
}
