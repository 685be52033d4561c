package io.kubemate.webhooks.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per API client (the token's name, or the address of an unauthenticated caller): {@code perSecond}
 * requests a second on average, bursts of up to {@code burst}. A request over the limit is told how long to wait.
 * Memory is bounded: past {@link #MAX_CLIENTS} clients the buckets start over (every client gets a full bucket).
 */
final class RateLimiter {
    static final int MAX_CLIENTS = 10_000;

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanos;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(double perSecond, int burst, LongSupplier nanos) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("perSecond must be above 0 and burst at least 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanos = nanos;
    }

    /** Takes one request from {@code client}'s bucket: 0 when allowed, else the whole seconds to wait (at least 1). */
    long acquire(String client) {
        if (buckets.size() > MAX_CLIENTS) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, nanos.getAsLong()));
        synchronized (bucket) {
            long now = nanos.getAsLong();
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) / 1e9 * perSecond);
            bucket.at = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond));
        }
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }
}
