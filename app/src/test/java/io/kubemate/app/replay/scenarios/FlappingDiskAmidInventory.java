package io.kubemate.app.replay.scenarios;

import static io.kubemate.app.replay.scenarios.Shop.alert;

import io.kubemate.app.replay.scenarios.Traces.Span;
import java.time.Instant;

/**
 * (d) inventory-api's heap fills up (an unbounded reservation cache), GC pauses grow, requests slow down and fail
 * with 503, one pod is OOM-killed; checkout's reservations fail and the checkout page errors. Root cause: {@code
 * inventory-api}. Meanwhile, and unrelated, a log disk on another node hovers around its threshold and its
 * NodeDiskSpaceLow alert flaps four times: it must stay out of the real incident.
 */
final class FlappingDiskAmidInventory {
    static final String INCIDENT = "inventory-heap-exhaustion";
    static final String ROOT = "inventory-api";
    static final String DISK_NODE = "ip-10-30-8-17.ap-southeast-1.compute.internal";

    private FlappingDiskAmidInventory() {}

    static String generate() {
        Recording rec = new Recording("ap-southeast-1-prod", Instant.parse("2026-03-09T03:40:00Z"), 4);
        Shop shop = new Shop(rec);
        for (double at : new double[] {6, 24, 42, 60, 78, 470, 500}) {
            reserve(shop, at, 0);
        }
        for (int i = 0; i < 12; i++) {
            reserve(shop, 120 + i * 25, i % 3 == 0 ? 1 : 2);
        }
        alerts(shop);
        logs(shop);
        shop.notifyUntil(560);
        return rec.ndjson();
    }

    /** {@code trouble}: 0 healthy, 1 slow, 2 failing with an OutOfMemoryError in inventory-api. */
    private static void reserve(Shop shop, double at, int trouble) {
        double inventoryMillis = trouble == 0 ? 35 : trouble == 1 ? 2400 : 3100;
        Span page = shop.request(at, "POST /cart/checkout", inventoryMillis + 120);
        Span order = shop.call(
                page, shop.checkout, "POST /api/orders", 3, inventoryMillis + 110, trouble == 2 ? 503 : 201, true);
        Span reserve = shop.call(
                order, shop.inventory, "POST /v1/reservations", 10, inventoryMillis, trouble == 2 ? 503 : 201, true);
        shop.db(
                reserve,
                "inventory-db",
                "postgresql",
                "UPDATE stock",
                "update stock set reserved = reserved + ? where sku = ?",
                inventoryMillis - 20,
                4);
        if (trouble == 2) {
            reserve.error("Java heap space", "java.lang.OutOfMemoryError");
            order.error(
                    "inventory reservation failed: 503 Service Unavailable",
                    "org.springframework.web.client.HttpServerErrorException$ServiceUnavailable");
            page.attr("http.response.status_code", 502).error("HTTP 502", null);
        }
        shop.traces.flush(5);
    }

    private static void alerts(Shop shop) {
        String pod = shop.inventory.pod();
        shop.fire(
                alert("JvmHeapUsageHigh", "warning", "inventory", "inventory-api")
                        .label("pod", pod)
                        .label("job", "inventory-api")
                        .label("area", "heap")
                        .text(
                                "JVM heap above 90% in " + pod,
                                "Heap usage of " + pod + " is 96% of its 2 GiB maximum after GC.")
                        .expr(
                                "sum by (cluster, namespace, pod) (jvm_memory_used_bytes{job=\"inventory-api\",area=\"heap\"}) / sum by (cluster, namespace, pod) (jvm_memory_max_bytes{job=\"inventory-api\",area=\"heap\"}) > 0.9"),
                INCIDENT,
                ROOT,
                80,
                440.0);
        shop.fire(
                alert("JvmGcPauseHigh", "warning", "inventory", "inventory-api")
                        .label("pod", pod)
                        .label("job", "inventory-api")
                        .text(
                                "GC pauses take 41% of the time in " + pod,
                                pod + " spent 41% of the last 5 minutes in GC pauses.")
                        .expr(
                                "sum by (cluster, namespace, pod) (rate(jvm_gc_pause_seconds_sum{job=\"inventory-api\"}[5m])) > 0.2"),
                INCIDENT,
                ROOT,
                105,
                440.0);
        shop.fire(
                alert("InventoryApiHighLatency", "warning", "inventory", "inventory-api")
                        .label("job", "inventory-api")
                        .text(
                                "inventory-api p99 latency above 1 s",
                                "99th percentile of inventory-api latency is 3.1 s over the last 5 minutes.")
                        .expr(
                                "histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{job=\"inventory-api\"}[5m]))) > 1"),
                INCIDENT,
                ROOT,
                140,
                450.0);
        shop.fire(
                alert("InventoryApiHighErrorRate", "critical", "inventory", "inventory-api")
                        .label("job", "inventory-api")
                        .text(
                                "inventory-api 5xx ratio above 5%",
                                "31% of inventory-api requests failed with 5xx over the last 5 minutes.")
                        .expr(
                                "sum(rate(http_server_requests_seconds_count{job=\"inventory-api\",status=~\"5..\"}[5m])) / sum(rate(http_server_requests_seconds_count{job=\"inventory-api\"}[5m])) > 0.05"),
                INCIDENT,
                ROOT,
                170,
                455.0);
        shop.fire(
                alert("KubernetesContainerOomKiller", "warning", "inventory", "inventory-api")
                        .label("pod", pod)
                        .label("container", "inventory-api")
                        .label("job", "kube-state-metrics")
                        .text(
                                "Kubernetes container oom killer (instance " + pod + ")",
                                "Container inventory-api in pod inventory/" + pod
                                        + " has been OOMKilled 1 times in the last 10 minutes.")
                        .expr(
                                "(kube_pod_container_status_restarts_total - kube_pod_container_status_restarts_total offset 10m >= 1) and ignoring (reason) min_over_time(kube_pod_container_status_last_terminated_reason{reason=\"OOMKilled\"}[10m]) == 1"),
                INCIDENT,
                ROOT,
                310,
                460.0);
        shop.fire(
                alert("CheckoutReservationFailures", "warning", "shop", "checkout")
                        .label("job", "checkout")
                        .text(
                                "checkout cannot reserve stock",
                                "12% of stock reservations from checkout failed over the last 5 minutes.")
                        .expr(
                                "sum(rate(checkout_reservations_total{job=\"checkout\",outcome=\"error\"}[5m])) / sum(rate(checkout_reservations_total{job=\"checkout\"}[5m])) > 0.05"),
                INCIDENT,
                ROOT,
                185,
                465.0);
        shop.fire(
                alert("CheckoutHighErrorRate", "critical", "shop", "checkout")
                        .label("job", "checkout")
                        .text(
                                "checkout 5xx ratio above 5%",
                                "9.7% of checkout requests failed with 5xx over the last 5 minutes.")
                        .expr(
                                "sum(rate(http_server_requests_seconds_count{job=\"checkout\",status=~\"5..\"}[5m])) / sum(rate(http_server_requests_seconds_count{job=\"checkout\"}[5m])) > 0.05"),
                INCIDENT,
                ROOT,
                205,
                470.0);
        shop.fire(
                alert("FrontendCheckoutErrors", "critical", "web", "frontend")
                        .label("job", "frontend")
                        .label("route", "/cart/checkout")
                        .text(
                                "Checkout page failing",
                                "8% of POST /cart/checkout answered 5xx over the last 5 minutes.")
                        .expr(
                                "sum(rate(http_server_duration_milliseconds_count{service_name=\"frontend\",http_route=\"/cart/checkout\",http_response_status_code=~\"5..\"}[5m])) / sum(rate(http_server_duration_milliseconds_count{service_name=\"frontend\",http_route=\"/cart/checkout\"}[5m])) > 0.05"),
                INCIDENT,
                ROOT,
                235,
                480.0);
        double[][] flaps = {{30, 120}, {170, 250}, {300, 375}, {430, 505}};
        for (double[] flap : flaps) {
            shop.fire(
                    alert("NodeDiskSpaceLow", "warning", "monitoring", DISK_NODE)
                            .label("node", DISK_NODE)
                            .label("instance", "10.30.8.17:9100")
                            .label("job", "node-exporter")
                            .label("device", "/dev/nvme1n1")
                            .label("mountpoint", "/var/log")
                            .label("fstype", "xfs")
                            .text(
                                    "Disk space low on " + DISK_NODE + " /var/log",
                                    "Filesystem /var/log on " + DISK_NODE + " has 9.8% available space left.")
                            .expr(
                                    "node_filesystem_avail_bytes{job=\"node-exporter\",fstype!=\"\",mountpoint=\"/var/log\"} / node_filesystem_size_bytes{job=\"node-exporter\",fstype!=\"\",mountpoint=\"/var/log\"} * 100 < 10"),
                    "disk-flap",
                    null,
                    flap[0],
                    flap[1]);
        }
    }

    private static void logs(Shop shop) {
        Shop.Lines inventory = shop.logs("inventory-api", "inventory", "error");
        for (int i = 0; i < 9; i++) {
            double at = 95 + i * 24;
            inventory.at(
                    at,
                    shop.spring(
                            at,
                            "WARN",
                            "reservation-cache",
                            "c.a.inventory.cache.ReservationCache",
                            "cache size " + (412_000 + i * 23_117)
                                    + " entries exceeds soft limit 100000; eviction disabled for pending reservations"));
            if (i >= 3) {
                inventory.at(
                        at + 2,
                        shop.spring(
                                at + 2,
                                "ERROR",
                                "nio-8080-exec-" + (4 + i),
                                "o.a.c.c.C.[.[.[/].[dispatcherServlet]",
                                "Servlet.service() for servlet [dispatcherServlet] threw exception [Handler dispatch failed: java.lang.OutOfMemoryError: Java heap space]"));
            }
        }
        inventory.push();
        Shop.Lines checkout = shop.logs("checkout", "shop", "error");
        for (int i = 0; i < 6; i++) {
            double at = 180 + i * 41;
            checkout.at(
                    at,
                    shop.spring(
                            at,
                            "ERROR",
                            "nio-8080-exec-" + (1 + i),
                            "c.a.checkout.stock.InventoryClient",
                            "reservation for order ord_" + shop.rec.hex(10)
                                    + " failed: 503 Service Unavailable from POST http://inventory-api.inventory.svc.cluster.local/v1/reservations"));
        }
        checkout.push();
    }
}
