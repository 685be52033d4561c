package io.kubemate.webhooks.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code KUBEMATE_OUTBOUND_ROUTES}: inline JSON or a file, errors that name the route and field, matchers. */
class OutboundRoutesTest {
    @TempDir
    Path dir;

    @Test
    void readsInlineRoutesWithDefaultsAndMatchers() {
        List<OutboundRoute> routes = OutboundRoutes.parse(
                "[{\"name\":\"pd\",\"kind\":\"pagerduty\",\"routingKey\":\"KEY\",\"match\":\"severity=critical|error,namespace=payments\"},"
                        + "{\"name\":\"audit\",\"kind\":\"webhook\",\"url\":\"http://127.0.0.1:9/x\",\"secret\":\"s\"}]");

        assertThat(routes).hasSize(2);
        assertThat(routes.get(0).url()).isEqualTo(OutboundRoutes.PAGERDUTY_EVENTS);
        assertThat(routes.get(0).matchers()).containsEntry("severity", List.of("critical", "error"));
        assertThat(routes.get(0).matches(Incidents.open(1))).isTrue();
        assertThat(routes.get(0).matches(Incidents.incident(1, IncidentStatus.OPEN, Severity.WARNING, 1)))
                .isFalse();
        assertThat(routes.get(1).matches(Incidents.open(1))).isTrue();
        assertThat(routes.get(0).toString()).doesNotContain("KEY");
    }

    @Test
    void readsRoutesFromAFile() throws Exception {
        Path file = dir.resolve("routes.json");
        Files.writeString(
                file,
                "[{\"name\":\"a\",\"kind\":\"webhook\",\"url\":\"https://h.example/x\",\"secret\":\"s\",\"match\":\"service=ledger\"}]");

        assertThat(OutboundRoutes.parse(file.toString())).singleElement().satisfies(route -> {
            assertThat(route.kind()).isEqualTo(OutboundRoute.Kind.WEBHOOK);
            assertThat(route.matches(Incidents.open(1))).isTrue();
        });
        assertThat(OutboundRoutes.parse("  ")).isEmpty();
    }

    @Test
    void problemsNameTheRouteAndFieldButNeverTheSecret() {
        assertThatThrownBy(
                        () -> OutboundRoutes.parse("[{\"name\":\"a\",\"kind\":\"webhook\",\"url\":\"https://h/x\"}]"))
                .hasMessageContaining("route 0")
                .hasMessageContaining("secret");
        assertThatThrownBy(() -> OutboundRoutes.parse("[{\"name\":\"a\",\"kind\":\"slack\",\"secret\":\"s\"}]"))
                .hasMessageContaining("kind");
        assertThatThrownBy(() -> OutboundRoutes.parse(
                        "[{\"name\":\"a\",\"kind\":\"webhook\",\"url\":\"ftp://h/x\",\"secret\":\"TOPSECRET\"}]"))
                .hasMessageContaining("url")
                .hasMessageNotContaining("TOPSECRET");
        assertThatThrownBy(
                        () -> OutboundRoutes.parse(
                                "[{\"name\":\"a\",\"kind\":\"webhook\",\"url\":\"https://h/x\",\"secret\":\"TOPSECRET\",\"match\":\"nolabel\"}]"))
                .hasMessageContaining("match");
        assertThatThrownBy(() -> OutboundRoutes.parse("[{\"secret\":\"TOPSECRET\" oops"))
                .hasMessageContaining("not JSON")
                .hasMessageNotContaining("TOPSECRET");
        String twice = "{\"name\":\"a\",\"kind\":\"webhook\",\"url\":\"https://h/x\",\"secret\":\"s\"}";
        assertThatThrownBy(() -> OutboundRoutes.parse("[" + twice + "," + twice + "]"))
                .hasMessageContaining("used twice");
        assertThatThrownBy(
                        () -> OutboundRoutes.parse(dir.resolve("missing.json").toString()))
                .hasMessageContaining("cannot read");
    }
}
