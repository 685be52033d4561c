package io.kubemate.app.config;

import io.kubemate.streams.templates.ServiceLogTemplates;
import io.kubemate.webhooks.outbound.OutboundRoutes;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
    private static final Duration MAX_EVIDENCE_LEAD = Duration.ofHours(1);
    private static final Duration MIN_GRAPH_WINDOW = Duration.ofSeconds(10);
    private static final Duration MAX_GRAPH_WINDOW = Duration.ofHours(1);
    private static final Duration MAX_GRAPH_EXPIRY = Duration.ofDays(7);

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

    private void checkApiTokens(List<String> problems) {
        try {
            new io.kubemate.webhooks.http.ApiTokens(
                    io.kubemate.webhooks.http.ApiTokens.parse(string(Setting.API_TOKENS)));
        } catch (IllegalArgumentException e) {
            // the message names the entry by position and name, never its secret
            problems.add(Setting.API_TOKENS.envName() + ": " + e.getMessage());
        }
    }

    private void checkRanges(List<String> problems) {
        positive(Setting.KAFKA_TIMEOUT, problems);
        positive(Setting.CORRELATION_WINDOW, problems);
        positive(Setting.COMMIT_INTERVAL, problems);
        positive(Setting.RESOLVE_AFTER, problems);
        positive(Setting.FLAP_WINDOW, problems);
        path(Setting.HTTP_TLS_KEYSTORE)
                .filter(keystore -> !java.nio.file.Files.isReadable(keystore))
                .ifPresent(keystore -> problems.add(
                        Setting.HTTP_TLS_KEYSTORE.envName() + ": " + keystore + " is not a readable file"));
        if (integer(Setting.API_RATE_LIMIT) < 0 || integer(Setting.API_RATE_LIMIT) > 100_000) {
            problems.add(Setting.API_RATE_LIMIT.envName() + ": must be from 0 (off) to 100000");
        }
        if (!List.of("text", "json").contains(string(Setting.LOG_FORMAT))) {
            problems.add(Setting.LOG_FORMAT.envName() + ": must be text or json");
        }
        if (integer(Setting.RCA_WORKERS) < 0 || integer(Setting.RCA_WORKERS) > 16) {
            problems.add(Setting.RCA_WORKERS.envName() + ": must be from 0 to 16");
        }
        within(Setting.RCA_QUIET, Duration.ofMinutes(10), problems);
        within(Setting.LLM_TIMEOUT, Duration.ofMinutes(10), problems);
        within(Setting.MEMORY_INTERVAL, Duration.ofHours(1), problems);
        for (String kind : list(Setting.REDACT_PII)) {
            if (!List.of("email", "ipv4", "ipv6").contains(kind)) {
                problems.add(Setting.REDACT_PII.envName() + ": " + kind + " is not one of email, ipv4, ipv6");
            }
        }
        String embedding = string(Setting.EMBEDDING_MODEL);
        if (!List.of("all-minilm-l6-v2-q", "all-minilm-l6-v2").contains(embedding)
                && !(embedding.startsWith("ollama:") && embedding.length() > "ollama:".length())) {
            problems.add(Setting.EMBEDDING_MODEL.envName()
                    + ": must be all-minilm-l6-v2-q, all-minilm-l6-v2 or ollama:<model>");
        }
        if (integer(Setting.EMBEDDING_DIMENSION) < 2 || integer(Setting.EMBEDDING_DIMENSION) > 8192) {
            problems.add(Setting.EMBEDDING_DIMENSION.envName() + ": must be from 2 to 8192");
        }
        if (!List.of("ollama", "openai", "extractive").contains(string(Setting.LLM_PROVIDER))) {
            problems.add(Setting.LLM_PROVIDER.envName() + ": must be ollama, openai or extractive");
        } else if (string(Setting.LLM_PROVIDER).equals("openai")
                && string(Setting.LLM_URL).isBlank()) {
            problems.add(Setting.LLM_URL.envName() + ": an openai provider needs the server's URL (ending in /v1)");
        }
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
        if (integer(Setting.HTTP_MAX_STREAMS) < 1 || integer(Setting.HTTP_MAX_STREAMS) > 1_000) {
            problems.add(Setting.HTTP_MAX_STREAMS.envName() + ": must be from 1 to 1000");
        }
        if (!List.of("otlp_proto", "otlp_json").contains(string(Setting.OTLP_ENCODING))) {
            problems.add(Setting.OTLP_ENCODING.envName() + ": must be otlp_proto or otlp_json");
        }
        try {
            io.kubemate.slack.message.ChannelRule.parse(string(Setting.SLACK_ROUTES));
        } catch (io.kubemate.core.error.InvalidInputException e) {
            problems.add(Setting.SLACK_ROUTES.envName() + ": " + e.getMessage());
        }
        if (!string(Setting.SLACK_BOT_TOKEN).isBlank()
                && string(Setting.SLACK_CHANNEL).isBlank()
                && string(Setting.SLACK_ROUTES).isBlank()) {
            problems.add(Setting.SLACK_CHANNEL.envName()
                    + ": Slack needs a channel or routing rules (KUBEMATE_SLACK_ROUTES)");
        }
        checkPartitionBy(problems);
        checkApiTokens(problems);
        checkOutbound(problems);
        checkEvidenceWindows(problems);
        checkServiceGraph(problems);
    }

    /** Correlation rejects a routing key that is not part of the scope (an incident would span routing keys). */
    private void checkPartitionBy(List<String> problems) {
        List<String> partitionBy = list(Setting.PARTITION_BY);
        List<String> groupBy = list(Setting.GROUP_BY);
        if (!groupBy.containsAll(partitionBy)) {
            problems.add(Setting.PARTITION_BY.envName() + ": " + partitionBy + " must be a subset of "
                    + Setting.GROUP_BY.envName() + " " + groupBy);
        }
    }

    /** Outgoing webhook routes parse (problems name the route and field, never a secret); links need a base URL. */
    private void checkOutbound(List<String> problems) {
        try {
            OutboundRoutes.parse(string(Setting.OUTBOUND_ROUTES));
        } catch (IllegalArgumentException e) {
            problems.add(Setting.OUTBOUND_ROUTES.envName() + ": " + e.getMessage());
        }
        if (integer(Setting.OUTBOUND_MAX_ATTEMPTS) < 1 || integer(Setting.OUTBOUND_MAX_ATTEMPTS) > 20) {
            problems.add(Setting.OUTBOUND_MAX_ATTEMPTS.envName() + ": must be from 1 to 20");
        }
        String url = string(Setting.PUBLIC_URL);
        if (!url.isEmpty() && !url.matches("https?://[^\\s/]+(/\\S*)?")) {
            problems.add(Setting.PUBLIC_URL.envName() + ": must be an http or https URL");
        }
    }

    /** The evidence window and its baseline must lie within what the log template buffers remember. */
    private void checkEvidenceWindows(List<String> problems) {
        boolean leadFits = within(Setting.EVIDENCE_LEAD, MAX_EVIDENCE_LEAD, problems);
        boolean baselineFits = within(Setting.EVIDENCE_BASELINE, ServiceLogTemplates.DEFAULT_RETENTION, problems);
        if (leadFits
                && baselineFits
                && duration(Setting.EVIDENCE_LEAD)
                                .plus(duration(Setting.EVIDENCE_BASELINE))
                                .compareTo(ServiceLogTemplates.DEFAULT_RETENTION)
                        > 0) {
            problems.add(Setting.EVIDENCE_BASELINE.envName() + ": " + Setting.EVIDENCE_LEAD.envName()
                    + " plus baseline must be at most " + human(ServiceLogTemplates.DEFAULT_RETENTION)
                    + ", the time log templates are kept");
        }
    }

    /** The graph window is cut into ten slices of whole milliseconds; an edge outlives its window. */
    private void checkServiceGraph(List<String> problems) {
        Duration window = duration(Setting.SERVICE_GRAPH_WINDOW);
        if (window.compareTo(MIN_GRAPH_WINDOW) < 0
                || window.compareTo(MAX_GRAPH_WINDOW) > 0
                || window.toMillis() % 1000 != 0) {
            problems.add(Setting.SERVICE_GRAPH_WINDOW.envName() + ": must be whole seconds from "
                    + human(MIN_GRAPH_WINDOW) + " to " + human(MAX_GRAPH_WINDOW));
        }
        within(Setting.SERVICE_GRAPH_EXPIRE_AFTER, MAX_GRAPH_EXPIRY, problems);
        if (duration(Setting.SERVICE_GRAPH_EXPIRE_AFTER).compareTo(window) < 0) {
            problems.add(Setting.SERVICE_GRAPH_EXPIRE_AFTER.envName() + ": must not be shorter than "
                    + Setting.SERVICE_GRAPH_WINDOW.envName());
        }
    }

    private void positive(Setting setting, List<String> problems) {
        if (duration(setting).isZero() || duration(setting).isNegative()) {
            problems.add(setting.envName() + ": must be positive");
        }
    }

    /** Whether {@code setting} is positive and at most {@code max}; adds a problem when not. */
    private boolean within(Setting setting, Duration max, List<String> problems) {
        Duration value = duration(setting);
        if (value.isZero() || value.isNegative() || value.compareTo(max) > 0) {
            problems.add(setting.envName() + ": must be positive and at most " + human(max));
            return false;
        }
        return true;
    }

    private static String human(Duration duration) {
        return duration.toSeconds() % 86_400 == 0
                ? duration.toDays() + "d"
                : duration.toString().substring(2).toLowerCase(Locale.ROOT);
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
