package io.kubemate.app.config;

/**
 * Every configuration key Kubemate reads: its environment name, type, default and a one-line description. This
 * table is the single source of the configuration reference ({@code docs/configuration.md} is generated from it).
 */
public enum Setting {
    HTTP_HOST("KUBEMATE_HTTP_HOST", SettingType.STRING, "0.0.0.0", "Address the HTTP server binds to."),
    HTTP_PORT("KUBEMATE_HTTP_PORT", SettingType.PORT, "8080", "HTTP port for webhooks, API, page, health and metrics."),
    HTTP_TLS_KEYSTORE(
            "KUBEMATE_HTTP_TLS_KEYSTORE",
            SettingType.PATH,
            "",
            "PKCS#12 keystore with the server's key and certificate chain; when set, the port serves HTTPS only."),
    HTTP_TLS_KEYSTORE_PASSWORD(
            "KUBEMATE_HTTP_TLS_KEYSTORE_PASSWORD",
            SettingType.SECRET,
            "",
            "Password of `KUBEMATE_HTTP_TLS_KEYSTORE` (and of its key)."),
    DATA_DIR(
            "KUBEMATE_DATA_DIR",
            SettingType.PATH,
            "./data",
            "Directory for the embedded broker's log (`kafka/`) and the streams state (`streams/`)."),
    KAFKA_BOOTSTRAP(
            "KUBEMATE_KAFKA_BOOTSTRAP",
            SettingType.STRING,
            "",
            "Bootstrap servers of an external Kafka cluster; empty starts an embedded single-node broker."),
    KAFKA_CLIENT_CONFIG(
            "KUBEMATE_KAFKA_CLIENT_CONFIG",
            SettingType.PATH,
            "",
            "Optional Java properties file passed to every Kafka client (SASL/SSL settings)."),
    KAFKA_TIMEOUT(
            "KUBEMATE_KAFKA_TIMEOUT",
            SettingType.DURATION,
            "5s",
            "How long a webhook waits for Kafka to acknowledge its alerts before answering 503."),
    EMBEDDED_KAFKA_PORT(
            "KUBEMATE_EMBEDDED_KAFKA_PORT",
            SettingType.PORT,
            "0",
            "Client port of the embedded broker on 127.0.0.1; 0 picks a free port."),
    EMBEDDED_KAFKA_HEAP(
            "KUBEMATE_EMBEDDED_KAFKA_HEAP",
            SettingType.STRING,
            "512m",
            "Maximum heap (-Xmx) of the embedded broker process."),
    APPLICATION_ID(
            "KUBEMATE_APPLICATION_ID",
            SettingType.STRING,
            "kubemate",
            "Kafka Streams application id; instances with the same id share the work."),
    TOPIC_ALERTS_RAW(
            "KUBEMATE_TOPIC_ALERTS_RAW", SettingType.STRING, "kubemate.alerts.raw", "Topic of received alerts."),
    TOPIC_INCIDENTS(
            "KUBEMATE_TOPIC_INCIDENTS",
            SettingType.STRING,
            "kubemate.incidents",
            "Compacted topic of incident snapshots."),
    TOPIC_INCIDENT_ALERTS(
            "KUBEMATE_TOPIC_INCIDENT_ALERTS",
            SettingType.STRING,
            "kubemate.incident-alerts",
            "Compacted topic of incidents' member alerts, one record per alert and incident."),
    TOPIC_ACTIONS("KUBEMATE_TOPIC_ACTIONS", SettingType.STRING, "kubemate.actions", "Topic of actions on incidents."),
    TOPIC_DEAD_LETTER(
            "KUBEMATE_TOPIC_DEAD_LETTER",
            SettingType.STRING,
            "kubemate.dead-letter",
            "Topic of records that could not be read or processed."),
    TOPIC_LOGS(
            "KUBEMATE_TOPIC_LOGS",
            SettingType.STRING,
            "kubemate.logs",
            "Topic of received log entries (Loki push, OTLP logs), keyed by service."),
    TOPIC_SPANS(
            "KUBEMATE_TOPIC_SPANS",
            SettingType.STRING,
            "kubemate.spans",
            "Topic of received spans (OTLP traces), keyed by trace id."),
    TOPIC_CHANGES(
            "KUBEMATE_TOPIC_CHANGES",
            SettingType.STRING,
            "kubemate.changes",
            "Topic of change events (deploys, pipeline runs), keyed by service."),
    TOPIC_SERVICE_GRAPH(
            "KUBEMATE_TOPIC_SERVICE_GRAPH",
            SettingType.STRING,
            "kubemate.service-graph",
            "Compacted topic of service graph edges, keyed by `caller->callee`."),
    TOPIC_EVIDENCE(
            "KUBEMATE_TOPIC_EVIDENCE",
            SettingType.STRING,
            "kubemate.evidence",
            "Compacted topic of evidence per incident."),
    TOPIC_RCA_REQUESTS(
            "KUBEMATE_TOPIC_RCA_REQUESTS",
            SettingType.STRING,
            "kubemate.rca.requests",
            "Topic of root-cause summary requests, keyed by incident id."),
    TOPIC_RCA_RESULTS(
            "KUBEMATE_TOPIC_RCA_RESULTS",
            SettingType.STRING,
            "kubemate.rca.results",
            "Compacted topic of root-cause summaries, keyed by incident id."),
    RCA_WORKERS(
            "KUBEMATE_RCA_WORKERS",
            SettingType.INT,
            "1",
            "Summary workers in this instance (1 to 16); 0 turns summaries off here (another instance answers)."),
    RCA_QUIET(
            "KUBEMATE_RCA_QUIET",
            SettingType.DURATION,
            "10s",
            "A summary is requested this long after an incident's last material change (at most 6 times as long"
                    + " after its first); at most 10m."),
    LLM_PROVIDER(
            "KUBEMATE_LLM_PROVIDER",
            SettingType.STRING,
            "ollama",
            "Who writes summaries: `ollama`, `openai` (an OpenAI-compatible server: vLLM, llama.cpp, LM Studio) or"
                    + " `extractive` (no model). A model that does not answer falls back to extractive."),
    LLM_URL(
            "KUBEMATE_LLM_URL",
            SettingType.STRING,
            "",
            "The model server's base URL; empty means http://localhost:11434 for ollama. For openai it ends in /v1."),
    LLM_MODEL("KUBEMATE_LLM_MODEL", SettingType.STRING, "", "The model's name; empty means llama3.2:3b for ollama."),
    LLM_API_KEY(
            "KUBEMATE_LLM_API_KEY",
            SettingType.SECRET,
            "",
            "Bearer key for an OpenAI-compatible server; none is sent when empty."),
    LLM_TIMEOUT(
            "KUBEMATE_LLM_TIMEOUT",
            SettingType.DURATION,
            "60s",
            "How long one model call may take (connect and read); at most 10m."),
    EMBEDDING_MODEL(
            "KUBEMATE_EMBEDDING_MODEL",
            SettingType.STRING,
            "all-minilm-l6-v2-q",
            "What embeds incidents and runbooks for retrieval: `all-minilm-l6-v2-q` (int8, in process),"
                    + " `all-minilm-l6-v2` (fp32, in process) or `ollama:<model>` (Ollama's /api/embed at"
                    + " KUBEMATE_LLM_URL, with KUBEMATE_EMBEDDING_DIMENSION). Each model keeps its own index."),
    EMBEDDING_DIMENSION(
            "KUBEMATE_EMBEDDING_DIMENSION",
            SettingType.INT,
            "768",
            "Dimensions of an `ollama:` embedding model's vectors (the in-process models have 384)."),
    REDACT_PII(
            "KUBEMATE_REDACT_PII",
            SettingType.LIST,
            "email,ipv4,ipv6",
            "Personal data replaced by pseudonyms (`<email:1>`, `<ip:2>`) before prompts, besides secrets, which"
                    + " always are: any of `email`, `ipv4`, `ipv6`; empty for none."),
    MEMORY_INTERVAL(
            "KUBEMATE_MEMORY_INTERVAL",
            SettingType.DURATION,
            "30s",
            "How often resolved incidents (with their resolution notes) are remembered and the runbooks directory is"
                    + " re-read; at most 1h."),
    MILVUS_URI(
            "KUBEMATE_MILVUS_URI",
            SettingType.STRING,
            "",
            "Milvus (http://host:19530) for the incident and runbook memory; empty keeps it in Lucene under the data"
                    + " dir. The collection is created when missing."),
    MILVUS_TOKEN("KUBEMATE_MILVUS_TOKEN", SettingType.SECRET, "", "Milvus token (`user:password` or an API key)."),
    MILVUS_COLLECTION(
            "KUBEMATE_MILVUS_COLLECTION",
            SettingType.STRING,
            "kubemate_memory",
            "The Milvus collection; one per embedding model, since its dimension is fixed."),
    RUNBOOKS_DIR(
            "KUBEMATE_RUNBOOKS_DIR",
            SettingType.PATH,
            "",
            "Markdown runbooks, chunked by heading, embedded and re-indexed on change, retrieved for summaries."),
    RUNBOOK_HOSTS(
            "KUBEMATE_RUNBOOK_HOSTS",
            SettingType.LIST,
            "",
            "Hosts whose alerts' `runbook_url` pages may be fetched (`wiki.example.com`, or `.example.com` for a"
                    + " domain); none by default, so alerts cannot make Kubemate fetch arbitrary URLs."),
    MLFLOW_URI(
            "KUBEMATE_MLFLOW_URI",
            SettingType.STRING,
            "",
            "MLflow tracking server (http or https); when set, every summary is also a run there and every model +"
                    + " prompt combination a registered model version. Always kept in the data dir too."),
    MLFLOW_TOKEN("KUBEMATE_MLFLOW_TOKEN", SettingType.SECRET, "", "Bearer token for the MLflow tracking server."),
    TELEMETRY_RETENTION(
            "KUBEMATE_TELEMETRY_RETENTION",
            SettingType.DURATION,
            "24h",
            "How long the logs, spans and changes topics Kubemate creates keep records."),
    OTLP_SPANS_TOPIC(
            "KUBEMATE_OTLP_SPANS_TOPIC",
            SettingType.STRING,
            "otlp_spans",
            "The OpenTelemetry Collector kafka exporter's spans topic, read directly; empty turns it off."),
    OTLP_LOGS_TOPIC(
            "KUBEMATE_OTLP_LOGS_TOPIC",
            SettingType.STRING,
            "otlp_logs",
            "The OpenTelemetry Collector kafka exporter's logs topic, read directly; empty turns it off."),
    OTLP_ENCODING(
            "KUBEMATE_OTLP_ENCODING",
            SettingType.STRING,
            "otlp_proto",
            "Encoding of the Collector's topics: `otlp_proto` or `otlp_json`."),
    TOPIC_PARTITIONS(
            "KUBEMATE_TOPIC_PARTITIONS",
            SettingType.INT,
            "6",
            "Partitions of the topics Kubemate creates when missing."),
    TOPIC_REPLICATION(
            "KUBEMATE_TOPIC_REPLICATION",
            SettingType.INT,
            "0",
            "Replication factor of created topics; 0 means 1 on the embedded broker, min(3, brokers) on a cluster."),
    GROUP_BY(
            "KUBEMATE_GROUP_BY",
            SettingType.LIST,
            "cluster,namespace",
            "Labels whose values form an alert's correlation scope."),
    CORRELATION_WINDOW(
            "KUBEMATE_CORRELATION_WINDOW",
            SettingType.DURATION,
            "10m",
            "An alert joins the active incident of its scope whose last activity is within this window."),
    RESOLVE_AFTER(
            "KUBEMATE_RESOLVE_AFTER",
            SettingType.DURATION,
            "5m",
            "An incident resolves once all its alerts are resolved and it has been quiet this long."),
    FLAP_WINDOW(
            "KUBEMATE_FLAP_WINDOW",
            SettingType.DURATION,
            "5m",
            "An alert re-firing within this time after resolving counts as flapping and reopens its incident."),
    SERVICE_LABELS(
            "KUBEMATE_SERVICE_LABELS",
            SettingType.LIST,
            "service,app,app.kubernetes.io/name",
            "Labels that name an alert's service, first present wins."),
    PARTITION_BY(
            "KUBEMATE_PARTITION_BY",
            SettingType.LIST,
            "",
            "Labels (a subset of `KUBEMATE_GROUP_BY`) whose values route correlation; alerts of other scopes with the"
                    + " same values can join one incident over a service graph edge (ADR 0006). Empty: `cluster` when"
                    + " grouping by it, else all of `KUBEMATE_GROUP_BY` (no cross-scope joins)."),
    TOPOLOGY_LABELS(
            "KUBEMATE_TOPOLOGY_LABELS",
            SettingType.LIST,
            "node",
            "Labels naming shared infrastructure: an alert joins an active incident of its routing key that has a"
                    + " member with the same value of one of them; empty turns this rule off."),
    EVIDENCE_LEAD(
            "KUBEMATE_EVIDENCE_LEAD",
            SettingType.DURATION,
            "5m",
            "An incident's evidence window (logs, traces) starts this long before it opened; at most 1h."),
    EVIDENCE_BASELINE(
            "KUBEMATE_EVIDENCE_BASELINE",
            SettingType.DURATION,
            "30m",
            "Log templates are compared with this window before the evidence window to tell new and surging ones;"
                    + " lead plus baseline at most 3h (the log templates' memory)."),
    SERVICE_GRAPH_WINDOW(
            "KUBEMATE_SERVICE_GRAPH_WINDOW",
            SettingType.DURATION,
            "5m",
            "Sliding window (span time) of the service graph's call counts, error rates and latencies, in ten"
                    + " slices; whole seconds, 10s to 1h."),
    SERVICE_GRAPH_EXPIRE_AFTER(
            "KUBEMATE_SERVICE_GRAPH_EXPIRE_AFTER",
            SettingType.DURATION,
            "15m",
            "A service graph edge without calls for this long is deleted (and no longer joins incidents); at least"
                    + " the window, at most 7d."),
    COMMIT_INTERVAL(
            "KUBEMATE_COMMIT_INTERVAL",
            SettingType.DURATION,
            "50ms",
            "Kafka Streams commit interval (exactly-once transactions); lower means lower latency."),
    STANDBY_REPLICAS(
            "KUBEMATE_STANDBY_REPLICAS",
            SettingType.INT,
            "0",
            "Standby replicas of the streams state for fast failover."),
    STREAM_THREADS("KUBEMATE_STREAM_THREADS", SettingType.INT, "1", "Kafka Streams threads per instance."),
    MAX_BODY_BYTES(
            "KUBEMATE_MAX_BODY_BYTES", SettingType.SIZE, "1MiB", "Largest request body accepted; larger ones get 413."),
    LOKI_URL(
            "KUBEMATE_LOKI_URL",
            SettingType.STRING,
            "",
            "Loki base URL; when set, incidents pull warning and error lines of their services (query_range)."),
    JAEGER_URL(
            "KUBEMATE_JAEGER_URL",
            SettingType.STRING,
            "",
            "Jaeger query base URL; when set, incidents pull error traces of their services (/api/traces)."),
    PROMETHEUS_URL(
            "KUBEMATE_PROMETHEUS_URL",
            SettingType.STRING,
            "",
            "Prometheus base URL; when set, incidents pull their alerts' own expressions (query_range)."),
    WEBHOOK_TOKEN(
            "KUBEMATE_WEBHOOK_TOKEN",
            SettingType.SECRET,
            "",
            "When set, webhooks need `Authorization: Bearer <token>`."),
    API_TOKEN(
            "KUBEMATE_API_TOKEN", SettingType.SECRET, "", "When set, `/api/*` needs `Authorization: Bearer <token>`."),
    API_TOKENS(
            "KUBEMATE_API_TOKENS",
            SettingType.SECRET,
            "",
            "Named API tokens with scopes: `name:scope[,scope]:token` entries separated by `;`, scopes `read`"
                    + " (GET), `write` (actions), `admin` (merge, split); e.g. `ops:read,write:s3cr3t;grafana:read:t0k3n`."
                    + " `KUBEMATE_API_TOKEN` still works as one token with every scope."),
    OUTBOUND_ROUTES(
            "KUBEMATE_OUTBOUND_ROUTES",
            SettingType.SECRET,
            "",
            "Outgoing webhooks: a JSON array of routes, inline or the path of a file holding it; each"
                    + " `{\"name\", \"kind\": \"pagerduty\"|\"webhook\", \"url\", \"routingKey\"|\"secret\", \"match\"}`"
                    + " (see docs/outgoing-webhooks.md). Empty turns them off."),
    OUTBOUND_MAX_ATTEMPTS(
            "KUBEMATE_OUTBOUND_MAX_ATTEMPTS",
            SettingType.INT,
            "8",
            "Attempts per outgoing delivery (1 to 20), with exponential backoff and full jitter from 5s to 5m between"
                    + " them: 8 take about 10 minutes at most."),
    SLACK_BOT_TOKEN(
            "KUBEMATE_SLACK_BOT_TOKEN",
            SettingType.SECRET,
            "",
            "Slack bot token (`xoxb-...`); when set, incidents are posted to Slack and updated in place."),
    SLACK_CHANNEL(
            "KUBEMATE_SLACK_CHANNEL",
            SettingType.STRING,
            "",
            "Slack channel (id or `#name`) for incidents no routing rule matches; empty posts only routed ones."),
    SLACK_ROUTES(
            "KUBEMATE_SLACK_ROUTES",
            SettingType.STRING,
            "",
            "Label to channel rules, first match wins: `namespace=payments:#payments;severity=critical:#oncall`."),
    SLACK_SIGNING_SECRET(
            "KUBEMATE_SLACK_SIGNING_SECRET",
            SettingType.SECRET,
            "",
            "Slack app signing secret; `/slack/interactions` and `/slack/commands` refuse every request without it."),
    SLACK_API_URL(
            "KUBEMATE_SLACK_API_URL",
            SettingType.STRING,
            "https://slack.com/api/",
            "Slack Web API methods endpoint prefix (a proxy or a test stand-in)."),
    ALERTMANAGER_URL(
            "KUBEMATE_ALERTMANAGER_URL",
            SettingType.STRING,
            "",
            "Alertmanager base URL, for links and Slack's Silence 1h button (`POST /api/v2/silences`)."),
    PUBLIC_URL(
            "KUBEMATE_PUBLIC_URL",
            SettingType.STRING,
            "",
            "The URL people reach Kubemate at (https://kubemate.example.com), for links back from PagerDuty events,"
                    + " webhooks and messages; empty for no links."),
    GRAFANA_URL("KUBEMATE_GRAFANA_URL", SettingType.STRING, "", "Optional Grafana base URL for links in Slack."),
    API_RATE_LIMIT(
            "KUBEMATE_API_RATE_LIMIT",
            SettingType.INT,
            "0",
            "`/api/*` requests a second allowed per API token (per address without one), bursts of twice that; more"
                    + " get 429 with `Retry-After`. 0 turns the limit off."),
    HTTP_MAX_STREAMS(
            "KUBEMATE_HTTP_MAX_STREAMS",
            SettingType.INT,
            "64",
            "Open `/api/v1/incidents/stream` connections allowed at once (each holds a server thread); more get 503."),
    LOG_LEVEL("KUBEMATE_LOG_LEVEL", SettingType.STRING, "INFO", "Log level of Kubemate's own loggers."),
    LOG_FORMAT(
            "KUBEMATE_LOG_FORMAT",
            SettingType.STRING,
            "text",
            "`text` for people or `json` (one object per line, the incident id in `mdc.incident_id`); read from the"
                    + " environment only, by the logging setup."),
    CONFIG_FILE(
            "KUBEMATE_CONFIG_FILE",
            SettingType.PATH,
            "",
            "Optional Java properties file with any of these keys; environment variables win over it.");

    private final String envName;
    private final SettingType type;
    private final String defaultValue;
    private final String description;

    Setting(String envName, SettingType type, String defaultValue, String description) {
        this.envName = envName;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String envName() {
        return envName;
    }

    public SettingType type() {
        return type;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}
