package io.kubemate.webhooks.outbound;

import io.kubemate.core.topic.JsonSerde;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Deliverers for tests: a fixed clock, a sleeper that records the waits and returns at once. */
final class Deliverers {
    static final Instant NOW = Instant.parse("2026-11-26T05:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String PUBLIC_URL = "https://kubemate.example.com";

    private Deliverers() {}

    static Deliverer deliverer(RetryPolicy policy, List<Duration> sleeps) {
        return new Deliverer(
                HttpClient.newHttpClient(),
                Duration.ofSeconds(5),
                policy,
                CLOCK,
                sleeps::add,
                () -> 0.999,
                new IncidentLinks(Optional.of(PUBLIC_URL + "/")),
                JsonSerde.newMapper());
    }
}
