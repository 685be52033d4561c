package io.kubemate.app.replay.scenarios;

import static io.kubemate.app.replay.scenarios.Shop.alert;

import io.kubemate.app.replay.scenarios.Traces.Span;
import java.time.Instant;

/**
 * (b) payments v2.3.1 goes out with a missing secret reference; its pods crash-loop at start-up, the deployment
 * loses its replicas, checkout's charges fail (connection refused, circuit breaker opens) and the frontend's checkout
 * errors; a rollback to v2.3.0 at 7 min ends it. Root cause: {@code payments}. Unrelated at the same time: a Loki
 * volume filling up, a CoreDNS blip, and an unrelated search-api deploy.
 */
final class PaymentsBadDeploy {
    static final String INCIDENT = "payments-v2.3.1-crashloop";
    static final String ROOT = "payments";

    private PaymentsBadDeploy() {}

    static String generate() {
        Recording rec = new Recording("us-east-1-prod", Instant.parse("2026-03-04T09:30:00Z"), 2);
        Shop shop = new Shop(rec);
        rec.change(
                10,
                "search-api",
                "v1.18.0",
                "deploy",
                "https://argocd.acme.example/applications/search-api?revision=5e1f0c2",
                "argocd");
        rec.change(
                30, "payments", "v2.3.1", "deploy", "https://github.com/acme/payments/releases/tag/v2.3.1", "j.okafor");
        rec.change(
                420,
                "payments",
                "v2.3.0",
                "rollback",
                "https://argocd.acme.example/applications/payments?revision=v2.3.0",
                "j.okafor");
        for (double at : new double[] {4, 22, 40, 58, 76, 480, 510}) {
            Span page = shop.request(at, "POST /cart/checkout", 240);
            Span order = shop.call(page, shop.checkout, "POST /api/orders", 3, 230, 201, true);
            Span charge = shop.call(order, shop.payments, "POST /v1/charges", 40, 170, 201, true);
            shop.db(
                    charge,
                    "payments-db",
                    "postgresql",
                    "INSERT charges",
                    "insert into charges (id, order_id, amount) values (?, ?, ?)",
                    120,
                    5);
            shop.traces.flush(5);
        }
        for (int i = 0; i < 10; i++) {
            double at = 140 + i * 27;
            Span page = shop.request(at, "POST /cart/checkout", 60)
                    .attr("http.response.status_code", 502)
                    .error("HTTP 502", null);
            Span order = shop.call(page, shop.checkout, "POST /api/orders", 3, 50, 502, true)
                    .error(
                            "payment failed: " + (i > 4 ? "CircuitBreaker 'payments' is OPEN" : "Connection refused"),
                            i > 4
                                    ? "io.github.resilience4j.circuitbreaker.CallNotPermittedException"
                                    : "java.net.ConnectException");
            if (i % 4 == 3) {
                // a pod that started just long enough to take a request before failing
                shop.call(order, shop.payments, "POST /v1/charges", 8, 30, 500, true)
                        .error(
                                "Cannot invoke \"PspClient.charge(ChargeRequest)\" because \"this.pspClient\" is null",
                                "java.lang.NullPointerException");
            } else if (i <= 4) {
                shop.call(order, shop.payments, "POST /v1/charges", 8, 3, 0, false)
                        .error(
                                "Connection refused: payments.payments.svc.cluster.local/10.0.61.17:8080",
                                "java.net.ConnectException");
            }
            shop.traces.flush(5);
        }
        alerts(shop);
        logs(shop);
        shop.notifyUntil(580);
        return rec.ndjson();
    }

    private static void alerts(Shop shop) {
        String[] pods = {
            "payments-6c8d9f7b5-" + shop.rec.podSuffix().substring(10),
            "payments-6c8d9f7b5-" + shop.rec.podSuffix().substring(10)
        };
        for (int i = 0; i < pods.length; i++) {
            shop.fire(
                    alert("KubePodCrashLooping", "warning", "payments", "payments")
                            .label("pod", pods[i])
                            .label("container", "payments")
                            .label("job", "kube-state-metrics")
                            .label("reason", "CrashLoopBackOff")
                            .text(
                                    "Pod is crash looping.",
                                    "Pod payments/" + pods[i]
                                            + " (payments) is in waiting state (reason: \"CrashLoopBackOff\").")
                            .expr(
                                    "max_over_time(kube_pod_container_status_waiting_reason{reason=\"CrashLoopBackOff\", job=\"kube-state-metrics\"}[5m]) >= 1"),
                    INCIDENT,
                    ROOT,
                    150 + i * 20,
                    460.0);
        }
        shop.fire(
                alert("TargetDown", "warning", "payments", "payments")
                        .label("job", "payments")
                        .text(
                                "One or more targets are unreachable.",
                                "100% of the payments/payments targets in payments namespace are down.")
                        .expr(
                                "100 * (count(up == 0) BY (cluster, job, namespace, service) / count(up) BY (cluster, job, namespace, service)) > 10"),
                INCIDENT,
                ROOT,
                185,
                470.0);
        shop.fire(
                alert("KubeDeploymentReplicasMismatch", "warning", "payments", "payments")
                        .label("deployment", "payments")
                        .label("job", "kube-state-metrics")
                        .text(
                                "Deployment has not matched the expected number of replicas.",
                                "Deployment payments/payments has not matched the expected number of replicas for longer than 3 minutes.")
                        .expr(
                                "(kube_deployment_spec_replicas{job=\"kube-state-metrics\"} > kube_deployment_status_replicas_available{job=\"kube-state-metrics\"})"),
                INCIDENT,
                ROOT,
                260,
                475.0);
        shop.fire(
                alert("CheckoutHighErrorRate", "critical", "shop", "checkout")
                        .label("job", "checkout")
                        .text(
                                "checkout 5xx ratio above 5%",
                                "61.0% of checkout requests failed with 5xx over the last 5 minutes.")
                        .expr(
                                "sum(rate(http_server_requests_seconds_count{job=\"checkout\",status=~\"5..\"}[5m])) / sum(rate(http_server_requests_seconds_count{job=\"checkout\"}[5m])) > 0.05"),
                INCIDENT,
                ROOT,
                200,
                500.0);
        shop.fire(
                alert("CheckoutCircuitBreakerOpen", "warning", "shop", "checkout")
                        .label("job", "checkout")
                        .label("name", "payments")
                        .text(
                                "Circuit breaker payments is open in checkout",
                                "checkout stopped calling payments: the failure rate exceeded 50%.")
                        .expr(
                                "max by (cluster, namespace, name) (resilience4j_circuitbreaker_state{job=\"checkout\",state=\"open\"}) == 1"),
                INCIDENT,
                ROOT,
                230,
                450.0);
        shop.fire(
                alert("FrontendCheckoutErrors", "critical", "web", "frontend")
                        .label("job", "frontend")
                        .label("route", "/cart/checkout")
                        .text(
                                "Checkout page failing",
                                "58% of POST /cart/checkout answered 5xx over the last 5 minutes.")
                        .expr(
                                "sum(rate(http_server_duration_milliseconds_count{service_name=\"frontend\",http_route=\"/cart/checkout\",http_response_status_code=~\"5..\"}[5m])) / sum(rate(http_server_duration_milliseconds_count{service_name=\"frontend\",http_route=\"/cart/checkout\"}[5m])) > 0.05"),
                INCIDENT,
                ROOT,
                225,
                505.0);
        // unrelated
        shop.fire(
                alert("KubePersistentVolumeFillingUp", "warning", "logging", "loki")
                        .label("persistentvolumeclaim", "storage-loki-write-1")
                        .label("job", "kubelet")
                        .text(
                                "PersistentVolume is filling up.",
                                "Based on recent sampling, the PersistentVolume claimed by storage-loki-write-1 in Namespace logging is expected to fill up within four days. Currently 14.2% is available.")
                        .expr(
                                "(kubelet_volume_stats_available_bytes{job=\"kubelet\"} / kubelet_volume_stats_capacity_bytes{job=\"kubelet\"}) < 0.15 and predict_linear(kubelet_volume_stats_available_bytes{job=\"kubelet\"}[6h], 4 * 24 * 3600) < 0"),
                "bg-loki-volume",
                null,
                90,
                null);
        shop.fire(
                alert("KubeDNSLatencyHigh", "warning", "kube-system", "kube-dns")
                        .label("job", "coredns")
                        .label(
                                "pod",
                                "coredns-5d78c9869d-" + shop.rec.podSuffix().substring(10))
                        .text("CoreDNS latency is high", "CoreDNS p99 latency is 1.2 s on coredns.")
                        .expr(
                                "histogram_quantile(0.99, sum(rate(coredns_dns_request_duration_seconds_bucket{job=\"coredns\"}[5m])) by (cluster, pod, le)) > 1"),
                "bg-coredns-blip",
                null,
                300,
                390.0);
    }

    private static void logs(Shop shop) {
        // payments runs the OpenTelemetry Java agent, which exports its logs over OTLP
        for (int start : new int[] {62, 104, 160, 250, 330, 405}) {
            shop.otlpLogs(
                    shop.payments,
                    "org.springframework.boot.SpringApplication",
                    java.util.List.of(
                            java.util.Map.entry(
                                    (double) start,
                                    "INFO Starting PaymentsApplication v2.3.1 using Java 17.0.15 with PID 1"),
                            java.util.Map.entry(
                                    start + 3.1,
                                    "WARN Exception encountered during context initialization - cancelling refresh attempt: org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'pspClient': Could not resolve placeholder 'PSP_WEBHOOK_SECRET' in value \"${PSP_WEBHOOK_SECRET}\""),
                            java.util.Map.entry(start + 3.3, "ERROR Application run failed")));
        }
        Shop.Lines checkout = shop.logs("checkout", "shop", "error");
        for (int i = 0; i < 8; i++) {
            double at = 141 + i * 33;
            checkout.at(
                    at,
                    shop.spring(
                            at,
                            "ERROR",
                            "nio-8080-exec-" + (2 + i),
                            "c.a.checkout.payment.PaymentsClient",
                            i < 4
                                    ? "charge for order ord_" + shop.rec.hex(10)
                                            + " failed: java.net.ConnectException: Connection refused"
                                    : "charge for order ord_" + shop.rec.hex(10)
                                            + " not attempted: CircuitBreaker 'payments' is OPEN and does not permit further calls"));
        }
        checkout.push();
        Shop.Lines frontend = shop.logs("frontend", "web", "error");
        for (int i = 0; i < 5; i++) {
            double at = 150 + i * 52;
            frontend.at(
                    at,
                    shop.pino(
                            at,
                            50,
                            "checkout request failed",
                            "\"route\":\"/cart/checkout\",\"upstream\":\"checkout\",\"status\":502,\"durationMs\":"
                                    + (48 + i)));
        }
        frontend.push();
    }
}
