package io.kubemate.app.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Kubemate's configuration, loaded once: environment variables over an optional properties file
 * ({@code KUBEMATE_CONFIG_FILE}) over the defaults in {@link Setting}. Loading validates every value and reports
 * <em>all</em> problems at once in a {@link ConfigException}. This is the only class that reads the environment.
 */
public final class KubemateConfig {
    private final Map<Setting, Object> values;
    private final List<String> warnings;

    private KubemateConfig(Map<Setting, Object> values, List<String> warnings) {
        this.values = values;
        this.warnings = List.copyOf(warnings);
    }

    /** Loads from the process environment. */
    public static KubemateConfig fromEnvironment() {
        return load(System.getenv());
    }

    /**
     * Loads from the process environment after {@code adjust} has changed a copy of it (for commands such as the
     * demo that bring their own defaults).
     */
    public static KubemateConfig fromEnvironment(UnaryOperator<Map<String, String>> adjust) {
        return load(adjust.apply(new HashMap<>(System.getenv())));
    }

    /** Loads from {@code env} (a map of environment variables), reading the config file it names, if any. */
    public static KubemateConfig load(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Map<String, String> file = readFile(env.get(Setting.CONFIG_FILE.envName()), problems);
        Map<Setting, Object> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            String raw =
                    env.getOrDefault(setting.envName(), file.getOrDefault(setting.envName(), setting.defaultValue()));
            try {
                Object value = setting.type().parse(raw);
                if (value != null) {
                    values.put(setting, value);
                }
            } catch (IllegalArgumentException e) {
                problems.add(setting.envName() + ": " + e.getMessage());
            }
        }
        KubemateConfig config = new KubemateConfig(values, unknownKeys(env, file));
        if (problems.isEmpty()) {
            config.checkRanges(problems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private void checkRanges(List<String> problems) {
        positive(Setting.KAFKA_TIMEOUT, problems);
        positive(Setting.CORRELATION_WINDOW, problems);
        positive(Setting.COMMIT_INTERVAL, problems);
        positive(Setting.RESOLVE_AFTER, problems);
        positive(Setting.FLAP_WINDOW, problems);
        if (integer(Setting.TOPIC_PARTITIONS) < 1) {
            problems.add(Setting.TOPIC_PARTITIONS.envName() + ": must be at least 1");
        }
        if (integer(Setting.TOPIC_REPLICATION) < 0 || integer(Setting.TOPIC_REPLICATION) > Short.MAX_VALUE) {
            problems.add(Setting.TOPIC_REPLICATION.envName() + ": must be 0 (automatic) or a positive count");
        }
        if (integer(Setting.STANDBY_REPLICAS) < 0) {
            problems.add(Setting.STANDBY_REPLICAS.envName() + ": must not be negative");
        }
        if (integer(Setting.STREAM_THREADS) < 1) {
            problems.add(Setting.STREAM_THREADS.envName() + ": must be at least 1");
        }
        if (size(Setting.MAX_BODY_BYTES) < 1024) {
            problems.add(Setting.MAX_BODY_BYTES.envName() + ": must be at least 1KiB");
        }
        if (list(Setting.GROUP_BY).isEmpty()) {
            problems.add(Setting.GROUP_BY.envName() + ": needs at least one label");
        }
        if (list(Setting.SERVICE_LABELS).isEmpty()) {
            problems.add(Setting.SERVICE_LABELS.envName() + ": needs at least one label");
        }
        positive(Setting.TELEMETRY_RETENTION, problems);
        if (!List.of("otlp_proto", "otlp_json").contains(string(Setting.OTLP_ENCODING))) {
            problems.add(Setting.OTLP_ENCODING.envName() + ": must be otlp_proto or otlp_json");
        }
    }

    private void positive(Setting setting, List<String> problems) {
        if (duration(setting).isZero() || duration(setting).isNegative()) {
            problems.add(setting.envName() + ": must be positive");
        }
    }

    private static Map<String, String> readFile(String location, List<String> problems) {
        if (location == null || location.isBlank()) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(location.trim()))) {
            properties.load(reader);
        } catch (IOException | RuntimeException e) {
            problems.add(Setting.CONFIG_FILE.envName() + ": cannot read '" + location + "': " + e.getMessage());
            return Map.of();
        }
        return properties.stringPropertyNames().stream().collect(Collectors.toMap(k -> k, properties::getProperty));
    }

    private static List<String> unknownKeys(Map<String, String> env, Map<String, String> file) {
        Set<String> known = Stream.of(Setting.values()).map(Setting::envName).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>();
        Stream.concat(env.keySet().stream(), file.keySet().stream())
                .filter(k -> k.startsWith("KUBEMATE_") && !known.contains(k))
                .forEach(unknown::add);
        return unknown.stream()
                .map(k -> "unknown setting " + k + " is ignored (see docs/configuration.md)")
                .toList();
    }

    /** Messages about ignored keys (likely typos), for the caller to log. */
    public List<String> warnings() {
        return warnings;
    }

    public String string(Setting setting) {
        return (String) values.getOrDefault(setting, "");
    }

    /** A string setting that is empty when not configured. */
    public Optional<String> optionalString(Setting setting) {
        String value = string(setting);
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public int integer(Setting setting) {
        return (Integer) values.get(setting);
    }

    public Duration duration(Setting setting) {
        return (Duration) values.get(setting);
    }

    public long size(Setting setting) {
        return (Long) values.get(setting);
    }

    @SuppressWarnings("unchecked")
    public List<String> list(Setting setting) {
        return (List<String>) values.getOrDefault(setting, List.of());
    }

    public Optional<Path> path(Setting setting) {
        return Optional.ofNullable((Path) values.get(setting));
    }
}
