package io.kubemate.streams.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemate.core.evidence.ServiceEdge;
import io.kubemate.core.topic.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class KafkaServiceGraphViewTest {
    private static final String TOPIC = "kubemate.service-graph";
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final JsonSerde<ServiceEdge> SERDE = new JsonSerde<>(ServiceEdge.class);

    private final KafkaServiceGraphView view = new KafkaServiceGraphView("localhost:1", TOPIC, Map.of());

    private static ServiceEdge edge(String caller, String callee, long requests) {
        return new ServiceEdge(caller, callee, T0.minusSeconds(300), T0, requests, 0, requests / 300.0, 0, 12.5, T0);
    }

    private void put(ServiceEdge edge) {
        view.apply(new ConsumerRecord<>(TOPIC, 0, 0, edge.key(), SERDE.serialize(TOPIC, edge)));
    }

    private void delete(String key) {
        view.apply(new ConsumerRecord<>(TOPIC, 0, 0, key, null));
    }

    @Test
    void holdsTheLatestEdgePerKeyOrderedByCallerThenCallee() {
        // when
        put(edge("payments", "postgresql", 5));
        put(edge("checkout", "payments", 1));
        put(edge("checkout-v2", "cart", 1));
        put(edge("checkout", "cart", 1));
        put(edge("checkout", "payments", 7));

        // then
        assertThat(view.edges())
                .extracting(ServiceEdge::key)
                .containsExactly("checkout->cart", "checkout->payments", "checkout-v2->cart", "payments->postgresql");
        assertThat(view.edges().get(1).requests()).isEqualTo(7);
    }

    @Test
    void aTombstoneRemovesItsEdge() {
        // given
        put(edge("checkout", "payments", 1));
        put(edge("payments", "postgresql", 1));

        // when
        delete("checkout->payments");
        delete("never->seen");

        // then
        assertThat(view.edges()).extracting(ServiceEdge::key).containsExactly("payments->postgresql");
    }

    @Test
    void aRecordThatDoesNotDecodeIsRefusedAndChangesNothing() {
        put(edge("checkout", "payments", 1));

        assertThatThrownBy(() -> view.apply(new ConsumerRecord<>(
                        TOPIC, 0, 1, "checkout->payments", "{not json".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(SerializationException.class);
        assertThat(view.edges()).singleElement().satisfies(e -> assertThat(e.requests())
                .isEqualTo(1));
    }

    @Test
    void doesNoIoUntilStartedAndClosesWhenNeverStarted() {
        assertThat(view.isCaughtUp()).isFalse();
        assertThat(view.edges()).isEmpty();
        view.close();
    }
}
