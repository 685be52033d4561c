package io.kubemate.core.incident;

import java.util.function.Consumer;

/**
 * A feed of incident changes from the read view: what the live page's event stream follows. A listener sees every
 * snapshot the view accepts (a higher version of an incident), after {@link IncidentView#find} already returns it,
 * in the order the view accepted them when one thread feeds the view (as the topic reader does).
 */
public interface IncidentChanges {
    /** A feed that never reports anything. */
    IncidentChanges NONE = listener -> () -> {};

    /**
     * Calls {@code listener} with each accepted snapshot until the returned subscription is closed. The listener runs
     * on the view's thread: it must be quick and must not block; an exception it throws is swallowed (and logged by
     * the view), never breaking the view or other listeners.
     */
    Subscription subscribe(Consumer<Incident> listener);

    /** Ends a {@link #subscribe} registration; closing twice is harmless. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
