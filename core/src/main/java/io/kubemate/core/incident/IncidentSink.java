package io.kubemate.core.incident;

/** Where incident actions are durably submitted (the actions topic). */
public interface IncidentSink {
    /**
     * Appends an action durably.
     *
     * @throws io.kubemate.core.error.UnavailableException when it could not be stored within the bounded time
     */
    void submit(IncidentAction action);
}
