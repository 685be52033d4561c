package io.kubemate.streams.lifecycle;

import io.kubemate.core.alert.AlertStatus;
import io.kubemate.core.alert.RawAlert;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the lifecycle remembers of one alert: enough to tell a re-send from a change.
 *
 * @param status the last accepted status
 * @param startsAt the start of the current episode
 * @param endsAt the last accepted end, {@code null} while firing
 * @param contentHash a 64-bit hash of labels and annotations
 * @param lastResolvedAt the event time the alert was last seen resolving, {@code null} if never
 * @param flapCount how many times it re-fired within the flap window
 */
record LifecycleState(
        AlertStatus status, Instant startsAt, Instant endsAt, long contentHash, Instant lastResolvedAt, int flapCount) {

    private static final long OFFSET_64 = 0xcbf29ce484222325L;
    private static final long PRIME_64 = 0x100000001b3L;

    LifecycleState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startsAt, "startsAt");
    }

    /** Whether {@code alert} carries exactly the state already held (a re-send). */
    boolean isSameAs(RawAlert alert) {
        return status == alert.status()
                && startsAt.equals(alert.startsAt())
                && Objects.equals(endsAt, alert.endsAt())
                && contentHash == contentHash(alert);
    }

    /** FNV-1a 64 over labels and annotations (both sorted), with separators so that fields cannot run together. */
    static long contentHash(RawAlert alert) {
        long hash = OFFSET_64;
        hash = add(hash, alert.labels());
        hash = addByte(hash, 0xfe);
        return add(hash, alert.annotations());
    }

    private static long add(long hash, Map<String, String> map) {
        for (var entry : map.entrySet()) {
            hash = add(hash, entry.getKey());
            hash = add(hash, entry.getValue());
        }
        return hash;
    }

    private static long add(long hash, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = addByte(hash, b & 0xff);
        }
        return addByte(hash, 0xff);
    }

    private static long addByte(long hash, int b) {
        return (hash ^ b) * PRIME_64;
    }
}
