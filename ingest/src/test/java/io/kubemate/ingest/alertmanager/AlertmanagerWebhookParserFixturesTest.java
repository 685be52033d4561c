package io.kubemate.ingest.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.alert.AlertStatus;
import io.kubemate.core.alert.Fingerprint;
import io.kubemate.core.alert.RawAlert;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AlertmanagerWebhookParserFixturesTest {
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};
    private static final Instant NOW = Instant.parse("2026-11-25T17:00:00Z");
    private final AlertmanagerWebhookParser parser = new AlertmanagerWebhookParser(Clock.fixed(NOW, ZoneOffset.UTC));

    static List<String> fixtures() {
        return Fixtures.allBodies();
    }

    @Test
    void everyCapturedFixtureIsCovered() {
        assertThat(fixtures())
                .hasSize(9)
                .contains("01-firing-single.body.json", "09-prometheus-sourced-resolved.body.json");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void parsesEveryCapturedBodyKeepingAlertmanagersFingerprintsAndPerAlertStatus(String name) throws IOException {
        JsonNode expected = new ObjectMapper().readTree(Fixtures.body(name));

        List<RawAlert> alerts = parser.parse(Fixtures.body(name));

        assertThat(alerts).hasSize(expected.get("alerts").size());
        for (int i = 0; i < alerts.size(); i++) {
            JsonNode source = expected.get("alerts").get(i);
            RawAlert alert = alerts.get(i);
            assertThat(alert.fingerprint()).isEqualTo(source.get("fingerprint").asText());
            assertThat(alert.status().wireName()).isEqualTo(source.get("status").asText());
            assertThat(alert.labels()).hasSize(source.get("labels").size());
            assertThat(alert.startsAt())
                    .isEqualTo(Instant.parse(source.get("startsAt").asText()));
            assertThat(alert.receiver()).isEqualTo(expected.get("receiver").asText());
            assertThat(alert.groupKey()).isEqualTo(expected.get("groupKey").asText());
            assertThat(alert.receivedAt()).isEqualTo(NOW);
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void computedFingerprintEqualsAlertmanagersForEveryCapturedAlert(String name) throws IOException {
        JsonNode body = new ObjectMapper().readTree(Fixtures.body(name));

        for (JsonNode alert : body.get("alerts")) {
            Map<String, String> labels = new ObjectMapper().convertValue(alert.get("labels"), LABELS);
            assertThat(Fingerprint.of(labels).value())
                    .as("fingerprint of %s in %s", labels, name)
                    .isEqualTo(alert.get("fingerprint").asText());
        }
    }

    @Test
    void firingSingleHasNoEndAndWholeSecondStart() {
        RawAlert alert =
                parser.parse(Fixtures.body("01-firing-single.body.json")).get(0);

        assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.fingerprint()).isEqualTo("e9e6fe606ae55c96");
        assertThat(alert.endsAt()).isNull();
        assertThat(alert.startsAt()).isEqualTo(Instant.parse("2026-11-25T16:44:05Z"));
        assertThat(alert.labels()).containsEntry("alertname", "HighErrorRate").containsEntry("service", "checkout");
        assertThat(alert.annotations()).containsKey("summary");
        assertThat(alert.receiver()).isEqualTo("webhook-ok");
    }

    @Test
    void resolvedSingleKeepsNanosecondEnd() {
        RawAlert alert =
                parser.parse(Fixtures.body("02-resolved-single.body.json")).get(0);

        assertThat(alert.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(alert.endsAt()).isEqualTo(Instant.parse("2026-11-25T16:44:18.957957632Z"));
        assertThat(alert.endsAt().getNano()).isEqualTo(957_957_632);
    }

    @Test
    void groupedBodyMixesMillisecondAndNanosecondStarts() {
        List<RawAlert> alerts = parser.parse(Fixtures.body("03-grouped-3-firing.body.json"));

        assertThat(alerts)
                .extracting(RawAlert::fingerprint)
                .containsExactly("f32ac8a4cb9eb94f", "b28ea1f92537b79c", "22fbec55e0d014ce");
        assertThat(alerts.get(0).startsAt().getNano()).isEqualTo(329_000_000);
        assertThat(alerts.get(2).startsAt().getNano()).isEqualTo(329_713_441);
    }

    @Test
    void mixedGroupDecidesStatusPerAlertNotFromTheGroup() {
        List<RawAlert> alerts = parser.parse(Fixtures.body("04-grouped-mixed-firing-resolved.body.json"));

        assertThat(alerts)
                .extracting(RawAlert::status)
                .containsExactly(AlertStatus.FIRING, AlertStatus.FIRING, AlertStatus.RESOLVED, AlertStatus.FIRING);
        assertThat(alerts.get(2).endsAt()).isEqualTo(Instant.parse("2026-11-25T16:45:00.898155715Z"));
        assertThat(alerts).filteredOn(a -> a.status() == AlertStatus.FIRING).allMatch(a -> a.endsAt() == null);
    }

    @Test
    void truncatedBodyParsesTheAlertsItCarries() {
        List<RawAlert> alerts = parser.parse(Fixtures.body("05-max-alerts-2-truncated-3.body.json"));

        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).groupKey()).isEqualTo("{}/{scenario=\"maxalerts\"}:{alertname=\"NodeDiskFilling\"}");
        assertThat(alerts.get(0).receiver()).isEqualTo("webhook-max");
    }

    @Test
    void emptyGeneratorUrlBecomesNull() {
        RawAlert alert =
                parser.parse(Fixtures.body("07-retry-probe-500.body.json")).get(0);

        assertThat(alert.generatorUrl()).isNull();
        assertThat(alert.fingerprint()).isEqualTo("c45a7e8c2a5f9f5a");
    }

    @Test
    void prometheusSourcedAlertDecodesEscapedAmpersandAndKeepsExternalLabels() {
        RawAlert firing = parser.parse(Fixtures.body("08-prometheus-sourced-firing.body.json"))
                .get(0);
        RawAlert resolved = parser.parse(Fixtures.body("09-prometheus-sourced-resolved.body.json"))
                .get(0);

        assertThat(firing.generatorUrl())
                .isEqualTo("http://vm:9090/graph?g0.expr=up%7Bjob%3D%22alertmanager%22%7D+%3D%3D+1&g0.tab=1");
        assertThat(firing.labels()).containsEntry("cluster", "lab-1");
        assertThat(firing.endsAt()).isNull();
        assertThat(resolved.fingerprint()).isEqualTo(firing.fingerprint());
        assertThat(resolved.endsAt()).isEqualTo(Instant.parse("2026-11-25T16:48:04.558Z"));
    }
}
