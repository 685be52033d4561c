package io.kubemate.core.alert;

import java.util.List;

/** Where received alerts are durably appended (the raw alerts topic). */
public interface AlertSink {
    /**
     * Appends every alert and returns only once all of them are durably acknowledged.
     *
     * @throws io.kubemate.core.error.UnavailableException when that did not happen within the bounded time; some
     *     of the alerts may have been stored, which is safe because the lifecycle drops re-sent states
     */
    void appendAll(List<RawAlert> alerts);
}
