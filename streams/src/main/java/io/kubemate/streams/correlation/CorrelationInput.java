package io.kubemate.streams.correlation;

import io.kubemate.core.alert.AlertTransition;
import io.kubemate.core.incident.IncidentAction;
import io.kubemate.core.incident.Scope;
import java.util.List;

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

    /** The partition key: the scope of the alert, or the scope the action names. */
    String scopeKeyUnder(List<String> groupBy) {
        return transition != null
                ? Scope.of(groupBy, transition.alert().labels()).key()
                : action.scopeKey();
    }
}
