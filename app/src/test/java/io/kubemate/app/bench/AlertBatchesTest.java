package io.kubemate.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.alert.Fingerprint;
import io.kubemate.core.alert.RawAlert;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertBatchesTest {
    private final ObjectMapper json = new ObjectMapper();
    private final AlertBatches batches = new AlertBatches("t1", 100, 5, 1000);

    @Test
    void everyAlertHasANewValidFingerprintOfItsLabels() throws Exception {
        Set<String> seen = new HashSet<>();
        for (long seq = 0; seq < 30; seq++) {
            AlertBatches.Batch batch = batches.batch(seq);
            JsonNode body = json.readTree(AlertBatches.webhookBody(batch, Instant.parse("2026-11-25T18:00:00Z")));
            assertThat(body.get("version").asText()).isEqualTo("4");
            assertThat(body.get("alerts")).hasSize(100);
            for (JsonNode alert : body.get("alerts")) {
                Map<String, String> labels = labels(alert.get("labels"));
                String fingerprint = alert.get("fingerprint").asText();
                assertThat(Fingerprint.isValid(fingerprint)).isTrue();
                assertThat(Fingerprint.of(labels).value()).isEqualTo(fingerprint);
                assertThat(seen.add(fingerprint)).as("distinct fingerprint").isTrue();
            }
        }
        assertThat(seen).hasSize(3000);
    }

    @Test
    void otherTagsNeverCollide() {
        AlertBatches other = new AlertBatches("t2", 100, 5, 1000);
        Set<String> first = new HashSet<>(batches.batch(0).fingerprints());
        assertThat(other.batch(0).fingerprints()).doesNotContainAnyElementsOf(first);
    }

    @Test
    void alertmanagerArrayAndRawRecordsCarryTheSameAlerts() throws Exception {
        AlertBatches.Batch batch = batches.batch(3);
        JsonNode array = json.readTree(AlertBatches.alertmanagerBody(batch));
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(100);
        assertThat(labels(array.get(7).get("labels"))).isEqualTo(batch.labels().get(7));
        List<RawAlert> raw = AlertBatches.rawAlerts(batch, Instant.now());
        assertThat(raw).extracting(RawAlert::fingerprint).isEqualTo(batch.fingerprints());
    }

    @Test
    void scopesRotateSoIncidentsStayBounded() {
        // 5 scopes, 1000 alerts per incident at 100 per batch: 10 batches per scope, then 5 fresh scopes
        Map<String, Integer> perScope = new HashMap<>();
        for (long seq = 0; seq < 200; seq++) {
            perScope.merge(batches.namespace(seq), 100, Integer::sum);
            assertThat(batches.batch(seq).labels().get(0).get("namespace")).isEqualTo(batches.namespace(seq));
        }
        assertThat(perScope).hasSize(20);
        assertThat(perScope.values()).containsOnly(1000);
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new HashMap<>();
        node.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }
}
