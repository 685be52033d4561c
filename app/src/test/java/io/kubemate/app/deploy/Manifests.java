package io.kubemate.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import io.kubemate.app.config.ConfigException;
import io.kubemate.app.config.KubemateConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes objects read from YAML, and the checks every Kubemate workload must pass. */
final class Manifests {
    private final List<Map<String, Object>> objects;

    private Manifests(List<Map<String, Object>> objects) {
        this.objects = objects;
    }

    /** The objects of rendered templates (YAML files only; NOTES.txt is text). */
    static Manifests of(Map<String, String> rendered) throws IOException {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Map.Entry<String, String> file : rendered.entrySet()) {
            if (file.getKey().endsWith(".yaml")) {
                objects.addAll(readAll(file.getValue()));
            }
        }
        return new Manifests(objects);
    }

    /** Every non-empty document of a (multi-document) YAML text. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> readAll(String yaml) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (MappingIterator<Object> it =
                ChartRenderer.YAML.readerFor(Object.class).readValues(yaml)) {
            while (it.hasNextValue()) {
                Object document = it.nextValue();
                if (document instanceof Map<?, ?> map) {
                    documents.add((Map<String, Object>) map);
                } else if (document != null) {
                    throw new IOException("a document that is not a mapping: " + document);
                }
            }
        }
        return documents;
    }

    static Map<String, Object> readOne(Path file) throws IOException {
        return ChartRenderer.read(file);
    }

    List<String> kinds() {
        return objects.stream().map(o -> (String) o.get("kind")).toList();
    }

    Map<String, Object> first(String kind) {
        return objects.stream()
                .filter(o -> kind.equals(o.get("kind")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + kinds()));
    }

    /**
     * Checks the Deployment against the code and the values it was rendered from, and the Service, the
     * PodDisruptionBudget and the ServiceAccount against the Deployment. Returns the Kubemate container.
     */
    Map<String, Object> workload(CodeFacts code, Map<String, Object> values) {
        Map<String, Object> deployment = first("Deployment");
        Map<String, Object> pod = mapAt(deployment, "spec", "template", "spec");
        Map<String, Object> container = mapAt(pod, "containers", 0);
        assertThat(container.get("args")).isEqualTo(List.of("run"));
        int port = intAt(values, "http", "port");
        checkProbesAndPort(container, code, port);

        Map<String, String> env = env(container);
        assertThat(env).containsEntry("KUBEMATE_HTTP_PORT", String.valueOf(port));
        validSettings(env, code, "chart");
        assertThat(secretRefs(container).values()).isSubsetOf(declaredSecrets(values));

        Set<String> volumes = new TreeSet<>();
        Set<String> mounts = new TreeSet<>();
        for (Object volume : listAt(pod, "volumes")) {
            volumes.add((String) at(volume, "name"));
            if (((Map<?, ?>) volume).containsKey("secret")) {
                assertThat(declaredSecretNames(values)).contains((String) at(volume, "secret", "secretName"));
            }
        }
        for (Object mount : listAt(container, "volumeMounts")) {
            assertThat(volumes).contains((String) at(mount, "name"));
            mounts.add((String) at(mount, "mountPath"));
        }
        assertThat(mounts)
                .as("the data dir is on a volume (the root filesystem is read-only)")
                .contains(env.get("KUBEMATE_DATA_DIR"));

        Map<String, Object> podLabels = mapAt(deployment, "spec", "template", "metadata", "labels");
        assertThat(podLabels).containsAllEntriesOf(mapAt(deployment, "spec", "selector", "matchLabels"));
        Map<String, Object> service = first("Service");
        assertThat(podLabels).containsAllEntriesOf(mapAt(service, "spec", "selector"));
        assertThat(at(service, "spec", "ports", 0, "targetPort")).isEqualTo(at(container, "ports", 0, "name"));
        assertThat(podLabels)
                .containsAllEntriesOf(mapAt(first("PodDisruptionBudget"), "spec", "selector", "matchLabels"));
        if (kinds().contains("ServiceAccount")) {
            assertThat(pod.get("serviceAccountName")).isEqualTo(at(first("ServiceAccount"), "metadata", "name"));
        }
        return container;
    }

    static void checkProbesAndPort(Map<String, Object> container, CodeFacts code, int port) {
        assertThat(at(container, "ports", 0, "name")).isEqualTo("http");
        assertThat(intAt(container, "ports", 0, "containerPort")).isEqualTo(port);
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(at(container, probe, "httpGet", "port")).as(probe).isEqualTo("http");
            assertThat((String) at(container, probe, "httpGet", "path"))
                    .as(probe)
                    .isIn(code.routes);
        }
        assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/healthz");
        assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/readyz");
    }

    /**
     * Every name is a setting and {@link KubemateConfig} accepts every value, as the process would at start; a
     * secret's value is a placeholder.
     */
    static void validSettings(Map<String, String> env, CodeFacts code, String where) {
        Map<String, String> settings = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("KUBEMATE_")) {
                assertThat(code.settings)
                        .as(where + ": " + name + " is not a setting")
                        .contains(name);
                settings.put(name, value);
            }
        });
        try {
            assertThat(KubemateConfig.load(settings).warnings()).as(where).isEmpty();
        } catch (ConfigException e) {
            throw new AssertionError(where + ": " + e.getMessage(), e);
        }
    }

    /** Container env as name to value, a secretKeyRef as "secret". */
    static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new TreeMap<>();
        for (Object entry : listAt(container, "env")) {
            Map<?, ?> variable = (Map<?, ?>) entry;
            env.put(
                    (String) variable.get("name"),
                    variable.containsKey("value") ? (String) variable.get("value") : "secret");
        }
        return env;
    }

    /** Env names taken from a secretKeyRef, to "secret/key". */
    static Map<String, String> secretRefs(Map<String, Object> container) {
        Map<String, String> refs = new TreeMap<>();
        for (Object entry : listAt(container, "env")) {
            Map<?, ?> variable = (Map<?, ?>) entry;
            if (variable.get("valueFrom") instanceof Map<?, ?> from
                    && from.get("secretKeyRef") instanceof Map<?, ?> r) {
                refs.put((String) variable.get("name"), r.get("name") + "/" + r.get("key"));
            }
        }
        return refs;
    }

    /** "secret/key" of every values section with an existingSecret and its ...Key entries. */
    static Set<String> declaredSecrets(Map<String, Object> values) {
        Set<String> pairs = new TreeSet<>();
        walk(values, section -> {
            if (section.get("existingSecret") instanceof String secret && !secret.isEmpty()) {
                section.forEach((key, value) -> {
                    if (key.endsWith("Key") && value instanceof String k) {
                        pairs.add(secret + "/" + k);
                    }
                });
            }
        });
        return pairs;
    }

    static Set<String> declaredSecretNames(Map<String, Object> values) {
        Set<String> names = new TreeSet<>();
        walk(values, section -> {
            if (section.get("existingSecret") instanceof String secret && !secret.isEmpty()) {
                names.add(secret);
            }
        });
        return names;
    }

    @SuppressWarnings("unchecked")
    private static void walk(Map<String, Object> map, java.util.function.Consumer<Map<String, Object>> visit) {
        visit.accept(map);
        map.values().forEach(value -> {
            if (value instanceof Map<?, ?> child) {
                walk((Map<String, Object>) child, visit);
            }
        });
    }

    /** The literals of a kustomization's configMapGenerator. */
    static Map<String, String> generatedConfig(Path kustomization) throws IOException {
        Map<String, String> config = new TreeMap<>();
        for (Object generator : listOrEmpty(readOne(kustomization), "configMapGenerator")) {
            for (Object literal : listOrEmpty(generator, "literals")) {
                String[] pair = ((String) literal).split("=", 2);
                config.put(pair[0], pair[1]);
            }
        }
        return config;
    }

    static String group(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** The value at a path of map keys (String) and list indexes (Integer); fails naming the missing step. */
    static Object at(Object root, Object... path) {
        Object current = root;
        StringBuilder walked = new StringBuilder();
        for (Object step : path) {
            walked.append('/').append(step);
            if (step instanceof Integer index && current instanceof List<?> list && index < list.size()) {
                current = list.get(index);
            } else if (step instanceof String key && current instanceof Map<?, ?> map && map.containsKey(key)) {
                current = map.get(key);
            } else {
                throw new AssertionError("nothing at " + walked);
            }
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mapAt(Object root, Object... path) {
        return (Map<String, Object>) at(root, path);
    }

    static List<?> listAt(Object root, Object... path) {
        return (List<?>) at(root, path);
    }

    static List<?> listOrEmpty(Object root, String key) {
        return ((Map<?, ?>) root).get(key) instanceof List<?> list ? list : List.of();
    }

    static int intAt(Object root, Object... path) {
        Object value = at(root, path);
        return value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value));
    }
}
