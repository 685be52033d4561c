package io.kubemate.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.alert.Fingerprint;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoScenarioTest {
    private final DemoScenario scenario = DemoScenario.startingAt(Instant.parse("2026-11-25T10:00:00Z"));

    @Test
    void isAnAlertStormOfAtLeastFiftyAlertsWithResendsAndResolutions() {
        assertThat(scenario.alertEntries()).isGreaterThanOrEqualTo(50);
        assertThat(scenario.finalStatus()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(scenario.finalStatus().values()).contains(true, false);
        assertThat(scenario.notifications().stream()
                        .filter(n -> n.firingCount() < n.entries().size()))
                .isNotEmpty();
    }

    @Test
    void holdsThreeIndependentProblemsInTwoNamespaces() {
        Set<String> scopes = scenario.finalStatus().keySet().stream()
                .map(l -> l.get("cluster") + "/" + l.get("namespace"))
                .collect(Collectors.toSet());
        Set<String> namespaces = scenario.finalStatus().keySet().stream()
                .map(l -> l.get("namespace"))
                .collect(Collectors.toSet());

        assertThat(scopes).hasSize(3);
        assertThat(namespaces).hasSize(2);
    }

    @Test
    void rendersAlertmanagerVersion4BodiesWithPerAlertStatusAndFingerprints() throws Exception {
        WebhookBodies bodies = new WebhookBodies();
        DemoScenario.Notification mixed = scenario.notifications().stream()
                .filter(n ->
                        n.firingCount() > 0 && n.firingCount() < n.entries().size())
                .findFirst()
                .orElseThrow();

        JsonNode body = new ObjectMapper().readTree(bodies.render(mixed, Instant.parse("2026-11-25T10:05:00Z")));

        assertThat(body.get("version").asText()).isEqualTo("4");
        assertThat(body.get("status").asText()).isEqualTo("firing");
        for (JsonNode alert : body.get("alerts")) {
            Map<String, String> labels = new ObjectMapper().convertValue(alert.get("labels"), Map.class);
            assertThat(alert.get("fingerprint").asText())
                    .isEqualTo(Fingerprint.of(labels).value());
            assertThat(alert.get("endsAt").asText())
                    .isEqualTo(
                            alert.get("status").asText().equals("firing")
                                    ? "0001-01-01T00:00:00Z"
                                    : "2026-11-25T10:05:00Z");
        }
    }
}
