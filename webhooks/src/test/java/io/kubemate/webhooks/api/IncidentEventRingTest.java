package io.kubemate.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IncidentEventRingTest {
    private static final long BASE = 1_000;

    private final IncidentEventRing ring = new IncidentEventRing(3, BASE);

    @Test
    void idsIncreaseByOneFromAboveTheBase() {
        assertThat(ring.lastId()).isEqualTo(BASE);

        assertThat(ring.append("a")).isEqualTo(BASE + 1);
        assertThat(ring.append("b")).isEqualTo(BASE + 2);
        assertThat(ring.lastId()).isEqualTo(BASE + 2);
    }

    @Test
    void aReaderGetsEverythingAfterItsPositionOldestFirst() {
        ring.append("a");
        ring.append("b");
        ring.append("c");

        IncidentEventRing.Replay fromStart = ring.after(BASE);
        IncidentEventRing.Replay fromMiddle = ring.after(BASE + 2);
        IncidentEventRing.Replay upToDate = ring.after(BASE + 3);

        assertThat(fromStart.complete()).isTrue();
        assertThat(fromStart.events()).extracting(IncidentEventRing.Event::data).containsExactly("a", "b", "c");
        assertThat(fromMiddle.events())
                .extracting(IncidentEventRing.Event::id, IncidentEventRing.Event::data)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(BASE + 3, "c"));
        assertThat(upToDate.complete()).isTrue();
        assertThat(upToDate.events()).isEmpty();
    }

    @Test
    void aPositionOverwrittenByNewerEventsIsLost() {
        for (String data : new String[] {"a", "b", "c", "d"}) {
            ring.append(data);
        }

        assertThat(ring.after(BASE).complete()).isFalse();
        assertThat(ring.after(BASE + 1).events())
                .extracting(IncidentEventRing.Event::data)
                .containsExactly("b", "c", "d");
    }

    @Test
    void positionsThisRingNeverIssuedAreLost() {
        ring.append("a");

        assertThat(ring.after(BASE - 1)).isEqualTo(IncidentEventRing.Replay.LOST);
        assertThat(ring.after(BASE + 2)).isEqualTo(IncidentEventRing.Replay.LOST);
        assertThat(ring.after(0).complete()).isFalse();
    }

    @Test
    void awaitReturnsAsSoonAsSomethingNewerArrives() throws Exception {
        var waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return ring.awaitAfter(BASE, Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        ring.append("a");

        assertThat(waiting.get(5, TimeUnit.SECONDS).events())
                .extracting(IncidentEventRing.Event::data)
                .containsExactly("a");
    }

    @Test
    void awaitTimesOutEmptyAndCloseWakesEveryReader() throws Exception {
        assertThat(ring.awaitAfter(BASE, Duration.ofMillis(20)).events()).isEmpty();
        var waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return ring.awaitAfter(BASE, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        ring.close();

        assertThat(waiting.get(5, TimeUnit.SECONDS).events()).isEmpty();
        assertThat(ring.isClosed()).isTrue();
    }

    @Test
    void lastEventIdHeadersThatAreNotOurNumbersMeanStartOver() {
        assertThat(IncidentStream.lastEventId("1764000000000001")).contains(1_764_000_000_000_001L);
        assertThat(IncidentStream.lastEventId(null)).isEmpty();
        assertThat(IncidentStream.lastEventId("abc")).isEmpty();
        assertThat(IncidentStream.lastEventId("99999999999999999999999")).isEmpty();
    }

    @Test
    void anEventIsFramedWithIdNameAndOneDataLine() {
        assertThat(IncidentStream.frame(7, "incident", "{\"id\":\"x\"}"))
                .isEqualTo("id: 7\nevent: incident\ndata: {\"id\":\"x\"}\n\n");
        assertThatThrownBy(() -> IncidentStream.frame(7, "incident", "a\ndata: injected"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
