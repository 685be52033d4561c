package io.kubemate.app.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Renders the Helm chart's templates the way {@code helm template} does, for the subset of Go templates the chart
 * uses (helm cannot be installed here): {@code if}/{@code else}/{@code end}, {@code define}/{@code include}, field
 * paths, parentheses, pipelines, whitespace trimming and the functions below. Anything else ({@code range},
 * {@code with}, variables, an unknown function) fails loudly, so a template growing past the subset is noticed.
 * Stricter than Helm on purpose: a {@code .Values} path that values.yaml does not define is an error, not empty.
 */
final class ChartRenderer {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    private final Path chart;
    private final Map<String, List<Node>> defines = new TreeMap<>();
    private final Map<String, List<Node>> templates = new TreeMap<>();

    ChartRenderer(Path chart) throws IOException {
        this.chart = chart;
        try (Stream<Path> files = Files.list(chart.resolve("templates"))) {
            for (Path file : files.sorted().toList()) {
                List<Node> nodes = new Parser(Files.readString(file), defines).parse();
                if (!file.getFileName().toString().startsWith("_")) {
                    templates.put(file.getFileName().toString(), nodes);
                }
            }
        }
    }

    /** The chart's values.yaml with each override file deep-merged over it, in order. */
    Map<String, Object> values(Path... overrides) throws IOException {
        Map<String, Object> values = read(chart.resolve("values.yaml"));
        for (Path override : overrides) {
            merge(values, read(override));
        }
        return values;
    }

    /** Every template (not helpers) rendered with {@code values}, by file name. */
    Map<String, String> render(Map<String, Object> values, String release, String namespace) throws IOException {
        Map<String, Object> chartYaml = read(chart.resolve("Chart.yaml"));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("Values", values);
        root.put("Release", Map.of("Name", release, "Namespace", namespace, "Service", "Helm"));
        root.put(
                "Chart",
                Map.of(
                        "Name", chartYaml.get("name"),
                        "Version", String.valueOf(chartYaml.get("version")),
                        "AppVersion", String.valueOf(chartYaml.get("appVersion"))));
        Map<String, String> out = new TreeMap<>();
        templates.forEach((name, nodes) -> out.put(name, new Evaluator(defines, root).render(nodes, root)));
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path yaml) throws IOException {
        Object value = YAML.readValue(yaml.toFile(), Object.class);
        return value == null ? new LinkedHashMap<>() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> base, Map<String, Object> override) {
        override.forEach((key, value) -> {
            if (value instanceof Map<?, ?> map && base.get(key) instanceof Map<?, ?> existing) {
                merge((Map<String, Object>) existing, (Map<String, Object>) map);
            } else {
                base.put(key, value);
            }
        });
    }

    /** A template failed to render (Helm's {@code required} or {@code fail}, or a construct outside the subset). */
    static final class RenderException extends RuntimeException {
        RenderException(String message) {
            super(message);
        }
    }

    sealed interface Node permits Text, Action, If {}

    record Text(String text) implements Node {}

    record Action(String pipeline) implements Node {}

    record If(String condition, List<Node> then, List<Node> otherwise) implements Node {}

    /** Splits a template into text and actions, trimming around {@code {{-} and {@code -}}}, and nests blocks. */
    static final class Parser {
        private final String source;
        private final Map<String, List<Node>> defines;
        private int pos;
        private boolean trimNext;

        Parser(String source, Map<String, List<Node>> defines) {
            this.source = source;
            this.defines = defines;
        }

        List<Node> parse() {
            List<Node> nodes = new ArrayList<>();
            String end = block(nodes);
            if (end != null) {
                throw new RenderException("unexpected {{ " + end + " }}");
            }
            return nodes;
        }

        /** Reads nodes into {@code into} until {@code end} or {@code else...} (returned) or the end of input (null). */
        private String block(List<Node> into) {
            while (pos < source.length()) {
                int open = source.indexOf("{{", pos);
                String text = source.substring(pos, open < 0 ? source.length() : open);
                if (trimNext) {
                    text = text.stripLeading();
                }
                if (open < 0) {
                    pos = source.length();
                    into.add(new Text(text));
                    return null;
                }
                int close = source.indexOf("}}", open);
                String action = source.substring(open + 2, close);
                pos = close + 2;
                if (action.startsWith("- ") || action.startsWith("-\n")) {
                    text = text.stripTrailing();
                    action = action.substring(1);
                }
                trimNext = action.endsWith(" -") || action.endsWith("\n-");
                if (trimNext) {
                    action = action.substring(0, action.length() - 1);
                }
                into.add(new Text(text));
                action = action.strip();
                if (action.startsWith("/*")) {
                    continue;
                }
                String keyword = action.split("\\s+", 2)[0];
                switch (keyword) {
                    case "end", "else" -> {
                        return action;
                    }
                    case "if" -> into.add(ifBlock(action.substring(2).strip()));
                    case "define" -> {
                        String name =
                                action.substring("define".length()).strip().replace("\"", "");
                        List<Node> body = new ArrayList<>();
                        expect("end", block(body));
                        defines.put(name, body);
                    }
                    case "range", "with", "block", "template" -> throw new RenderException(
                            "{{ " + keyword + " }} is outside the subset this test renders; keep the chart within it");
                    default -> into.add(new Action(action));
                }
            }
            return null;
        }

        private If ifBlock(String condition) {
            List<Node> then = new ArrayList<>();
            String end = block(then);
            List<Node> otherwise = new ArrayList<>();
            if (end != null && end.startsWith("else if ")) {
                otherwise.add(ifBlock(end.substring("else if ".length()).strip()));
                return new If(condition, then, otherwise);
            }
            if ("else".equals(end)) {
                end = block(otherwise);
            }
            expect("end", end);
            return new If(condition, then, otherwise);
        }

        private static void expect(String wanted, String got) {
            if (!wanted.equals(got)) {
                throw new RenderException("expected {{ " + wanted + " }} but found " + (got == null ? "the end" : got));
            }
        }
    }

    /** Evaluates nodes against a context ({@code .}) and the root ({@code $}). */
    static final class Evaluator {
        private final Map<String, List<Node>> defines;
        private final Object root;

        Evaluator(Map<String, List<Node>> defines, Object root) {
            this.defines = defines;
            this.root = root;
        }

        String render(List<Node> nodes, Object dot) {
            StringBuilder out = new StringBuilder();
            for (Node node : nodes) {
                if (node instanceof Text text) {
                    out.append(text.text());
                } else if (node instanceof Action action) {
                    out.append(text(new Expression(action.pipeline(), this, dot).evaluate()));
                } else if (node instanceof If branch) {
                    boolean taken = truthy(new Expression(branch.condition(), this, dot).evaluate());
                    out.append(render(taken ? branch.then() : branch.otherwise(), dot));
                }
            }
            return out.toString();
        }

        String include(String name, Object dot) {
            List<Node> body = defines.get(name);
            if (body == null) {
                throw new RenderException("no template defined as \"" + name + "\"");
            }
            return render(body, dot);
        }

        Object root() {
            return root;
        }
    }

    static boolean truthy(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        if (value instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return value != null;
    }

    /** How Go's text/template prints a value; maps and lists must go through toYaml instead. */
    static String text(Object value) {
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            throw new RenderException("a map or list printed without toYaml: " + value);
        }
        return value == null ? "" : String.valueOf(value);
    }

    static String toYaml(Object value) {
        try {
            return YAML.writeValueAsString(value).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
