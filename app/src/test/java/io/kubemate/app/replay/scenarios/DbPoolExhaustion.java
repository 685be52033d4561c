package io.kubemate.app.replay.scenarios;

import static io.kubemate.app.replay.scenarios.Shop.alert;

import io.kubemate.app.replay.scenarios.Traces.Span;
import java.time.Instant;

/**
 * (a) A backfill transaction holds row locks on {@code orders} in Postgres; checkout's order updates wait on them
 * until the statement timeout, its Hikari pool runs dry, checkout fails and slows down, the frontend's checkout page
 * errors and payments' capture confirmations (calls back into checkout) time out. Root cause: {@code postgres}.
 */
final class DbPoolExhaustion {
    static final String INCIDENT = "orders-db-lock";
    static final String ROOT = "postgres";

    private DbPoolExhaustion() {}

    static String generate() {
        Recording rec = new Recording("eu-west-1-prod", Instant.parse("2026-03-02T14:00:00Z"), 1);
        Shop shop = new Shop(rec);
        healthy(shop, new double[] {5, 25, 45, 65, 460, 490});
        for (int i = 0; i < 11; i++) {
            double at = 150 + i * 25;
            if (i % 5 == 2) {
                poolTimeout(shop, at);
            } else if (i % 3 == 1) {
                captureTimeout(shop, at);
            } else {
                checkoutTimeout(shop, at);
            }
            shop.traces.flush(5);
        }
        alerts(shop);
        logs(shop);
        shop.notifyUntil(560);
        return rec.ndjson();
    }

    private static void healthy(Shop shop, double[] times) {
        for (double at : times) {
            Span page = shop.request(at, "POST /cart/checkout", 160);
            Span order = shop.call(page, shop.checkout, "POST /api/orders", 3, 150, 201, true);
            shop.db(
                    order,
                    "postgres",
                    "postgresql",
                    "INSERT orders",
                    "insert into orders (id, cart_id, total) values (?, ?, ?)",
                    20,
                    6);
            Span capture = shop.traces
                    .root(
                            shop.payments,
                            "io.opentelemetry.tomcat-10.0",
                            "POST /v1/captures/{id}",
                            Traces.SERVER,
                            at + 2,
                            90)
                    .attr("http.request.method", "POST")
                    .attr("http.route", "/v1/captures/{id}")
                    .attr("http.response.status_code", 200);
            Span confirm = shop.call(capture, shop.checkout, "POST /internal/orders/{id}/paid", 40, 40, 204, true);
            shop.db(confirm, "postgres", "postgresql", "UPDATE orders", "update orders set status=? where id=?", 5, 4);
            shop.traces.flush(5);
        }
    }

    /** The erroring path ends at checkout's UPDATE, cancelled by the statement timeout while waiting on the lock. */
    private static void checkoutTimeout(Shop shop, double at) {
        Span page = shop.request(at, "POST /cart/checkout", 5120)
                .attr("http.response.status_code", 502)
                .error("HTTP 502", null);
        Span order = shop.call(page, shop.checkout, "POST /api/orders", 4, 5100, 500, true)
                .error("could not execute statement; SQL [n/a]", "org.springframework.dao.QueryTimeoutException");
        shop.db(
                        order,
                        "postgres",
                        "postgresql",
                        "UPDATE orders",
                        "update orders set reserved_until=? where id=?",
                        30,
                        5002)
                .error("ERROR: canceling statement due to statement timeout", "org.postgresql.util.PSQLException");
    }

    /** payments → checkout confirmation: checkout's UPDATE waits on the same lock; payments gives up after 10 s. */
    private static void captureTimeout(Shop shop, double at) {
        Span capture = shop.traces
                .root(shop.payments, "io.opentelemetry.tomcat-10.0", "POST /v1/captures/{id}", Traces.SERVER, at, 10040)
                .attr("http.request.method", "POST")
                .attr("http.route", "/v1/captures/{id}")
                .attr("http.response.status_code", 202);
        Span client = capture.child(
                        shop.payments, "io.opentelemetry.java-http-client", "POST", Traces.CLIENT, 15, 10000)
                .attr("http.request.method", "POST")
                .attr("peer.service", "checkout")
                .attr("server.address", "checkout.shop.svc.cluster.local")
                .error("request timed out", "java.net.http.HttpTimeoutException");
        Span confirm = client.child(
                        shop.checkout,
                        "io.opentelemetry.tomcat-10.0",
                        "POST /internal/orders/{id}/paid",
                        Traces.SERVER,
                        1,
                        5040)
                .attr("http.request.method", "POST")
                .attr("http.route", "/internal/orders/{id}/paid")
                .attr("http.response.status_code", 500)
                .error("could not execute statement; SQL [n/a]", "org.springframework.dao.QueryTimeoutException");
        shop.db(confirm, "postgres", "postgresql", "UPDATE orders", "update orders set status=? where id=?", 8, 5001)
                .error("ERROR: canceling statement due to statement timeout", "org.postgresql.util.PSQLException");
    }

    /** No connection within Hikari's timeout: the error is on checkout's own span, no database span at all. */
    private static void poolTimeout(Shop shop, double at) {
        Span page = shop.request(at, "POST /cart/checkout", 10030)
                .attr("http.response.status_code", 504)
                .error("HTTP 504", null);
        Span client = page.child(
                        shop.frontend, "@opentelemetry/instrumentation-undici", "POST", Traces.CLIENT, 3, 10000)
                .attr("http.request.method", "POST")
                .attr("peer.service", "checkout")
                .attr("server.address", "checkout.shop.svc.cluster.local")
                .error("Headers Timeout Error", "UND_ERR_HEADERS_TIMEOUT");
        client.child(shop.checkout, "io.opentelemetry.tomcat-10.0", "POST /api/orders", Traces.SERVER, 1, 30004)
                .attr("http.request.method", "POST")
                .attr("http.route", "/api/orders")
                .attr("http.response.status_code", 500)
                .error(
                        "HikariPool-1 - Connection is not available, request timed out after 30000ms.",
                        "java.sql.SQLTransientConnectionException");
    }

    private static void alerts(Shop shop) {
        String checkoutPod2 = "checkout-" + shop.rec.podSuffix();
        shop.fire(
                alert("PostgresqlLongRunningTransaction", "warning", "shop", "postgres")
                        .label("pod", "orders-db-1")
                        .label("job", "postgres-exporter")
                        .label("instance", "10.40.3.21:9187")
                        .label("datname", "orders")
                        .text(
                                "Long running transaction on orders-db-1",
                                "A transaction on database orders has been open for more than 60 s (longest: 6m10s).")
                        .expr(
                                "max by (cluster, namespace, pod, datname) (pg_stat_activity_max_tx_duration{datname=\"orders\"}) > 60"),
                INCIDENT,
                ROOT,
                100,
                430.0);
        shop.fire(
                alert("PostgresqlHighLockWaits", "warning", "shop", "postgres")
                        .label("pod", "orders-db-1")
                        .label("job", "postgres-exporter")
                        .label("instance", "10.40.3.21:9187")
                        .label("datname", "orders")
                        .text(
                                "Many sessions wait on locks in orders",
                                "More than 20 sessions on orders-db-1 are waiting on row locks.")
                        .expr(
                                "sum by (cluster, namespace, pod, datname) (pg_locks_count{datname=\"orders\",mode=\"sharelock\"}) > 20"),
                INCIDENT,
                ROOT,
                120,
                430.0);
        shop.fire(
                alert("PgbouncerClientsWaiting", "critical", "shop", "postgres")
                        .label("pod", "orders-db-pooler-" + shop.rec.podSuffix())
                        .label("job", "pgbouncer-exporter")
                        .label("instance", "10.40.3.30:9127")
                        .label("database", "orders")
                        .text(
                                "Clients wait for a server connection to orders",
                                "pgbouncer has 38 clients waiting for a connection to orders; the pool (20) is exhausted.")
                        .expr(
                                "sum by (cluster, namespace, pod, database) (pgbouncer_pools_client_waiting_connections{database=\"orders\"}) > 10"),
                INCIDENT,
                ROOT,
                135,
                440.0);
        for (String pod : new String[] {shop.checkout.pod(), checkoutPod2}) {
            shop.fire(
                    alert("HikariPoolPendingThreads", "warning", "shop", "checkout")
                            .label("pod", pod)
                            .label("job", "checkout")
                            .label("instance", pod + ":8081")
                            .label("pool", "HikariPool-1")
                            .text(
                                    "Threads wait for a database connection in " + pod,
                                    "More than 5 threads of " + pod
                                            + " wait for a HikariPool-1 connection (pool size 10).")
                            .expr(
                                    "max by (cluster, namespace, pod, pool) (hikaricp_connections_pending{job=\"checkout\"}) > 5"),
                    INCIDENT,
                    ROOT,
                    pod.equals(checkoutPod2) ? 175 : 160,
                    pod.equals(checkoutPod2) ? 455.0 : 450.0);
        }
        shop.fire(
                alert("CheckoutHighLatency", "warning", "shop", "checkout")
                        .label("job", "checkout")
                        .text(
                                "checkout p99 latency above 2 s",
                                "99th percentile of checkout request latency is 9.8 s over the last 5 minutes.")
                        .expr(
                                "histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{job=\"checkout\"}[5m]))) > 2"),
                INCIDENT,
                ROOT,
                170,
                470.0);
        shop.fire(
                alert("CheckoutHighErrorRate", "critical", "shop", "checkout")
                        .label("job", "checkout")
                        .text(
                                "checkout 5xx ratio above 5%",
                                "23.4% of checkout requests failed with 5xx over the last 5 minutes.")
                        .expr(
                                "sum(rate(http_server_requests_seconds_count{job=\"checkout\",status=~\"5..\"}[5m])) / sum(rate(http_server_requests_seconds_count{job=\"checkout\"}[5m])) > 0.05"),
                INCIDENT,
                ROOT,
                190,
                480.0);
        shop.fire(
                alert("FrontendCheckoutErrors", "critical", "web", "frontend")
                        .label("job", "frontend")
                        .label("route", "/cart/checkout")
                        .text(
                                "Checkout page failing",
                                "18% of POST /cart/checkout answered 5xx over the last 5 minutes.")
                        .expr(
                                "sum(rate(http_server_duration_milliseconds_count{service_name=\"frontend\",http_route=\"/cart/checkout\",http_response_status_code=~\"5..\"}[5m])) / sum(rate(http_server_duration_milliseconds_count{service_name=\"frontend\",http_route=\"/cart/checkout\"}[5m])) > 0.05"),
                INCIDENT,
                ROOT,
                215,
                490.0);
        shop.fire(
                alert("PaymentsCaptureConfirmTimeouts", "warning", "payments", "payments")
                        .label("job", "payments")
                        .text(
                                "payments cannot confirm captures to checkout",
                                "Capture confirmations to checkout time out (0.4/s over the last 5 minutes); they are retried.")
                        .expr("sum(rate(payments_capture_confirm_errors_total{reason=\"timeout\"}[5m])) > 0.1"),
                INCIDENT,
                ROOT,
                240,
                500.0);
        // unrelated, at the same time
        shop.fire(
                alert("CPUThrottlingHigh", "info", "monitoring", "prometheus-adapter")
                        .label("pod", "prometheus-adapter-" + shop.rec.podSuffix())
                        .label("container", "prometheus-adapter")
                        .label("job", "kube-state-metrics")
                        .text(
                                "Processes experience elevated CPU throttling.",
                                "41% throttling of CPU in namespace monitoring for container prometheus-adapter.")
                        .expr(
                                "sum(increase(container_cpu_cfs_throttled_periods_total{container!=\"\"}[5m])) by (cluster, container, pod, namespace) / sum(increase(container_cpu_cfs_periods_total{}[5m])) by (cluster, container, pod, namespace) > (25 / 100)"),
                "bg-adapter-throttling",
                null,
                60,
                360.0);
        shop.fire(
                alert("KubeJobFailed", "warning", "batch", "report-generator")
                        .label("job_name", "report-generator-29012345")
                        .label("job", "kube-state-metrics")
                        .text(
                                "Job failed to complete.",
                                "Job batch/report-generator-29012345 failed to complete. Removing failed job after investigation should clear this alert.")
                        .expr("kube_job_failed{job=\"kube-state-metrics\"} > 0"),
                "bg-report-job",
                null,
                200,
                null);
    }

    private static void logs(Shop shop) {
        Shop.Lines postgres = shop.logs("postgres", "shop", "warn");
        for (int i = 0; i < 6; i++) {
            double at = 75 + i * 50;
            postgres.at(
                    at,
                    shop.rec.stamp(at) + " UTC [" + (48213 + i * 7) + "] LOG:  process " + (48213 + i * 7)
                            + " still waiting for ShareLock on transaction 90412377 after 1000.0" + (41 + i) + " ms");
            postgres.at(
                    at + 0.01,
                    shop.rec.stamp(at + 0.01) + " UTC [" + (48213 + i * 7)
                            + "] DETAIL:  Process holding the lock: 47990. Wait queue: " + (48213 + i * 7) + ".");
            postgres.at(
                    at + 4,
                    shop.rec.stamp(at + 4) + " UTC [" + (48213 + i * 7)
                            + "] ERROR:  canceling statement due to statement timeout");
        }
        postgres.at(
                421, shop.rec.stamp(421) + " UTC [47990] FATAL:  terminating connection due to administrator command");
        postgres.push();
        Shop.Lines checkout = shop.logs("checkout", "shop", "error");
        for (int i = 0; i < 8; i++) {
            double at = 158 + i * 31;
            checkout.at(
                    at,
                    shop.spring(
                            at,
                            "WARN",
                            "nio-8080-exec-" + (3 + i),
                            "o.h.engine.jdbc.spi.SqlExceptionHelper",
                            "SQL Error: 0, SQLState: 57014"));
            checkout.at(
                    at + 0.002,
                    shop.spring(
                            at + 0.002,
                            "ERROR",
                            "nio-8080-exec-" + (3 + i),
                            "o.h.engine.jdbc.spi.SqlExceptionHelper",
                            "ERROR: canceling statement due to statement timeout"));
            if (i % 3 == 2) {
                checkout.at(
                        at + 1,
                        shop.spring(
                                at + 1,
                                "ERROR",
                                "nio-8080-exec-" + (11 + i),
                                "c.a.checkout.web.OrderController",
                                "POST /api/orders failed: HikariPool-1 - Connection is not available, request timed out after 30000ms."));
            }
        }
        checkout.push();
        Shop.Lines frontend = shop.logs("frontend", "web", "error");
        for (int i = 0; i < 6; i++) {
            double at = 210 + i * 40;
            frontend.at(
                    at,
                    shop.pino(
                            at,
                            50,
                            "checkout request failed",
                            "\"route\":\"/cart/checkout\",\"upstream\":\"checkout\",\"status\":"
                                    + (i % 3 == 2 ? 504 : 502) + ",\"durationMs\":" + (5100 + i * 13)));
        }
        frontend.push();
        Shop.Lines payments = shop.logs("payments", "payments", "warn");
        for (int i = 0; i < 5; i++) {
            double at = 236 + i * 45;
            payments.at(
                    at,
                    shop.spring(
                            at,
                            "WARN",
                            "capture-confirm-" + (i + 1),
                            "c.a.payments.capture.ConfirmClient",
                            "Confirmation of capture cap_" + shop.rec.hex(12)
                                    + " to checkout timed out after 10000 ms; retry 1/5 in 30 s"));
        }
        payments.push();
    }
}
