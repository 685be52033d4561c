package io.kubemate.app.replay.scenarios;

import static io.kubemate.app.replay.scenarios.Shop.alert;

import io.kubemate.app.replay.scenarios.Traces.Span;
import java.time.Instant;

/**
 * (e) redis-cart rewrites its append-only file while the disk is slow; fsyncs stall and commands wait, cart's Redis
 * calls slow down and start to time out, cart gets slow and fails, the frontend's cart page gets slow and errors.
 * Root cause: {@code redis-cart}. A frontend feature-flag change five minutes before is a decoy; two unrelated alerts
 * fire meanwhile.
 */
final class RedisLatencyCascade {
    static final String INCIDENT = "redis-cart-latency";
    static final String ROOT = "redis-cart";

    private RedisLatencyCascade() {}

    static String generate() {
        Recording rec = new Recording("us-west-2-prod", Instant.parse("2026-03-11T17:05:00Z"), 5);
        Shop shop = new Shop(rec);
        rec.change(
                15,
                "frontend",
                "flag:cart-recommendations=on",
                "config",
                "https://flags.acme.example/flags/cart-recommendations/history",
                "m.silva");
        for (double at : new double[] {5, 23, 41, 59, 77, 480, 505}) {
            cart(shop, at, 0);
        }
        for (int i = 0; i < 14; i++) {
            cart(shop, 110 + i * 23, i % 2 == 0 ? 2 : 1);
        }
        alerts(shop);
        logs(shop);
        shop.notifyUntil(560);
        return rec.ndjson();
    }

    /** {@code trouble}: 0 healthy, 1 slow Redis, 2 Redis read timeout. */
    private static void cart(Shop shop, double at, int trouble) {
        double redisMillis = trouble == 0 ? 0.9 : trouble == 1 ? 740 : 1000;
        Span page = shop.request(at, "GET /cart", redisMillis + 60);
        Span cart =
                shop.call(page, shop.cart, "GET /v1/carts/{id}", 3, redisMillis + 40, trouble == 2 ? 503 : 200, true);
        Span redis = shop.db(cart, "redis-cart", "redis", "HGETALL", "HGETALL cart:?", 4, redisMillis);
        if (trouble == 2) {
            redis.error("redis: i/o timeout", "*net.OpError");
            cart.error("cart unavailable: redis: i/o timeout", null);
            page.attr("http.response.status_code", 502).error("HTTP 502", null);
        }
        shop.traces.flush(5);
    }

    private static void alerts(Shop shop) {
        shop.fire(
                alert("RedisAofDelayedFsync", "warning", "shop", "redis-cart")
                        .label("pod", "redis-cart-0")
                        .label("job", "redis-exporter")
                        .label("instance", "10.52.1.14:9121")
                        .text(
                                "Redis AOF fsync is delayed on redis-cart-0",
                                "redis-cart-0 delayed 37 AOF fsyncs in the last 5 minutes: the disk cannot keep up.")
                        .expr("increase(redis_aof_delayed_fsync{job=\"redis-exporter\"}[5m]) > 0"),
                INCIDENT,
                ROOT,
                95,
                430.0);
        shop.fire(
                alert("RedisCommandLatencyHigh", "critical", "shop", "redis-cart")
                        .label("pod", "redis-cart-0")
                        .label("job", "redis-exporter")
                        .label("instance", "10.52.1.14:9121")
                        .text(
                                "Redis commands are slow on redis-cart-0",
                                "Average Redis command latency on redis-cart-0 is 412 ms over the last 2 minutes.")
                        .expr(
                                "sum by (cluster, namespace, pod) (rate(redis_commands_duration_seconds_total{job=\"redis-exporter\"}[2m])) / sum by (cluster, namespace, pod) (rate(redis_commands_total{job=\"redis-exporter\"}[2m])) > 0.05"),
                INCIDENT,
                ROOT,
                105,
                440.0);
        shop.fire(
                alert("RedisTooManyBlockedClients", "warning", "shop", "redis-cart")
                        .label("pod", "redis-cart-0")
                        .label("job", "redis-exporter")
                        .label("instance", "10.52.1.14:9121")
                        .text("Clients pile up on redis-cart-0", "redis-cart-0 has 212 connected clients (usual: 40).")
                        .expr("redis_connected_clients{job=\"redis-exporter\"} > 150"),
                INCIDENT,
                ROOT,
                150,
                440.0);
        shop.fire(
                alert("CartHighLatency", "warning", "shop", "cart")
                        .label("job", "cart")
                        .text(
                                "cart p99 latency above 500 ms",
                                "99th percentile of cart latency is 1.04 s over the last 5 minutes.")
                        .expr(
                                "histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket{job=\"cart\"}[5m]))) > 0.5"),
                INCIDENT,
                ROOT,
                135,
                450.0);
        shop.fire(
                alert("CartRedisTimeouts", "critical", "shop", "cart")
                        .label("job", "cart")
                        .text(
                                "cart's Redis calls time out",
                                "cart saw 2.4 Redis timeouts per second over the last 5 minutes.")
                        .expr("sum(rate(cart_redis_errors_total{job=\"cart\",kind=\"timeout\"}[5m])) > 0.5"),
                INCIDENT,
                ROOT,
                165,
                455.0);
        shop.fire(
                alert("FrontendHighLatency", "warning", "web", "frontend")
                        .label("job", "frontend")
                        .label("route", "/cart")
                        .text(
                                "frontend p95 latency above 800 ms",
                                "95th percentile of GET /cart latency is 1.1 s over the last 5 minutes.")
                        .expr(
                                "histogram_quantile(0.95, sum by (le) (rate(http_server_duration_milliseconds_bucket{service_name=\"frontend\",http_route=\"/cart\"}[5m]))) > 800"),
                INCIDENT,
                ROOT,
                185,
                470.0);
        shop.fire(
                alert("FrontendCartErrors", "critical", "web", "frontend")
                        .label("job", "frontend")
                        .label("route", "/cart")
                        .text("Cart page failing", "11% of GET /cart answered 5xx over the last 5 minutes.")
                        .expr(
                                "sum(rate(http_server_duration_milliseconds_count{service_name=\"frontend\",http_route=\"/cart\",http_response_status_code=~\"5..\"}[5m])) / sum(rate(http_server_duration_milliseconds_count{service_name=\"frontend\",http_route=\"/cart\"}[5m])) > 0.05"),
                INCIDENT,
                ROOT,
                215,
                480.0);
        // unrelated
        shop.fire(
                alert("KubeContainerWaiting", "warning", "batch", "nightly-export")
                        .label(
                                "pod",
                                "nightly-export-29014410-"
                                        + shop.rec.podSuffix().substring(10))
                        .label("container", "export")
                        .label("reason", "ImagePullBackOff")
                        .label("job", "kube-state-metrics")
                        .text(
                                "Pod container waiting longer than 1 hour",
                                "pod/nightly-export-29014410 in namespace batch on container export has been in waiting state for longer than 1 hour (reason: \"ImagePullBackOff\").")
                        .expr(
                                "kube_pod_container_status_waiting_reason{reason!=\"CrashLoopBackOff\", job=\"kube-state-metrics\"} > 0"),
                "bg-export-image",
                null,
                60,
                null);
        shop.fire(
                alert("AlertmanagerFailedToSendAlerts", "warning", "monitoring", "alertmanager-main")
                        .label("integration", "slack")
                        .label("pod", "alertmanager-main-1")
                        .label("job", "alertmanager-main")
                        .text(
                                "An Alertmanager instance failed to send notifications.",
                                "Alertmanager monitoring/alertmanager-main-1 failed to send 12.5% of notifications to slack.")
                        .expr(
                                "(rate(alertmanager_notifications_failed_total{job=\"alertmanager-main\"}[5m]) / ignoring (reason) group_left rate(alertmanager_notifications_total{job=\"alertmanager-main\"}[5m])) > 0.01"),
                "bg-alertmanager-slack",
                null,
                250,
                330.0);
    }

    private static void logs(Shop shop) {
        Shop.Lines redis = shop.logs("redis-cart", "shop", "warn");
        redis.at(88, "1:M " + redisStamp(shop, 88) + " * Starting automatic rewriting of AOF on 112% growth");
        redis.at(
                88.2, "1:M " + redisStamp(shop, 88.2) + " * Background append only file rewriting started by pid 4312");
        for (int i = 0; i < 7; i++) {
            double at = 96 + i * 41;
            redis.at(
                    at,
                    "1:M " + redisStamp(shop, at)
                            + " * Asynchronous AOF fsync is taking too long (disk is busy?). Writing the AOF buffer without waiting for fsync to complete, this may slow down Redis.");
        }
        redis.at(
                402,
                "4312:C " + redisStamp(shop, 402)
                        + " * Successfully created the temporary AOF base file temp-rewriteaof-bg-4312.aof");
        redis.at(404, "1:M " + redisStamp(shop, 404) + " * Background AOF rewrite finished successfully");
        redis.push();
        Shop.Lines cart = shop.logs("cart", "shop", "error");
        for (int i = 0; i < 9; i++) {
            double at = 112 + i * 33;
            cart.at(
                    at,
                    shop.logfmt(
                            at,
                            i % 2 == 0 ? "error" : "warn",
                            "cart/store.go:77",
                            i % 2 == 0 ? "load cart failed" : "slow redis call",
                            i % 2 == 0
                                    ? "cart_id=" + shop.rec.hex(8) + " err=\"redis: i/o timeout\""
                                    : "cmd=HGETALL duration=" + (700 + i * 9) + "ms"));
        }
        cart.push();
        Shop.Lines frontend = shop.logs("frontend", "web", "error");
        for (int i = 0; i < 5; i++) {
            double at = 190 + i * 47;
            frontend.at(
                    at,
                    shop.pino(
                            at,
                            50,
                            "cart request failed",
                            "\"route\":\"/cart\",\"upstream\":\"cart\",\"status\":502,\"durationMs\":"
                                    + (1040 + i * 3)));
        }
        frontend.push();
    }

    private static String redisStamp(Shop shop, double seconds) {
        return java.time.format.DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS", java.util.Locale.ROOT)
                .withZone(java.time.ZoneOffset.UTC)
                .format(shop.rec.t(seconds));
    }
}
