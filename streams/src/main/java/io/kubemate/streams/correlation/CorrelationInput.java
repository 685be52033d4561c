package io.kubemate.streams.correlation;

import io.kubemate.core.alert.AlertTransition;
import io.kubemate.core.incident.IncidentAction;
import io.kubemate.streams.CorrelationSettings;

/**
 * What the correlation consumes: exactly one of an alert transition or an incident action, so both travel through
 * one repartition topic and are applied in order per scope.
 */
record CorrelationInput(AlertTransition transition, IncidentAction action) {
    CorrelationInput {
        if ((transition == null) == (action == null)) {
            throw new IllegalArgumentException("exactly one of transition and action must be set");
        }
    }

    static CorrelationInput of(AlertTransition transition) {
        return new CorrelationInput(transition, null);
    }

    static CorrelationInput of(IncidentAction action) {
        return new CorrelationInput(null, action);
    }

    /**
     * The partition key: the alert's values of {@link CorrelationSettings#partitionBy()}, or the routing key the
     * action names (its incident's {@code scopeKey}).
     */
    String routingKey(CorrelationSettings settings) {
        return transition != null ? settings.routingKey(transition.alert().labels()) : action.scopeKey();
    }
}
