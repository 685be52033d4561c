package io.kubemate.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The real checkers on deploy/: amtool and promtool (installed by .ci/run, so required under {@code CI=true}) and
 * kubectl's built-in kustomize (not in CI, so it runs only where kubectl exists). Each run is bounded by a deadline.
 */
class DeployToolsTest {
    private static final Path DEPLOY = DeployFilesTest.DEPLOY;
    private static final CodeFacts CODE = new CodeFacts();

    @Test
    void amtoolAcceptsTheAlertmanagerExample() throws Exception {
        Tool.required("amtool", "prometheus-alertmanager");

        Tool.Result result = Tool.run(DEPLOY, "amtool", "check-config", "alertmanager/alertmanager.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestsPass() throws Exception {
        Tool.required("promtool", "prometheus");

        Tool.Result check = Tool.run(DEPLOY, "promtool", "check", "rules", "prometheus/kubemate-rules.yml");
        Tool.Result tests = Tool.run(DEPLOY, "promtool", "test", "rules", "prometheus/kubemate-rules.test.yml");

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(tests.exitCode()).as(tests.output()).isZero();
        assertThat(tests.output()).contains("SUCCESS");
    }

    /** kubectl's built-in kustomize needs no cluster. */
    @Test
    void kubectlKustomizeBuildsBothOverlays() throws Exception {
        Tool.optional("kubectl");
        for (String overlay : List.of("dev", "production")) {
            Tool.Result result = Tool.run(DEPLOY, "kubectl", "kustomize", "kustomize/overlays/" + overlay);
            assertThat(result.exitCode()).as(result.output()).isZero();

            Manifests manifests = Manifests.of(Map.of("kustomize.yaml", result.output()));
            Map<String, Object> container =
                    Manifests.mapAt(manifests.first("Deployment"), "spec", "template", "spec", "containers", 0);
            Map<String, Object> config = manifests.first("ConfigMap");
            Map<String, String> env = new TreeMap<>();
            Manifests.mapAt(config, "data").forEach((k, v) -> env.put(k, String.valueOf(v)));
            Manifests.validSettings(env, CODE, overlay);
            Manifests.checkProbesAndPort(container, CODE, Integer.parseInt(env.get("KUBEMATE_HTTP_PORT")));
            assertThat(Manifests.at(container, "envFrom", 0, "configMapRef", "name"))
                    .isEqualTo(Manifests.at(config, "metadata", "name"));
        }
    }
}
