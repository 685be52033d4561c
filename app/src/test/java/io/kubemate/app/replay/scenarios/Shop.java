package io.kubemate.app.replay.scenarios;

import io.kubemate.app.replay.scenarios.Traces.Service;
import io.kubemate.app.replay.scenarios.Traces.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fictional shop every scenario runs in (one call graph for all, so replaying several scenarios against one
 * instance builds one consistent service graph): {@code frontend} (namespace web, Node.js) calls {@code checkout}
 * and {@code cart} (shop) and {@code search-api} (search); {@code checkout} (Java) calls {@code payments}
 * (payments), {@code inventory-api} (inventory) and Postgres ({@code postgres}, shop); {@code payments} calls back
 * {@code checkout} to confirm captures; {@code cart} (Go) keeps carts in Redis ({@code redis-cart}, shop).
 * Databases are not instrumented: they appear only as the {@code peer.service} of client spans.
 */
final class Shop {
    final Recording rec;
    final Traces traces;
    final Service frontend;
    final Service checkout;
    final Service payments;
    final Service cart;
    final Service searchApi;
    final Service inventory;
    private final Map<String, AlertGroup> groups = new LinkedHashMap<>();

    Shop(Recording rec) {
        this.rec = rec;
        this.traces = new Traces(rec);
        this.frontend = new Service("frontend", "web", "frontend-" + rec.podSuffix(), "4.2.0", "nodejs");
        this.checkout = new Service("checkout", "shop", "checkout-" + rec.podSuffix(), "1.14.2", "java");
        this.payments = new Service("payments", "payments", "payments-" + rec.podSuffix(), "2.3.0", "java");
        this.cart = new Service("cart", "shop", "cart-" + rec.podSuffix(), "0.9.7", "go");
        this.searchApi = new Service("search-api", "search", "search-api-" + rec.podSuffix(), "1.17.3", "go");
        this.inventory = new Service("inventory-api", "inventory", "inventory-api-" + rec.podSuffix(), "3.1.0", "java");
    }

    // ---- traces ----

    /** A browser request entering the frontend. */
    Span request(double seconds, String route, double millis) {
        return traces.root(frontend, "@opentelemetry/instrumentation-http", route, Traces.SERVER, seconds, millis)
                .attr("http.request.method", route.split(" ")[0])
                .attr("http.route", route.split(" ")[1]);
    }

    /**
     * An HTTP call from {@code parent}'s service to {@code callee}: a CLIENT span and, when {@code reached}, the
     * callee's SERVER span (returned; the CLIENT span otherwise).
     */
    Span call(Span parent, Service callee, String route, double offset, double millis, int status, boolean reached) {
        String method = route.split(" ")[0];
        Span client = parent.child(parent.service, scopeOfClient(parent.service), method, Traces.CLIENT, offset, millis)
                .attr("http.request.method", method)
                .attr("server.address", callee.name() + "." + callee.namespace() + ".svc.cluster.local")
                .attr("peer.service", callee.name());
        if (status > 0) {
            client.attr("http.response.status_code", status);
        }
        if (!reached) {
            return client;
        }
        Span server = client.child(callee, scopeOfServer(callee), route, Traces.SERVER, 1.2, millis - 2.4)
                .attr("http.request.method", method)
                .attr("http.route", route.split(" ")[1])
                .attr("http.response.status_code", status);
        if (status >= 500) {
            client.error("HTTP " + status, null);
        }
        return server;
    }

    /** A database or cache call: a CLIENT span naming the uninstrumented peer. */
    Span db(Span parent, String peer, String system, String name, String statement, double offset, double millis) {
        String scope = system.equals("redis")
                ? "go.opentelemetry.io/contrib/instrumentation/github.com/redis/go-redis"
                : "io.opentelemetry.jdbc";
        return parent.child(parent.service, scope, name, Traces.CLIENT, offset, millis)
                .attr("db.system", system)
                .attr("db.statement", statement)
                .attr("peer.service", peer)
                .attr("server.address", peer + "." + parent.service.namespace() + ".svc.cluster.local");
    }

    private static String scopeOfClient(Service service) {
        return switch (service.language()) {
            case "java" -> "io.opentelemetry.java-http-client";
            case "go" -> "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp";
            default -> "@opentelemetry/instrumentation-undici";
        };
    }

    private static String scopeOfServer(Service service) {
        return switch (service.language()) {
            case "java" -> "io.opentelemetry.tomcat-10.0";
            case "go" -> "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp";
            default -> "@opentelemetry/instrumentation-http";
        };
    }

    // ---- alerts ----

    /** An alert definition being built; {@link #fire} files it under its group. */
    static final class Alert {
        final Map<String, String> labels = new TreeMap<>();
        final Map<String, String> annotations = new TreeMap<>();
        String expr = "";

        Alert(String name, String severity, String namespace, String service) {
            labels.put("alertname", name);
            labels.put("severity", severity);
            if (namespace != null) {
                labels.put("namespace", namespace);
            }
            labels.put("service", service);
        }

        Alert label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        Alert text(String summary, String description) {
            annotations.put("summary", summary);
            annotations.put("description", description);
            annotations.put(
                    "runbook_url",
                    "https://runbooks.acme.example/alerts/"
                            + labels.get("alertname").toLowerCase());
            return this;
        }

        Alert expr(String expr) {
            this.expr = expr;
            return this;
        }
    }

    static Alert alert(String name, String severity, String namespace, String service) {
        return new Alert(name, severity, namespace, service);
    }

    /** Files one firing episode from {@code from} to {@code to} seconds ({@code null}: still firing at the end). */
    void fire(Alert alert, String incident, String rootCause, double from, Double to) {
        String severity = alert.labels.get("severity");
        String key = alert.labels.get("alertname") + "/" + alert.labels.get("namespace") + "/" + severity;
        boolean critical = severity.equals("critical");
        AlertGroup group = groups.computeIfAbsent(
                key,
                k -> new AlertGroup(
                        rec,
                        "{severity=\"" + severity + "\"}",
                        List.of("alertname", "cluster", "namespace"),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(critical ? 1 : 2),
                        critical ? Duration.ofMinutes(3) : Duration.ofHours(4),
                        incident,
                        rootCause));
        String labelled = labelOf.putIfAbsent(key, incident == null ? "" : incident);
        if (labelled != null && !labelled.equals(incident == null ? "" : incident)) {
            throw new IllegalStateException("group " + key + " would mix ground-truth incidents");
        }
        group.episode(alert.labels, alert.annotations, alert.expr, from, to);
    }

    private final Map<String, String> labelOf = new LinkedHashMap<>();

    /** Adds every group's notifications up to {@code until} seconds. */
    void notifyUntil(double until) {
        groups.values().forEach(group -> group.notifyUntil(until));
    }

    // ---- logs ----

    /** Lines of one Loki stream, built up and pushed together. */
    final class Lines {
        private final String service;
        private final String namespace;
        private final String level;
        private final List<Map.Entry<Double, String>> lines = new ArrayList<>();

        Lines(String service, String namespace, String level) {
            this.service = service;
            this.namespace = namespace;
            this.level = level;
        }

        Lines at(double seconds, String line) {
            lines.add(Map.entry(seconds, line));
            return this;
        }

        /** Pushes the lines in batches, as an agent does: a batch closes 5 s after its first line. */
        void push() {
            List<Map.Entry<Double, String>> sorted = new ArrayList<>(lines);
            sorted.sort(Map.Entry.comparingByKey());
            List<Map.Entry<Double, String>> batch = new ArrayList<>();
            for (Map.Entry<Double, String> line : sorted) {
                if (!batch.isEmpty() && line.getKey() > batch.get(0).getKey() + 5) {
                    rec.loki(service, namespace, level, batch);
                    batch = new ArrayList<>();
                }
                batch.add(line);
            }
            if (!batch.isEmpty()) {
                rec.loki(service, namespace, level, batch);
            }
        }
    }

    Lines logs(String service, String namespace, String level) {
        return new Lines(service, namespace, level);
    }

    /**
     * Log records as the OpenTelemetry Java agent exports them over OTLP/HTTP JSON: one request per batch, records
     * with severity, body and the logger as scope; {@code lines} are (seconds, "LEVEL message") pairs.
     */
    void otlpLogs(Service service, String logger, List<Map.Entry<Double, String>> lines) {
        com.fasterxml.jackson.databind.node.ObjectNode body = Recording.NODES.objectNode();
        com.fasterxml.jackson.databind.node.ObjectNode resourceLogs =
                body.putArray("resourceLogs").addObject();
        com.fasterxml.jackson.databind.node.ArrayNode attributes =
                resourceLogs.putObject("resource").putArray("attributes");
        for (String[] kv : new String[][] {
            {"k8s.cluster.name", rec.cluster},
            {"k8s.namespace.name", service.namespace()},
            {"k8s.pod.name", service.pod()},
            {"service.name", service.name()},
            {"service.version", service.version()},
            {"telemetry.sdk.language", "java"}
        }) {
            attributes.addObject().put("key", kv[0]).putObject("value").put("stringValue", kv[1]);
        }
        com.fasterxml.jackson.databind.node.ObjectNode scope =
                resourceLogs.putArray("scopeLogs").addObject();
        scope.putObject("scope").put("name", logger);
        com.fasterxml.jackson.databind.node.ArrayNode records = scope.putArray("logRecords");
        double last = 0;
        for (Map.Entry<Double, String> line : lines) {
            String level = line.getValue().substring(0, line.getValue().indexOf(' '));
            com.fasterxml.jackson.databind.node.ObjectNode record = records.addObject();
            record.put("timeUnixNano", Recording.nanos(rec.t(line.getKey())));
            record.put("observedTimeUnixNano", Recording.nanos(rec.t(line.getKey() + 0.004)));
            record.put(
                    "severityNumber",
                    switch (level) {
                        case "ERROR" -> 17;
                        case "WARN" -> 13;
                        default -> 9;
                    });
            record.put("severityText", level);
            record.putObject("body").put("stringValue", line.getValue().substring(level.length() + 1));
            record.putArray("attributes")
                    .addObject()
                    .put("key", "thread.name")
                    .putObject("value")
                    .put("stringValue", "main");
            last = Math.max(last, line.getKey());
        }
        rec.add("otlp-logs", rec.t(last + 1), body, null, null);
    }

    /** A Spring Boot console line. */
    String spring(double seconds, String level, String thread, String logger, String message) {
        return rec.stamp(seconds) + "  " + String.format("%5s", level) + " 1 --- [" + thread + "] "
                + String.format("%-40s", logger) + " : " + message;
    }

    /** A pino JSON line (Node.js). */
    String pino(double seconds, int level, String message, String extra) {
        return "{\"level\":" + level + ",\"time\":" + rec.t(seconds).toEpochMilli() + ",\"pid\":1,\"hostname\":\""
                + frontend.pod() + "\",\"msg\":\"" + message + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    /** A logfmt line (Go services). */
    String logfmt(double seconds, String level, String caller, String message, String extra) {
        return "ts=" + rec.t(seconds) + " level=" + level + " caller=" + caller + " msg=\"" + message + "\""
                + (extra.isEmpty() ? "" : " " + extra);
    }
}
