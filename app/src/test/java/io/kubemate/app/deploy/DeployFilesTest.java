package io.kubemate.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.app.cli.KubemateCli;
import io.kubemate.app.config.KubemateConfig;
import io.kubemate.app.deploy.ChartRenderer.RenderException;
import io.kubemate.webhooks.alertmanager.AlertmanagerRoutes;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Everything under deploy/ (and the Dockerfile) parses and agrees with the code: settings names and values,
 * ports, probe and webhook paths, metric names, secret references. The Helm chart is rendered by
 * {@link ChartRenderer} (helm is not installed here); docker compose and kubectl apply cannot run here at all.
 */
class DeployFilesTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final Path CHART = DEPLOY.resolve("helm/kubemate");
    private static final Pattern ENV_NAME = Pattern.compile("\\bKUBEMATE_[A-Z0-9_]+\\b");
    private static final CodeFacts CODE = new CodeFacts();

    @Test
    void everyYamlAndJsonFileUnderDeployParses() throws IOException {
        List<Path> files = files(p -> !p.startsWith(CHART.resolve("templates")));
        int parsed = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                assertThat(Manifests.readAll(Files.readString(file)))
                        .as(file.toString())
                        .isNotEmpty();
                parsed++;
            } else if (name.endsWith(".json")) {
                assertThat(new ObjectMapper().readTree(file.toFile()))
                        .as(file.toString())
                        .isNotNull();
                parsed++;
            }
        }
        // the chart, its two values files, kustomize (base 5, overlays 5), compose 4, alertmanager, rules, dashboard
        assertThat(parsed).isGreaterThanOrEqualTo(20);
    }

    @Test
    void everyKubemateNameOutsideCommentsIsASetting() throws IOException {
        Map<String, Set<String>> unknown = new TreeMap<>();
        Set<String> seen = new TreeSet<>();
        List<Path> files = files(p -> true);
        files.add(ROOT.resolve("Dockerfile"));
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                if (line.strip().startsWith("#") || line.strip().startsWith("{{/*")) {
                    continue; // a commented block may name settings that other work is adding
                }
                Matcher matcher = ENV_NAME.matcher(line);
                while (matcher.find()) {
                    seen.add(matcher.group());
                    if (!CODE.settings.contains(matcher.group())) {
                        unknown.computeIfAbsent(ROOT.relativize(file).toString(), f -> new TreeSet<>())
                                .add(matcher.group());
                    }
                }
            }
        }
        assertThat(unknown)
                .as("KUBEMATE_* names not in the settings table (Setting.java)")
                .isEmpty();
        assertThat(seen).hasSizeGreaterThan(20);
    }

    @Test
    void chartRefusesToRenderWithoutAnExistingKafkaCluster() throws IOException {
        ChartRenderer chart = new ChartRenderer(CHART);
        Map<String, Object> values = chart.values();

        assertThatThrownBy(() -> chart.render(values, "kubemate", "kubemate"))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("kafka.bootstrap");
    }

    @Test
    void chartRendersWithDefaultValues() throws IOException {
        ChartRenderer chart = new ChartRenderer(CHART);
        Map<String, Object> values = chart.values();
        ChartRenderer.merge(values, Map.of("kafka", Map.of("bootstrap", "kafka:9092")));

        Map<String, String> rendered = chart.render(values, "kubemate", "kubemate");
        Manifests manifests = Manifests.of(rendered);

        assertThat(manifests.kinds())
                .containsExactlyInAnyOrder("ServiceAccount", "Service", "Deployment", "PodDisruptionBudget");
        Map<String, Object> container = manifests.workload(CODE, values);
        assertThat(Manifests.intAt(container, "ports", 0, "containerPort")).isEqualTo(CODE.defaultHttpPort());
        assertThat(Manifests.secretRefs(container))
                .as("no Secret is named by default")
                .isEmpty();
        assertThat(manifests.first("Deployment"))
                .extracting(d -> Manifests.at(d, "metadata", "name"))
                .isEqualTo("kubemate");
        assertThat(rendered.get("NOTES.txt")).contains("/webhooks/alertmanager").contains("WARNING");
    }

    @Test
    void chartRendersWithProductionValues() throws IOException {
        ChartRenderer chart = new ChartRenderer(CHART);
        Map<String, Object> values = chart.values(CHART.resolve("values-production.yaml"));

        Manifests manifests = Manifests.of(chart.render(values, "kubemate", "kubemate"));

        assertThat(manifests.kinds()).contains("HorizontalPodAutoscaler", "ServiceMonitor", "AlertmanagerConfig");
        Map<String, Object> container = manifests.workload(CODE, values);
        assertThat(Manifests.secretRefs(container))
                .containsKeys(
                        "KUBEMATE_WEBHOOK_TOKEN",
                        "KUBEMATE_API_TOKEN",
                        "KUBEMATE_MILVUS_TOKEN",
                        "KUBEMATE_MLFLOW_TOKEN");
        Map<String, Object> hpa = manifests.first("HorizontalPodAutoscaler");
        assertThat(Manifests.listAt(hpa, "spec", "metrics").stream().map(m -> Manifests.at(m, "type")))
                .containsExactly("Resource", "External");
        assertThat(Manifests.intAt(hpa, "spec", "maxReplicas"))
                .as("more instances than partitions do no work")
                .isLessThanOrEqualTo(Manifests.intAt(values, "kafka", "topicPartitions"));
        Map<String, Object> monitor = manifests.first("ServiceMonitor");
        assertThat(Manifests.at(monitor, "spec", "endpoints", 0, "path"))
                .isEqualTo("/metrics")
                .isIn(CODE.routes);
        assertThat(Manifests.at(monitor, "spec", "endpoints", 0, "port"))
                .isEqualTo(Manifests.at(manifests.first("Service"), "spec", "ports", 0, "name"));
        Map<String, Object> webhook =
                Manifests.mapAt(manifests.first("AlertmanagerConfig"), "spec", "receivers", 0, "webhookConfigs", 0);
        URI url = URI.create((String) webhook.get("url"));
        assertThat(url.getPath()).isEqualTo(AlertmanagerRoutes.PATH);
        assertThat(url.getHost()).isEqualTo("kubemate.kubemate.svc");
        assertThat(url.getPort()).isEqualTo(Manifests.intAt(values, "service", "port"));
        Map<String, Object> credentials = Manifests.mapAt(webhook, "httpConfig", "authorization", "credentials");
        assertThat(credentials.get("name") + "/" + credentials.get("key")).isIn(Manifests.declaredSecrets(values));
    }

    @Test
    void kustomizeBaseAndOverlaysSetOnlyValidSettings() throws IOException {
        Path base = DEPLOY.resolve("kustomize/base");
        Map<String, String> baseConfig = Manifests.generatedConfig(base.resolve("kustomization.yaml"));
        Map<String, Object> container = Manifests.mapAt(
                Manifests.readOne(base.resolve("deployment.yaml")), "spec", "template", "spec", "containers", 0);
        Manifests.checkProbesAndPort(container, CODE, Integer.parseInt(baseConfig.get("KUBEMATE_HTTP_PORT")));
        assertThat(Manifests.secretRefs(container).values()).allMatch(ref -> ref.startsWith("kubemate-tokens/"));
        for (String overlay : List.of("dev", "production")) {
            Path kustomization =
                    DEPLOY.resolve("kustomize/overlays").resolve(overlay).resolve("kustomization.yaml");
            for (Object resource : Manifests.listAt(Manifests.readOne(kustomization), "resources")) {
                assertThat(kustomization.resolveSibling((String) resource))
                        .as(overlay + ": " + resource)
                        .exists();
            }
            Map<String, String> config = new TreeMap<>(baseConfig);
            config.putAll(Manifests.generatedConfig(kustomization));
            Manifests.validSettings(config, CODE, overlay);
        }
    }

    @Test
    void composeFileBringsUpTheStackAroundTheImage() throws IOException {
        Path compose = DEPLOY.resolve("compose/compose.yaml");
        Map<String, Object> services = Manifests.mapAt(Manifests.readOne(compose), "services");
        assertThat(services)
                .containsKeys(
                        "kafka",
                        "etcd",
                        "minio",
                        "milvus",
                        "ollama",
                        "mlflow",
                        "loki",
                        "jaeger",
                        "prometheus",
                        "alertmanager",
                        "grafana",
                        "kubemate");
        assertThat(Manifests.at(services, "kafka", "image")).asString().startsWith("apache/kafka:");
        Map<String, Object> kubemate = Manifests.mapAt(services, "kubemate");
        Path context = compose.resolveSibling((String) Manifests.at(kubemate, "build", "context"))
                .normalize();
        assertThat(context).isEqualTo(ROOT);
        assertThat(context.resolve((String) Manifests.at(kubemate, "build", "dockerfile")))
                .exists();
        Map<String, String> env = new TreeMap<>();
        Manifests.mapAt(kubemate, "environment")
                .forEach((k, v) -> env.put(k, String.valueOf(v).replaceAll("\\$\\{[^}]*}", "from-dot-env")));
        Manifests.validSettings(env, CODE, "compose");
        assertThat(Manifests.at(kubemate, "ports", 0))
                .isEqualTo("127.0.0.1:" + env.get("KUBEMATE_HTTP_PORT") + ":" + env.get("KUBEMATE_HTTP_PORT"));
        for (Object service : services.values()) {
            for (Object mount : Manifests.listOrEmpty(service, "volumes")) {
                String source = ((String) mount).split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(compose.resolveSibling(source))
                            .as("mounted " + source)
                            .exists();
                }
            }
            for (Object port : Manifests.listOrEmpty(service, "ports")) {
                assertThat((String) port).as("published on 127.0.0.1 only").startsWith("127.0.0.1:");
            }
        }
        Map<String, Object> prometheus = Manifests.readOne(DEPLOY.resolve("compose/prometheus.yml"));
        Map<String, Object> job = Manifests.mapAt(prometheus, "scrape_configs", 0);
        assertThat(job.get("metrics_path")).isEqualTo("/metrics").isIn(CODE.routes);
        assertThat(Manifests.at(job, "static_configs", 0, "targets", 0))
                .isEqualTo("kubemate:" + env.get("KUBEMATE_HTTP_PORT"));
        Map<String, Object> webhook = alertmanagerWebhook();
        assertThat(Manifests.at(webhook, "http_config", "authorization", "credentials_file"))
                .isEqualTo(Manifests.at(services, "alertmanager", "configs", 0, "target"));
        assertThat(URI.create((String) webhook.get("url")).getPort())
                .isEqualTo(Integer.parseInt(env.get("KUBEMATE_HTTP_PORT")));
    }

    @Test
    void alertmanagerExampleSendsEveryAlertWithTheBearerToken() throws IOException {
        Map<String, Object> webhook = alertmanagerWebhook();

        assertThat(URI.create((String) webhook.get("url")).getPath()).isEqualTo(AlertmanagerRoutes.PATH);
        assertThat(webhook).containsEntry("send_resolved", true).containsEntry("max_alerts", 0);
        assertThat(Manifests.mapAt(webhook, "http_config", "authorization"))
                .containsEntry("type", "Bearer")
                .containsKey("credentials_file");
    }

    @Test
    void prometheusRulesAndDashboardUseMetricsTheCodeExposes() throws IOException {
        assertThat(CODE.metrics)
                .contains(
                        "kubemate_alerts_accepted_total",
                        "kubemate_webhook_requests_total",
                        "kubemate_http_request_duration_seconds_bucket");
        Set<String> used = new TreeSet<>();
        Map<String, Object> rules = Manifests.readOne(DEPLOY.resolve("prometheus/kubemate-rules.yml"));
        for (Object rule : Manifests.listAt(rules, "groups", 0, "rules")) {
            assertThat(Manifests.at(rule, "labels", "severity")).isIn("critical", "warning", "info");
            assertThat(Manifests.at(rule, "annotations", "summary")).isNotNull();
            used.addAll(CodeFacts.metricsIn((String) Manifests.at(rule, "expr")));
        }
        assertThat(used).as("rules").isNotEmpty().isSubsetOf(CODE.metrics);
        JsonNode dashboard = new ObjectMapper()
                .readTree(DEPLOY.resolve("grafana/kubemate-dashboard.json").toFile());
        Set<String> charted = new TreeSet<>();
        Set<Integer> ids = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique panel ids").isTrue();
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            panel.path("targets")
                    .forEach(t ->
                            charted.addAll(CodeFacts.metricsIn(t.path("expr").asText())));
        }
        assertThat(charted).as("dashboard").isSubsetOf(CODE.metrics).containsAll(used);
    }

    @Test
    void dockerfileBuildsWithMavenAndRunsAsNonRootOnTheDefaultPort() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));

        assertThat(dockerfile)
                .contains("FROM maven:3.9-eclipse-temurin-17 AS build")
                .contains("mvn -B -DskipTests package")
                .contains("FROM eclipse-temurin:17-jre")
                .contains("EXPOSE " + CODE.defaultHttpPort())
                .contains("\"" + KubemateCli.class.getName() + "\"")
                .contains("CMD [\"run\"]");
        String dataDir = Manifests.group(dockerfile, "KUBEMATE_DATA_DIR=(\\S+)");
        assertThat(dockerfile).contains("VOLUME [\"" + dataDir + "\"]");
        assertThat(Manifests.group(dockerfile, "(?m)^USER (\\S+)"))
                .doesNotStartWith("0")
                .isNotEqualTo("root");
        assertThat(Manifests.group(dockerfile, "(?m)^  CMD curl .*/(healthz)\""))
                .isNotNull();
        assertThat(CODE.routes).contains("/healthz");
        List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore"));
        assertThat(ignored).contains("**/target", ".git").doesNotContain("scenarios", "app", "core");
    }

    private static Map<String, Object> alertmanagerWebhook() throws IOException {
        Map<String, Object> config = Manifests.readOne(DEPLOY.resolve("alertmanager/alertmanager.yml"));
        return Manifests.mapAt(config, "receivers", 0, "webhook_configs", 0);
    }

    private static List<Path> files(java.util.function.Predicate<Path> filter) throws IOException {
        try (Stream<Path> walk = Files.walk(DEPLOY)) {
            return walk.filter(Files::isRegularFile).filter(filter).sorted().collect(Collectors.toList());
        }
    }

    /** Proves a helper the checks rely on: KubemateConfig rejects a bad value, so validSettings can fail. */
    @Test
    void settingsValidationCatchesABadValue() {
        Map<String, String> env = new LinkedHashMap<>(Map.of("KUBEMATE_LLM_TIMEOUT", "soon"));
        assertThatThrownBy(() -> Manifests.validSettings(env, CODE, "example")).hasMessageContaining("LLM_TIMEOUT");
        assertThat(KubemateConfig.load(Map.of()).warnings()).isEmpty();
        assertThat(new ArrayList<>(CODE.routes)).contains("/healthz", "/readyz", "/metrics", AlertmanagerRoutes.PATH);
    }
}
