package io.kubemate.ingest.pull;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the pull enrichers query and how hard. Each backend URL is optional: empty turns that backend off. Every
 * problem is reported at once, in one {@link IllegalArgumentException} whose message lists them separated by
 * {@code "; "}, each starting with the field name.
 *
 * @param lokiUrl Loki's base URL ({@code http://loki:3100}), or empty; queries go to {@code /loki/api/v1/query_range}
 * @param jaegerUrl Jaeger query's base URL ({@code http://jaeger-query:16686}), or empty; queries go to {@code
 *     /api/traces}
 * @param prometheusUrl Prometheus' base URL, or empty; alerts' expressions are run against this URL, never against
 *     the host in an alert's {@code generatorURL}
 * @param lokiAuth how to authenticate to Loki
 * @param lokiTenant sent as {@code X-Scope-OrgID} to a multi-tenant Loki; empty sends nothing
 * @param jaegerAuth how to authenticate to Jaeger
 * @param prometheusAuth how to authenticate to Prometheus
 * @param connectTimeout how long opening a connection may take (default 2 s)
 * @param requestTimeout how long one query may take, connection, answer and body included (default 5 s)
 * @param requestDeadline how long one enrichment request may take overall, queueing included; what is missing then is
 *     reported as a timeout (default 15 s)
 * @param maxConcurrency queries in flight per backend, and enrichment requests in flight (default 2)
 * @param queueCapacity enrichment requests waiting; when full the oldest waiting one is dropped (default 32)
 * @param maxResults per query: log lines (Loki), traces (Jaeger) or series (Prometheus) (default 100)
 * @param maxServices services queried per request; further ones are ignored (default 8)
 * @param maxResponseBytes bytes read from one answer; a larger answer is an error (default 4 MiB)
 * @param lokiServiceLabel the Loki stream label that names the service (default {@code service_name})
 * @param lokiLineFilter the regular expression (RE2, as LogQL reads it) that picks warning and error lines
 * @param prometheusLookback how far before the incident's start an alert's expression is queried (default 30 min)
 * @param failureThreshold consecutive failures (timeouts, 5xx, refused connections, unreadable answers) after which
 *     a backend is skipped (default 3)
 * @param backoffBase how long a failing backend is skipped the first time; doubled at each further failure (default
 *     10 s)
 * @param backoffMax the longest a failing backend is skipped (default 5 min)
 */
public record PullSettings(
        String lokiUrl,
        String jaegerUrl,
        String prometheusUrl,
        PullAuth lokiAuth,
        String lokiTenant,
        PullAuth jaegerAuth,
        PullAuth prometheusAuth,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration requestDeadline,
        int maxConcurrency,
        int queueCapacity,
        int maxResults,
        int maxServices,
        long maxResponseBytes,
        String lokiServiceLabel,
        String lokiLineFilter,
        Duration prometheusLookback,
        int failureThreshold,
        Duration backoffBase,
        Duration backoffMax) {

    /** The default {@link #lokiLineFilter()}. */
    public static final String DEFAULT_LOKI_LINE_FILTER = "(?i)(error|warn|exception|fatal|panic|critical)";

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Duration MIN_TIMEOUT = Duration.ofMillis(100);

    public PullSettings {
        lokiUrl = normaliseUrl(lokiUrl);
        jaegerUrl = normaliseUrl(jaegerUrl);
        prometheusUrl = normaliseUrl(prometheusUrl);
        lokiAuth = lokiAuth == null ? PullAuth.NONE : lokiAuth;
        lokiTenant = lokiTenant == null ? "" : lokiTenant.strip();
        jaegerAuth = jaegerAuth == null ? PullAuth.NONE : jaegerAuth;
        prometheusAuth = prometheusAuth == null ? PullAuth.NONE : prometheusAuth;
        lokiServiceLabel = lokiServiceLabel == null ? "" : lokiServiceLabel.strip();
        lokiLineFilter = lokiLineFilter == null ? "" : lokiLineFilter;
        List<String> problems = new ArrayList<>();
        checkUrl("lokiUrl", lokiUrl, problems);
        checkUrl("jaegerUrl", jaegerUrl, problems);
        checkUrl("prometheusUrl", prometheusUrl, problems);
        if (lokiTenant.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            problems.add("lokiTenant: must not contain control characters");
        }
        atLeast("connectTimeout", connectTimeout, MIN_TIMEOUT, problems);
        atLeast("requestTimeout", requestTimeout, MIN_TIMEOUT, problems);
        atLeast("requestDeadline", requestDeadline, MIN_TIMEOUT, problems);
        atLeast("prometheusLookback", prometheusLookback, Duration.ZERO, problems);
        atLeast("backoffBase", backoffBase, Duration.ofMillis(1), problems);
        atLeast("backoffMax", backoffMax, backoffBase == null ? Duration.ZERO : backoffBase, problems);
        inRange("maxConcurrency", maxConcurrency, 1, 64, problems);
        inRange("queueCapacity", queueCapacity, 1, 100_000, problems);
        inRange("maxResults", maxResults, 1, 5_000, problems);
        inRange("maxServices", maxServices, 1, 100, problems);
        inRange("failureThreshold", failureThreshold, 1, 1_000, problems);
        if (maxResponseBytes < 1024 || maxResponseBytes > 256L * 1024 * 1024) {
            problems.add("maxResponseBytes: must be between 1 KiB and 256 MiB, was " + maxResponseBytes);
        }
        if (!LABEL_NAME.matcher(lokiServiceLabel).matches()) {
            problems.add("lokiServiceLabel: must be a Loki label name ([a-zA-Z_][a-zA-Z0-9_]*), was '"
                    + lokiServiceLabel + "'");
        }
        if (lokiLineFilter.isBlank() || lokiLineFilter.contains("\n")) {
            problems.add("lokiLineFilter: must be a non-blank, single-line regular expression");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Defaults with every backend off. */
    public static PullSettings defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether {@code backend} has a URL. */
    public boolean isEnabled(PullBackend backend) {
        return !url(backend).isEmpty();
    }

    /** Whether at least one backend has a URL. */
    public boolean isAnyEnabled() {
        return !lokiUrl.isEmpty() || !jaegerUrl.isEmpty() || !prometheusUrl.isEmpty();
    }

    /** The base URL of {@code backend}, empty when off. */
    public String url(PullBackend backend) {
        return switch (backend) {
            case LOKI -> lokiUrl;
            case JAEGER -> jaegerUrl;
            case PROMETHEUS -> prometheusUrl;
        };
    }

    /** How to authenticate to {@code backend}. */
    public PullAuth auth(PullBackend backend) {
        return switch (backend) {
            case LOKI -> lokiAuth;
            case JAEGER -> jaegerAuth;
            case PROMETHEUS -> prometheusAuth;
        };
    }

    private static String normaliseUrl(String url) {
        String u = url == null ? "" : url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    private static void checkUrl(String field, String url, List<String> problems) {
        if (url.isEmpty()) {
            return;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                problems.add(field + ": must be an http or https URL");
            } else if (uri.getHost() == null) {
                problems.add(field + ": has no host");
            } else if (uri.getRawUserInfo() != null) {
                problems.add(field + ": must not carry credentials; set them as bearer token or basic auth");
            } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problems.add(field + ": must not have a query or a fragment");
            }
        } catch (URISyntaxException e) {
            problems.add(field + ": is not a URL (" + e.getReason() + ")");
        }
    }

    private static void atLeast(String field, Duration value, Duration min, List<String> problems) {
        if (value == null) {
            problems.add(field + ": is required");
        } else if (value.compareTo(min) < 0) {
            problems.add(field + ": must be at least " + min.toMillis() + " ms, was " + value.toMillis() + " ms");
        }
    }

    private static void inRange(String field, int value, int min, int max, List<String> problems) {
        if (value < min || value > max) {
            problems.add(field + ": must be between " + min + " and " + max + ", was " + value);
        }
    }

    /** Builds {@link PullSettings}; starts from the defaults, so only what differs needs setting. */
    public static final class Builder {
        private String lokiUrl = "";
        private String jaegerUrl = "";
        private String prometheusUrl = "";
        private PullAuth lokiAuth = PullAuth.NONE;
        private String lokiTenant = "";
        private PullAuth jaegerAuth = PullAuth.NONE;
        private PullAuth prometheusAuth = PullAuth.NONE;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration requestTimeout = Duration.ofSeconds(5);
        private Duration requestDeadline = Duration.ofSeconds(15);
        private int maxConcurrency = 2;
        private int queueCapacity = 32;
        private int maxResults = 100;
        private int maxServices = 8;
        private long maxResponseBytes = 4L * 1024 * 1024;
        private String lokiServiceLabel = "service_name";
        private String lokiLineFilter = DEFAULT_LOKI_LINE_FILTER;
        private Duration prometheusLookback = Duration.ofMinutes(30);
        private int failureThreshold = 3;
        private Duration backoffBase = Duration.ofSeconds(10);
        private Duration backoffMax = Duration.ofMinutes(5);

        private Builder() {}

        private Builder(PullSettings s) {
            lokiUrl = s.lokiUrl;
            jaegerUrl = s.jaegerUrl;
            prometheusUrl = s.prometheusUrl;
            lokiAuth = s.lokiAuth;
            lokiTenant = s.lokiTenant;
            jaegerAuth = s.jaegerAuth;
            prometheusAuth = s.prometheusAuth;
            connectTimeout = s.connectTimeout;
            requestTimeout = s.requestTimeout;
            requestDeadline = s.requestDeadline;
            maxConcurrency = s.maxConcurrency;
            queueCapacity = s.queueCapacity;
            maxResults = s.maxResults;
            maxServices = s.maxServices;
            maxResponseBytes = s.maxResponseBytes;
            lokiServiceLabel = s.lokiServiceLabel;
            lokiLineFilter = s.lokiLineFilter;
            prometheusLookback = s.prometheusLookback;
            failureThreshold = s.failureThreshold;
            backoffBase = s.backoffBase;
            backoffMax = s.backoffMax;
        }

        public Builder lokiUrl(String url) {
            this.lokiUrl = url;
            return this;
        }

        public Builder jaegerUrl(String url) {
            this.jaegerUrl = url;
            return this;
        }

        public Builder prometheusUrl(String url) {
            this.prometheusUrl = url;
            return this;
        }

        public Builder lokiAuth(PullAuth auth) {
            this.lokiAuth = auth;
            return this;
        }

        public Builder lokiTenant(String tenant) {
            this.lokiTenant = tenant;
            return this;
        }

        public Builder jaegerAuth(PullAuth auth) {
            this.jaegerAuth = auth;
            return this;
        }

        public Builder prometheusAuth(PullAuth auth) {
            this.prometheusAuth = auth;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public Builder requestDeadline(Duration deadline) {
            this.requestDeadline = deadline;
            return this;
        }

        public Builder maxConcurrency(int max) {
            this.maxConcurrency = max;
            return this;
        }

        public Builder queueCapacity(int capacity) {
            this.queueCapacity = capacity;
            return this;
        }

        public Builder maxResults(int max) {
            this.maxResults = max;
            return this;
        }

        public Builder maxServices(int max) {
            this.maxServices = max;
            return this;
        }

        public Builder maxResponseBytes(long max) {
            this.maxResponseBytes = max;
            return this;
        }

        public Builder lokiServiceLabel(String label) {
            this.lokiServiceLabel = label;
            return this;
        }

        public Builder lokiLineFilter(String regex) {
            this.lokiLineFilter = regex;
            return this;
        }

        public Builder prometheusLookback(Duration lookback) {
            this.prometheusLookback = lookback;
            return this;
        }

        public Builder failureThreshold(int failures) {
            this.failureThreshold = failures;
            return this;
        }

        public Builder backoffBase(Duration base) {
            this.backoffBase = base;
            return this;
        }

        public Builder backoffMax(Duration max) {
            this.backoffMax = max;
            return this;
        }

        /** The settings; throws {@link IllegalArgumentException} listing every problem. */
        public PullSettings build() {
            return new PullSettings(
                    lokiUrl,
                    jaegerUrl,
                    prometheusUrl,
                    lokiAuth,
                    lokiTenant,
                    jaegerAuth,
                    prometheusAuth,
                    connectTimeout,
                    requestTimeout,
                    requestDeadline,
                    maxConcurrency,
                    queueCapacity,
                    maxResults,
                    maxServices,
                    maxResponseBytes,
                    lokiServiceLabel,
                    lokiLineFilter,
                    prometheusLookback,
                    failureThreshold,
                    backoffBase,
                    backoffMax);
        }
    }
}
