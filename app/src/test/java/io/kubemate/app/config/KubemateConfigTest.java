package io.kubemate.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubemateConfigTest {
    @TempDir
    Path dir;

    @Test
    void usesTheDefaultsOfTheSettingsTable() {
        KubemateConfig config = KubemateConfig.load(Map.of());

        assertThat(config.integer(Setting.HTTP_PORT)).isEqualTo(8080);
        assertThat(config.duration(Setting.CORRELATION_WINDOW)).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.list(Setting.GROUP_BY)).containsExactly("cluster", "namespace");
        assertThat(config.size(Setting.MAX_BODY_BYTES)).isEqualTo(1024 * 1024);
        assertThat(config.optionalString(Setting.KAFKA_BOOTSTRAP)).isEmpty();
        assertThat(config.path(Setting.DATA_DIR)).contains(Path.of("./data"));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        Map<String, String> env = Map.of(
                "KUBEMATE_HTTP_PORT", "eighty",
                "KUBEMATE_CORRELATION_WINDOW", "ten minutes",
                "KUBEMATE_MAX_BODY_BYTES", "1 lorry");

        assertThatThrownBy(() -> KubemateConfig.load(env))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .hasSize(3)
                        .anySatisfy(p -> assertThat(p).startsWith("KUBEMATE_HTTP_PORT"))
                        .anySatisfy(p -> assertThat(p).startsWith("KUBEMATE_CORRELATION_WINDOW"))
                        .anySatisfy(p -> assertThat(p).startsWith("KUBEMATE_MAX_BODY_BYTES")));
    }

    @Test
    void rejectsValuesOutOfRange() {
        assertThatThrownBy(
                        () -> KubemateConfig.load(Map.of("KUBEMATE_TOPIC_PARTITIONS", "0", "KUBEMATE_GROUP_BY", " ")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("KUBEMATE_TOPIC_PARTITIONS")
                .hasMessageContaining("KUBEMATE_GROUP_BY");
    }

    @Test
    void rejectsBadOutgoingWebhookRoutesWithoutQuotingTheirSecrets() {
        assertThatThrownBy(() -> KubemateConfig.load(Map.of(
                        "KUBEMATE_OUTBOUND_ROUTES",
                        "[{\"name\":\"pd\",\"kind\":\"pagerduty\",\"routingKey\":\"PLANTED-KEY\",\"match\":\"x\"}]",
                        "KUBEMATE_OUTBOUND_MAX_ATTEMPTS",
                        "0",
                        "KUBEMATE_PUBLIC_URL",
                        "kubemate.example.com")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("KUBEMATE_OUTBOUND_ROUTES: route 0: match")
                .hasMessageContaining("KUBEMATE_OUTBOUND_MAX_ATTEMPTS")
                .hasMessageContaining("KUBEMATE_PUBLIC_URL")
                .hasMessageNotContaining("PLANTED-KEY");
        assertThat(KubemateConfig.load(Map.of()).integer(Setting.OUTBOUND_MAX_ATTEMPTS))
                .isEqualTo(8);
    }

    @Test
    void rejectsAnOtlpEncodingTheCollectorDoesNotUseAndANonPositiveRetention() {
        assertThatThrownBy(() -> KubemateConfig.load(
                        Map.of("KUBEMATE_OTLP_ENCODING", "jaeger_json", "KUBEMATE_TELEMETRY_RETENTION", "0s")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("KUBEMATE_OTLP_ENCODING: must be otlp_proto or otlp_json")
                .hasMessageContaining("KUBEMATE_TELEMETRY_RETENTION");
    }

    @Test
    void rejectsMalformedSlackRoutesNamingTheRule() {
        assertThatThrownBy(() -> KubemateConfig.load(Map.of("KUBEMATE_SLACK_ROUTES", "namespace=payments:#p;severity")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("KUBEMATE_SLACK_ROUTES")
                .hasMessageContaining("'severity'");
        assertThatThrownBy(() -> KubemateConfig.load(Map.of("KUBEMATE_SLACK_BOT_TOKEN", "xoxb-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("KUBEMATE_SLACK_CHANNEL");
        assertThat(KubemateConfig.load(Map.of("KUBEMATE_SLACK_BOT_TOKEN", "xoxb-1", "KUBEMATE_SLACK_CHANNEL", "#x"))
                        .string(Setting.SLACK_BOT_TOKEN))
                .isEqualTo("xoxb-1");
    }

    @Test
    void aTlsKeystoreMustBeReadableAndTheRateLimitNotNegative() {
        assertThatThrownBy(() -> KubemateConfig.load(Map.of(
                        "KUBEMATE_HTTP_TLS_KEYSTORE", "/nonexistent/kubemate.p12", "KUBEMATE_API_RATE_LIMIT", "-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("KUBEMATE_HTTP_TLS_KEYSTORE: /nonexistent/kubemate.p12 is not a readable file")
                .hasMessageContaining("KUBEMATE_API_RATE_LIMIT");
    }

    @Test
    void theNumberOfOpenIncidentStreamsIsBounded() {
        assertThat(KubemateConfig.load(Map.of()).integer(Setting.HTTP_MAX_STREAMS))
                .isEqualTo(64);
        assertThatThrownBy(() -> KubemateConfig.load(Map.of("KUBEMATE_HTTP_MAX_STREAMS", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("KUBEMATE_HTTP_MAX_STREAMS: must be from 1 to 1000");
        assertThatThrownBy(() -> KubemateConfig.load(Map.of("KUBEMATE_HTTP_MAX_STREAMS", "5000")))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void topologyLabelsMayBeEmptyToTurnTheSharedInfrastructureRuleOff() {
        KubemateConfig config = KubemateConfig.load(Map.of("KUBEMATE_TOPOLOGY_LABELS", ""));

        assertThat(config.list(Setting.TOPOLOGY_LABELS)).isEmpty();
        assertThat(KubemateConfig.load(Map.of()).list(Setting.TOPOLOGY_LABELS)).containsExactly("node");
    }

    @Test
    void rejectsAMalformedApiTokenListWithoutShowingASecret() {
        assertThatThrownBy(() -> KubemateConfig.load(
                        Map.of("KUBEMATE_API_TOKENS", "ops:read,write:fine-secret;ci:deploy:hidden-secret")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .singleElement()
                        .asString()
                        .startsWith("KUBEMATE_API_TOKENS: entry 2 ('ci')")
                        .doesNotContain("hidden-secret", "fine-secret"));
        assertThat(KubemateConfig.load(Map.of("KUBEMATE_API_TOKENS", "ops:read:a"))
                        .string(Setting.API_TOKENS))
                .isEqualTo("ops:read:a");
    }

    @Test
    void rejectsAPartitionByThatIsNotPartOfTheGroupBy() {
        assertThatThrownBy(() -> KubemateConfig.load(
                        Map.of("KUBEMATE_GROUP_BY", "namespace", "KUBEMATE_PARTITION_BY", "cluster")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .containsExactly(
                                "KUBEMATE_PARTITION_BY: [cluster] must be a subset of KUBEMATE_GROUP_BY [namespace]"));
    }

    @Test
    void rejectsEvidenceWindowsOutsideWhatTheLogTemplatesRemember() {
        assertThatThrownBy(() ->
                        KubemateConfig.load(Map.of("KUBEMATE_EVIDENCE_LEAD", "2h", "KUBEMATE_EVIDENCE_BASELINE", "0s")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .containsExactlyInAnyOrder(
                                "KUBEMATE_EVIDENCE_LEAD: must be positive and at most 1h",
                                "KUBEMATE_EVIDENCE_BASELINE: must be positive and at most 3h"));
        assertThatThrownBy(() -> KubemateConfig.load(
                        Map.of("KUBEMATE_EVIDENCE_LEAD", "1h", "KUBEMATE_EVIDENCE_BASELINE", "150m")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "KUBEMATE_EVIDENCE_BASELINE: KUBEMATE_EVIDENCE_LEAD plus baseline must be at" + " most 3h");
    }

    @Test
    void rejectsAServiceGraphWindowThatCannotBeSlicedAndAnExpiryShorterThanIt() {
        assertThatThrownBy(() -> KubemateConfig.load(Map.of("KUBEMATE_SERVICE_GRAPH_WINDOW", "1500ms")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("KUBEMATE_SERVICE_GRAPH_WINDOW: must be whole seconds from 10s to 1h");
        assertThatThrownBy(() -> KubemateConfig.load(
                        Map.of("KUBEMATE_SERVICE_GRAPH_WINDOW", "20m", "KUBEMATE_SERVICE_GRAPH_EXPIRE_AFTER", "10m")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "KUBEMATE_SERVICE_GRAPH_EXPIRE_AFTER: must not be shorter than KUBEMATE_SERVICE_GRAPH_WINDOW");
        assertThatThrownBy(() -> KubemateConfig.load(Map.of("KUBEMATE_SERVICE_GRAPH_EXPIRE_AFTER", "8d")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("KUBEMATE_SERVICE_GRAPH_EXPIRE_AFTER: must be positive and at most 7d");
    }

    @Test
    void environmentWinsOverTheFileWhichWinsOverDefaults() throws Exception {
        Path file = dir.resolve("kubemate.properties");
        Files.writeString(file, "KUBEMATE_HTTP_PORT=9000\nKUBEMATE_RESOLVE_AFTER=90s\n");

        KubemateConfig config =
                KubemateConfig.load(Map.of("KUBEMATE_CONFIG_FILE", file.toString(), "KUBEMATE_HTTP_PORT", "9100"));

        assertThat(config.integer(Setting.HTTP_PORT)).isEqualTo(9100);
        assertThat(config.duration(Setting.RESOLVE_AFTER)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void warnsAboutUnknownKubemateKeys() {
        KubemateConfig config = KubemateConfig.load(Map.of("KUBEMATE_HTTP_PROT", "1", "HOME", "/root"));

        assertThat(config.warnings())
                .containsExactly("unknown setting KUBEMATE_HTTP_PROT is ignored (see docs/configuration.md)");
    }

    @Test
    void parsesDurationsAndSizesInTheirUsualForms() {
        assertThat(SettingType.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(SettingType.parseDuration("PT10M")).isEqualTo(Duration.ofMinutes(10));
        assertThat(SettingType.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(SettingType.SIZE.parse("512KiB")).isEqualTo(512L * 1024);
        assertThat(SettingType.LIST.parse("a, b,,c")).isEqualTo(List.of("a", "b", "c"));
    }
}
