package io.kubemate.app.replay.scenarios;

import static io.kubemate.app.replay.scenarios.Shop.alert;

import io.kubemate.app.replay.scenarios.Traces.Span;
import java.time.Instant;

/**
 * (c) A worker node runs out of memory (a memory-hungry batch pod without limits landed on it); the kubelet reports
 * MemoryPressure and evicts pods: cart in namespace shop, search-api and search-indexer in namespace search. Their
 * deployments lose replicas, search slows down and the frontend errors. Root cause: the node, named by its node name;
 * node-level alerts carry it as their {@code service}, evicted-pod alerts carry it in {@code node} (the rule joins
 * {@code kube_pod_info}). Unrelated: a certificate about to expire and an HPA at its maximum.
 */
final class NodeMemoryPressure {
    static final String NODE = "ip-10-12-3-41.eu-central-1.compute.internal";
    static final String INCIDENT = "node-memory-pressure";

    private NodeMemoryPressure() {}

    static String generate() {
        Recording rec = new Recording("eu-central-1-prod", Instant.parse("2026-03-05T22:10:00Z"), 3);
        Shop shop = new Shop(rec);
        for (double at : new double[] {3, 21, 39, 57, 75, 93, 111, 129}) {
            traffic(shop, at, false);
        }
        for (int i = 0; i < 12; i++) {
            traffic(shop, 160 + i * 22, true);
        }
        alerts(shop);
        logs(shop);
        shop.notifyUntil(540);
        return rec.ndjson();
    }

    private static void traffic(Shop shop, double at, boolean degraded) {
        Span search = shop.request(at, "GET /search", degraded ? 2300 : 85);
        Span api = shop.call(
                search,
                shop.searchApi,
                "GET /v1/search",
                2,
                degraded ? 2280 : 70,
                degraded && at % 3 < 1 ? 503 : 200,
                true);
        if (degraded && at % 3 < 1) {
            api.error("no healthy upstream: search backend has 1/3 replicas", null);
            search.attr("http.response.status_code", 502).error("HTTP 502", null);
        }
        shop.traces.flush(5);
        Span cartPage = shop.request(at + 1, "GET /cart", degraded ? 900 : 40);
        Span cart = shop.call(cartPage, shop.cart, "GET /v1/carts/{id}", 2, degraded ? 880 : 25, 200, true);
        shop.db(cart, "redis-cart", "redis", "HGETALL", "HGETALL cart:?", 3, 1.1);
        shop.traces.flush(5);
    }

    private static void alerts(Shop shop) {
        shop.fire(
                alert("NodeMemoryHighUtilization", "warning", "monitoring", NODE)
                        .label("instance", "10.12.3.41:9100")
                        .label("job", "node-exporter")
                        .label("node", NODE)
                        .label("pod", "node-exporter-" + shop.rec.podSuffix().substring(10))
                        .text(
                                "Host is running out of memory.",
                                "Memory is filling up at " + NODE
                                        + ", has been above 90% for the last 2 minutes, is currently at 97.1%.")
                        .expr(
                                "100 - (node_memory_MemAvailable_bytes{job=\"node-exporter\"} / node_memory_MemTotal_bytes{job=\"node-exporter\"} * 100) > 90"),
                INCIDENT,
                NODE,
                70,
                420.0);
        shop.fire(
                alert("KubeNodePressure", "info", "monitoring", NODE)
                        .label("condition", "MemoryPressure")
                        .label("node", NODE)
                        .label("job", "kube-state-metrics")
                        .text(
                                "Node has as active Condition.",
                                NODE
                                        + " on cluster eu-central-1-prod has active Condition MemoryPressure. This is caused by resource usage exceeding eviction thresholds.")
                        .expr(
                                "kube_node_status_condition{job=\"kube-state-metrics\",condition=~\"(MemoryPressure|DiskPressure|PIDPressure)\",status=\"true\"} == 1 and on (cluster, node) kube_node_spec_unschedulable{job=\"kube-state-metrics\"} == 0"),
                INCIDENT,
                NODE,
                115,
                430.0);
        shop.fire(
                alert("KubeletEvictingPods", "warning", "monitoring", NODE)
                        .label("node", NODE)
                        .label("job", "kubelet")
                        .label("eviction_signal", "memory.available")
                        .text(
                                "Kubelet is evicting pods.",
                                "Kubelet on " + NODE
                                        + " evicted 4 pods in the last 5 minutes (signal memory.available).")
                        .expr(
                                "sum by (cluster, node, eviction_signal) (increase(kubelet_evictions{job=\"kubelet\"}[5m])) > 0"),
                INCIDENT,
                NODE,
                170,
                450.0);
        evicted(shop, "shop", "cart", shop.cart.pod(), 165);
        evicted(shop, "search", "search-api", shop.searchApi.pod(), 168);
        evicted(shop, "search", "search-indexer", "search-indexer-" + shop.rec.podSuffix(), 172);
        mismatch(shop, "shop", "cart", 250, "3", "2");
        mismatch(shop, "search", "search-api", 255, "3", "1");
        shop.fire(
                alert("SearchApiHighLatency", "warning", "search", "search-api")
                        .label("job", "search-api")
                        .text(
                                "search-api p99 latency above 1 s",
                                "99th percentile of search-api latency is 2.3 s over the last 5 minutes.")
                        .expr(
                                "histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket{job=\"search-api\"}[5m]))) > 1"),
                INCIDENT,
                NODE,
                230,
                470.0);
        shop.fire(
                alert("FrontendHighErrorRate", "critical", "web", "frontend")
                        .label("job", "frontend")
                        .text(
                                "frontend 5xx ratio above 2%",
                                "4.1% of frontend requests answered 5xx over the last 5 minutes (GET /search).")
                        .expr(
                                "sum(rate(http_server_duration_milliseconds_count{service_name=\"frontend\",http_response_status_code=~\"5..\"}[5m])) / sum(rate(http_server_duration_milliseconds_count{service_name=\"frontend\"}[5m])) > 0.02"),
                INCIDENT,
                NODE,
                270,
                480.0);
        // unrelated
        shop.fire(
                alert("CertManagerCertExpirySoon", "warning", "cert-manager", "cert-manager")
                        .label("certificate", "grafana-tls")
                        .label("exported_namespace", "monitoring")
                        .label("job", "cert-manager")
                        .text(
                                "The cert grafana-tls is 6 days from expiry",
                                "The certificate grafana-tls in monitoring expires in 6 days and has not been renewed.")
                        .expr(
                                "avg by (exported_namespace, namespace, name) (certmanager_certificate_expiration_timestamp_seconds - time()) < (7 * 24 * 3600)"),
                "bg-cert-expiry",
                null,
                40,
                null);
        shop.fire(
                alert("KubeHpaMaxedOut", "warning", "recommendations", "recommendations")
                        .label("horizontalpodautoscaler", "recommendations")
                        .label("job", "kube-state-metrics")
                        .text(
                                "HPA is running at max replicas",
                                "HPA recommendations/recommendations has been running at max replicas for longer than 15 minutes.")
                        .expr(
                                "kube_horizontalpodautoscaler_status_current_replicas{job=\"kube-state-metrics\"} == kube_horizontalpodautoscaler_spec_max_replicas{job=\"kube-state-metrics\"}"),
                "bg-hpa-maxed",
                null,
                330,
                null);
    }

    private static void evicted(Shop shop, String namespace, String service, String pod, double at) {
        shop.fire(
                alert("KubePodEvicted", "warning", namespace, service)
                        .label("pod", pod)
                        .label("node", NODE)
                        .label("reason", "Evicted")
                        .label("job", "kube-state-metrics")
                        .text(
                                "Pod was evicted",
                                "Pod " + namespace + "/" + pod + " was evicted from " + NODE
                                        + ": The node was low on resource: memory.")
                        .expr(
                                "max by (cluster, namespace, pod) (kube_pod_status_reason{reason=\"Evicted\"}) * on (cluster, namespace, pod) group_left (node) max by (cluster, namespace, pod, node) (kube_pod_info) > 0"),
                INCIDENT,
                NODE,
                at,
                400.0);
    }

    private static void mismatch(
            Shop shop, String namespace, String deployment, double at, String spec, String available) {
        shop.fire(
                alert("KubeDeploymentReplicasMismatch", "warning", namespace, deployment)
                        .label("deployment", deployment)
                        .label("job", "kube-state-metrics")
                        .text(
                                "Deployment has not matched the expected number of replicas.",
                                "Deployment " + namespace + "/" + deployment + " has " + available + " of " + spec
                                        + " replicas available for longer than 1 minute.")
                        .expr(
                                "(kube_deployment_spec_replicas{job=\"kube-state-metrics\"} > kube_deployment_status_replicas_available{job=\"kube-state-metrics\"})"),
                INCIDENT,
                NODE,
                at,
                460.0);
    }

    private static void logs(Shop shop) {
        Shop.Lines kubelet = shop.logs("kubelet", "kube-system", "warn");
        double[] times = {150, 151.2, 152.0, 160.5, 163.1, 166.4};
        String[] lines = {
            "eviction_manager.go:366] \"Eviction manager: attempting to reclaim\" resourceName=\"memory\"",
            "eviction_manager.go:377] \"Eviction manager: must evict pod(s) to reclaim\" resourceName=\"memory\"",
            "eviction_manager.go:395] \"Eviction manager: pods ranked for eviction\" pods=[\"batch/feature-backfill-28990231-k2x9p\",\"shop/"
                    + shop.cart.pod() + "\",\"search/" + shop.searchApi.pod() + "\"]",
            "eviction_manager.go:616] \"Eviction manager: pod is evicted successfully\" pod=\"shop/" + shop.cart.pod()
                    + "\"",
            "eviction_manager.go:616] \"Eviction manager: pod is evicted successfully\" pod=\"search/"
                    + shop.searchApi.pod() + "\"",
            "eviction_manager.go:455] \"Eviction manager: unable to evict any pods from the node\""
        };
        for (int i = 0; i < times.length; i++) {
            String stamp =
                    shop.rec.stamp(times[i]).substring(5).replace("-", "").replace(" ", " ");
            kubelet.at(times[i], "W" + stamp.substring(0, 4) + " " + stamp.substring(5) + "000    2214 " + lines[i]);
        }
        kubelet.push();
        Shop.Lines search = shop.logs("search-api", "search", "warn");
        for (int i = 0; i < 8; i++) {
            double at = 175 + i * 30;
            search.at(
                    at,
                    shop.logfmt(
                            at,
                            "warn",
                            "search/handler.go:121",
                            "slow search request",
                            "route=/v1/search duration=" + (1.8 + i * 0.07) + "s shards_waiting=2"));
        }
        search.push();
        Shop.Lines frontend = shop.logs("frontend", "web", "error");
        for (int i = 0; i < 4; i++) {
            double at = 200 + i * 60;
            frontend.at(
                    at,
                    shop.pino(
                            at,
                            50,
                            "search request failed",
                            "\"route\":\"/search\",\"upstream\":\"search-api\",\"status\":502"));
        }
        frontend.push();
    }
}
