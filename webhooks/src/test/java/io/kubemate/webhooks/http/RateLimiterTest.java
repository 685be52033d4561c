package io.kubemate.webhooks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicLong now = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(2, 4, now::get);

    @Test
    void aBurstIsAllowedThenTheClientWaitsForItsRate() {
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.acquire("token:ops")).as("request %d", i).isZero();
        }
        assertThat(limiter.acquire("token:ops")).isEqualTo(1);

        now.addAndGet(500_000_000L); // half a second buys one request at 2/s
        assertThat(limiter.acquire("token:ops")).isZero();
        assertThat(limiter.acquire("token:ops")).isEqualTo(1);
    }

    @Test
    void clientsHaveTheirOwnBuckets() {
        for (int i = 0; i < 4; i++) {
            limiter.acquire("token:ops");
        }
        assertThat(limiter.acquire("token:ops")).isPositive();
        assertThat(limiter.acquire("token:grafana")).isZero();
    }

    @Test
    void anIdleClientNeverSavesMoreThanItsBurst() {
        now.addAndGet(3_600_000_000_000L);
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.acquire("ip:10.0.0.1")).isZero();
        }
        assertThat(limiter.acquire("ip:10.0.0.1")).isPositive();
    }
}
