package io.kubemate.slack.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemate.core.alert.AlertStatus;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.Severity;
import io.kubemate.core.redact.Redactor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChannelRouterTest {
    private static final Instant T0 = Instant.parse("2026-11-26T16:41:00Z");

    private static Incident incident(String namespace, Severity severity) {
        var alert = new IncidentAlert(
                "f1", AlertStatus.FIRING, Map.of("alertname", "X", "team", "pay"), Map.of(), T0, null, null, 0, T0);
        return new Incident(
                new IncidentId("inc-0000000000000001"),
                1,
                IncidentStatus.OPEN,
                "t",
                severity,
                Map.of("namespace", namespace),
                "",
                List.of("payments"),
                1,
                1,
                T0,
                T0,
                null,
                List.of(alert),
                List.of(),
                0);
    }

    @Test
    void theFirstMatchingRuleWinsOverScopeAlertLabelsAndSeverityElseTheDefault() {
        var router = new ChannelRouter(
                ChannelRule.parse("namespace=payments:#payments; severity=critical:#oncall ;team=pay:#team-pay"),
                "#incidents");

        assertThat(router.channel(incident("payments", Severity.CRITICAL))).contains("#payments");
        assertThat(router.channel(incident("shop", Severity.CRITICAL))).contains("#oncall");
        assertThat(router.channel(incident("shop", Severity.WARNING))).contains("#team-pay");
        assertThat(new ChannelRouter(List.of(), "").channel(incident("shop", Severity.WARNING)))
                .isEqualTo(Optional.empty());
        assertThat(new ChannelRouter(List.of(), "C0123").channel(incident("shop", Severity.WARNING)))
                .contains("C0123");
    }

    @Test
    void malformedRulesNameTheSettingAndTheRule() {
        assertThat(ChannelRule.parse("  ")).isEmpty();
        for (String bad : List.of("namespace:#x", "=x:#y", "namespace=x", "namespace=x:")) {
            assertThatThrownBy(() -> ChannelRule.parse(bad))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(bad.strip());
        }
    }

    @Test
    void telemetryTextIsRedactedAndEscapedButKubematesOwnLinksAreLinks() {
        var mrkdwn = new Mrkdwn(new Redactor());
        assertThat(mrkdwn.text("<!here> <@U123> a & b <https://x|y> token=abc123"))
                .isEqualTo("&lt;!here&gt; &lt;@U123&gt; a &amp; b &lt;https://x|y&gt; token=[REDACTED:token]");
        assertThat(Mrkdwn.link("http://k/#/incidents/inc-1?a=b|c>d", "<b>"))
                .isEqualTo("<http://k/#/incidents/inc-1?a=b%7Cc%3Ed|&lt;b&gt;>");
        assertThat(mrkdwn.plain("x".repeat(200), 150)).hasSize(150).endsWith("…");
    }
}
