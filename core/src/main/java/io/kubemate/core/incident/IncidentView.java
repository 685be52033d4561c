package io.kubemate.core.incident;

import java.time.Duration;
import java.util.Optional;

/**
 * The read side of incidents: what the API, the page and notifiers read. Implementations rebuild it from the
 * compacted incidents topic, so every instance of a scaled-out deployment serves the whole view.
 */
public interface IncidentView {
    /** The latest known snapshot of an incident. */
    Optional<Incident> find(IncidentId id);

    /** A page of incidents, most recently updated first. */
    IncidentPage list(IncidentQuery query);

    /**
     * Waits until the view holds a snapshot of {@code id} with a version above {@code afterVersion}, for at most
     * {@code timeout}. Returns it, or empty when none arrived in time.
     */
    Optional<Incident> awaitNewer(IncidentId id, long afterVersion, Duration timeout) throws InterruptedException;

    /** Whether the view has read the incidents topic up to its end at least once since start. */
    boolean isCaughtUp();
}
