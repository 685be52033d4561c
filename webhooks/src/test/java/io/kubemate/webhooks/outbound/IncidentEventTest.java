package io.kubemate.webhooks.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.Severity;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which event a snapshot means for a route, given what the route was last told. */
class IncidentEventTest {
    private static DeliveredState told(Incident incident) {
        return new DeliveredState(
                "r",
                Incidents.ID,
                incident.version(),
                incident.status(),
                IncidentEvent.signature(incident),
                true,
                Deliverers.NOW);
    }

    @Test
    void anOpenIncidentNeverToldIsTriggered() {
        assertThat(IncidentEvent.next(null, Incidents.open(1))).contains(IncidentEvent.TRIGGERED);
    }

    @Test
    void theSameOrAnOlderVersionIsNothingNew() {
        DeliveredState last = told(Incidents.open(5));
        assertThat(IncidentEvent.next(last, Incidents.open(5))).isEmpty();
        assertThat(IncidentEvent.next(last, Incidents.incident(4, IncidentStatus.RESOLVED, Severity.CRITICAL, 4)))
                .isEmpty();
    }

    @Test
    void onlyAMaterialChangeOfAnOpenIncidentIsAnUpdate() {
        DeliveredState last = told(Incidents.open(1));
        assertThat(IncidentEvent.next(last, Incidents.open(2)))
                .as("nothing material")
                .isEmpty();
        assertThat(IncidentEvent.next(last, Incidents.incident(2, IncidentStatus.OPEN, Severity.CRITICAL, 5)))
                .contains(IncidentEvent.UPDATED);
        assertThat(IncidentEvent.next(last, Incidents.incident(2, IncidentStatus.OPEN, Severity.WARNING, 4)))
                .contains(IncidentEvent.UPDATED);
    }

    @Test
    void acknowledgeResolveAndReopenFollowTheStatus() {
        Incident acked = Incidents.incident(2, IncidentStatus.ACKNOWLEDGED, Severity.CRITICAL, 4);
        Incident resolved = Incidents.incident(3, IncidentStatus.RESOLVED, Severity.CRITICAL, 4);
        assertThat(IncidentEvent.next(told(Incidents.open(1)), acked)).contains(IncidentEvent.ACKNOWLEDGED);
        assertThat(IncidentEvent.next(told(acked), resolved)).contains(IncidentEvent.RESOLVED);
        assertThat(IncidentEvent.next(told(resolved), Incidents.open(4))).contains(IncidentEvent.TRIGGERED);
        assertThat(IncidentEvent.next(told(resolved), Incidents.incident(5, IncidentStatus.RESOLVED, Severity.INFO, 1)))
                .isEmpty();
    }

    @Test
    void aResolutionOfAnIncidentNeverToldIsNotSent() {
        assertThat(IncidentEvent.next(null, Incidents.incident(3, IncidentStatus.RESOLVED, Severity.CRITICAL, 4)))
                .isEqualTo(Optional.empty());
    }
}
