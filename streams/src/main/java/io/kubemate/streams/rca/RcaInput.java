package io.kubemate.streams.rca;

import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.incident.Incident;

/** Either an incident snapshot or an incident's evidence, keyed by incident id. */
record RcaInput(Incident incident, IncidentEvidence evidence) {
    static RcaInput of(Incident incident) {
        return new RcaInput(incident, null);
    }

    static RcaInput of(IncidentEvidence evidence) {
        return new RcaInput(null, evidence);
    }
}
