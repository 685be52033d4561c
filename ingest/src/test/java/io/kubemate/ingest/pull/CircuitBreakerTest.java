package io.kubemate.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.ingest.pull.CircuitBreaker.State;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T17:00:00Z"));
    private final CircuitBreaker breaker =
            new CircuitBreaker("loki", 3, Duration.ofSeconds(10), Duration.ofSeconds(35), clock);

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertThat(breaker.tryAcquire()).isTrue();
            breaker.onFailure();
        }
    }

    @Test
    void staysClosedBelowTheThresholdAndASuccessResetsTheCount() {
        fail(2);
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onSuccess();
        fail(2);

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void opensAtTheThresholdAndSkipsUntilTheBackoffHasPassed() {
        fail(3);

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(breaker.describe()).contains("3 consecutive failures", "next try in 10 s");
        clock.advance(Duration.ofSeconds(9));
        assertThat(breaker.tryAcquire()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void letsOneTrialThroughAtATime() {
        fail(3);
        clock.advance(Duration.ofSeconds(10));

        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).isFalse();
        breaker.onAbandon();
        assertThat(breaker.tryAcquire()).as("an abandoned trial frees the slot").isTrue();
    }

    @Test
    void aFailedTrialDoublesTheBackoffUpToTheMaximum() {
        fail(3);
        clock.advance(Duration.ofSeconds(10));
        fail(1);
        assertThat(breaker.describe()).contains("next try in 20 s");

        clock.advance(Duration.ofSeconds(20));
        fail(1);
        assertThat(breaker.describe()).as("40 s capped at 35 s").contains("next try in 35 s");
    }

    @Test
    void aSuccessfulTrialClosesItAndForgetsTheBackoff() {
        fail(3);
        clock.advance(Duration.ofSeconds(10));
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onSuccess();

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        fail(3);
        assertThat(breaker.describe()).contains("next try in 10 s");
    }
}
