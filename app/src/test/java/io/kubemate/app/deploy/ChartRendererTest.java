package io.kubemate.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemate.app.deploy.ChartRenderer.RenderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test-side renderer behaves like helm template for the constructs the chart uses, and refuses the rest. */
class ChartRendererTest {
    @TempDir
    Path chart;

    private String render(String template, String values) throws IOException {
        Files.writeString(chart.resolve("Chart.yaml"), "name: demo\nversion: 1.2.3\nappVersion: \"4.5\"\n");
        Files.writeString(chart.resolve("values.yaml"), values);
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(
                chart.resolve("templates/_helpers.tpl"),
                "{{/* a comment */}}\n{{- define \"demo.name\" -}}\n{{ .Release.Name }}-{{ .Chart.Name }}\n{{- end }}\n");
        Files.writeString(chart.resolve("templates/t.yaml"), template);
        ChartRenderer renderer = new ChartRenderer(chart);
        return renderer.render(renderer.values(), "rel", "ns").get("t.yaml");
    }

    @Test
    void trimsWhitespaceLikeGoTemplates() throws IOException {
        String out =
                render("a:\n  {{- if .Values.on }}\n  b: {{ .Values.n }}\n  {{- end }}\nc: 1\n", "on: true\nn: 3\n");

        assertThat(out).isEqualTo("a:\n  b: 3\nc: 1\n");
    }

    @Test
    void evaluatesElseIfDefaultQuoteIncludeAndPrintf() throws IOException {
        String template = "x: {{ if .Values.a }}A{{ else if .Values.b }}B{{ else }}C{{ end }}\n"
                + "y: {{ .Values.empty | default \"d\" | quote }}\n"
                + "z: {{ include \"demo.name\" . }}\n"
                + "w: {{ printf \"%s:%v\" (include \"demo.name\" .) .Values.n | trunc 8 | trimSuffix \"-\" }}\n"
                + "v: {{ contains \"de\" .Chart.Name }} {{ not .Values.a }} {{ and .Values.b .Values.n }}\n";

        String out = render(template, "a: false\nb: true\nempty: \"\"\nn: 7\n");

        assertThat(out).isEqualTo("x: B\ny: \"d\"\nz: rel-demo\nw: rel-demo\nv: true true true\n");
    }

    @Test
    void toYamlWithNindentKeepsStructureAndQuotesNumericStrings() throws IOException {
        String out = render(
                "m:\n  {{- toYaml .Values.m | nindent 2 }}\n", "m:\n  list: [a]\n  n: \"1000\"\n  nested: {k: v}\n");

        assertThat(ChartRenderer.YAML.readValue(out, Map.class))
                .isEqualTo(
                        Map.of("m", Map.of("list", java.util.List.of("a"), "n", "1000", "nested", Map.of("k", "v"))));
    }

    @Test
    void refusesWhatHelmWouldRenderDifferentlyOrNotAtAll() {
        assertThatThrownBy(() -> render("{{ .Values.missing }}\n", "a: 1\n"))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining(".Values.missing");
        assertThatThrownBy(() -> render("{{ range .Values.a }}x{{ end }}\n", "a: [1]\n"))
                .hasMessageContaining("range");
        assertThatThrownBy(() -> render("{{ .Values.a | upper }}\n", "a: x\n")).hasMessageContaining("upper");
        assertThatThrownBy(() -> render("{{ required \"a is needed\" .Values.a }}\n", "a: \"\"\n"))
                .hasMessage("a is needed");
        assertThatThrownBy(() -> render("m: {{ .Values.m }}\n", "m: {k: v}\n")).hasMessageContaining("toYaml");
        assertThatThrownBy(() -> render("{{ if .Values.a }}x\n", "a: 1\n")).hasMessageContaining("end");
    }
}
