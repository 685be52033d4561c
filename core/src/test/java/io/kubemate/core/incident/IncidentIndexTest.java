package io.kubemate.core.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.alert.AlertStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IncidentIndexTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private final IncidentIndex index = new IncidentIndex();

    @Test
    void keepsTheHighestVersionOfEachIncident() {
        IncidentId id = IncidentId.derive("s", "f", 1);

        assertThat(index.upsert(incident(id, 2, T0))).isTrue();
        assertThat(index.upsert(incident(id, 1, T0.plusSeconds(5)))).isFalse();

        assertThat(index.find(id)).map(Incident::version).contains(2L);
    }

    @Test
    void joinsMembersArrivingApartFromTheSnapshot() {
        IncidentId id = IncidentId.derive("s", "f", 1);
        index.upsertMember(id, member("0000000000000002", AlertStatus.FIRING));
        index.upsert(incident(id, 1, T0));
        index.upsertMember(id, member("0000000000000001", AlertStatus.FIRING));

        index.upsertMember(id, member("0000000000000002", AlertStatus.RESOLVED));

        assertThat(index.find(id).orElseThrow().alerts())
                .extracting(IncidentAlert::fingerprint, IncidentAlert::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("0000000000000001", AlertStatus.FIRING),
                        org.assertj.core.groups.Tuple.tuple("0000000000000002", AlertStatus.RESOLVED));
        assertThat(index.list(new IncidentQuery(Optional.empty(), 10, Optional.empty()))
                        .items()
                        .get(0)
                        .alerts())
                .hasSize(2);
    }

    @Test
    void pagesNewestFirstWithStableCursors() {
        for (int i = 0; i < 5; i++) {
            index.upsert(incident(IncidentId.derive("s", "f" + i, i), 1, T0.plusSeconds(i)));
        }

        List<Instant> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            IncidentPage page = index.list(new IncidentQuery(Optional.empty(), 2, cursor));
            page.items().forEach(item -> seen.add(item.updatedAt()));
            cursor = page.nextCursor();
        } while (cursor.isPresent());

        assertThat(seen)
                .containsExactly(T0.plusSeconds(4), T0.plusSeconds(3), T0.plusSeconds(2), T0.plusSeconds(1), T0);
    }

    @Test
    void awaitNewerReturnsOnceAHigherVersionArrives() throws Exception {
        IncidentId id = IncidentId.derive("s", "f", 1);
        index.upsert(incident(id, 1, T0));
        Thread writer = new Thread(() -> index.upsert(incident(id, 2, T0.plusSeconds(1))));

        writer.start();
        Optional<Incident> newer = index.awaitNewer(id, 1, Duration.ofSeconds(10));
        writer.join();

        assertThat(newer).map(Incident::version).contains(2L);
        assertThat(index.awaitNewer(id, 2, Duration.ofMillis(50))).isEmpty();
    }

    @Test
    void listenersSeeEveryAcceptedSnapshotUntilTheyUnsubscribe() {
        IncidentId id = IncidentId.derive("s", "f", 1);
        List<Long> seen = new ArrayList<>();
        List<Boolean> visibleWhenNotified = new ArrayList<>();
        IncidentChanges.Subscription subscription = index.subscribe(incident -> {
            seen.add(incident.version());
            visibleWhenNotified.add(index.find(id).map(Incident::version).orElse(0L) == incident.version());
        });
        index.subscribe(incident -> {
            throw new IllegalStateException("a broken listener");
        });

        index.upsert(incident(id, 1, T0));
        index.upsert(incident(id, 1, T0));
        index.upsert(incident(id, 3, T0.plusSeconds(1)));
        index.upsert(incident(id, 2, T0.plusSeconds(2)));
        subscription.close();
        index.upsert(incident(id, 4, T0.plusSeconds(3)));

        assertThat(seen).containsExactly(1L, 3L);
        assertThat(visibleWhenNotified).containsOnly(true);
        assertThat(index.find(id)).map(Incident::version).contains(4L);
    }

    private static Incident incident(IncidentId id, long version, Instant updatedAt) {
        return new Incident(
                id,
                version,
                IncidentStatus.OPEN,
                "t",
                Severity.WARNING,
                Map.of("namespace", "shop"),
                "namespace=shop",
                List.of(),
                0,
                0,
                T0,
                updatedAt,
                null,
                List.of(),
                List.of(),
                0);
    }

    private static IncidentAlert member(String fingerprint, AlertStatus status) {
        return new IncidentAlert(fingerprint, status, Map.of("alertname", "A"), Map.of(), T0, null, null, 0, T0);
    }
}
