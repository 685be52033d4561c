package io.kubemate.app.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bundled demo: three independent problems in two namespaces, told as the sequence of webhook notifications an
 * Alertmanager (grouping by alertname and service) would send: groups re-sent whole on every notification, alerts
 * joining groups, alerts resolving, one alert flapping. Times are relative to the start of the replay.
 */
public final class DemoScenario {
    /** One alert of the scenario; its labels make its fingerprint. */
    record DemoAlert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt) {}

    /** One alert inside a notification, with the status it has there. */
    record Entry(DemoAlert alert, boolean firing) {}

    /** One webhook POST: the whole group as Alertmanager sends it. */
    record Notification(String receiver, String groupKey, Map<String, String> groupLabels, List<Entry> entries) {
        int firingCount() {
            return (int) entries.stream().filter(Entry::firing).count();
        }
    }

    private final Instant t0;
    private final List<Notification> notifications = new ArrayList<>();

    private DemoScenario(Instant t0) {
        this.t0 = t0;
    }

    /** The scenario with its first alert starting at {@code t0}. */
    public static DemoScenario startingAt(Instant t0) {
        DemoScenario s = new DemoScenario(t0);
        s.build();
        return s;
    }

    List<Notification> notifications() {
        return List.copyOf(notifications);
    }

    /** How many alert entries the notifications carry in all, re-sends included. */
    public int alertEntries() {
        return notifications.stream().mapToInt(n -> n.entries().size()).sum();
    }

    /** The last status (true = firing) each distinct alert has in the scenario, keyed by its label set. */
    Map<Map<String, String>, Boolean> finalStatus() {
        Map<Map<String, String>, Boolean> status = new LinkedHashMap<>();
        for (Notification n : notifications) {
            for (Entry e : n.entries()) {
                status.put(e.alert().labels(), e.firing());
            }
        }
        return status;
    }

    private void build() {
        // problem 1: prod-eu-1/shop: payments pods crash-loop, checkout errors and frontend latency follow
        List<DemoAlert> crash = new ArrayList<>();
        for (String pod : List.of("7d9f8b6c5-abcde", "7d9f8b6c5-fghij", "7d9f8b6c5-klmno", "7d9f8b6c5-pqrst")) {
            crash.add(alert(
                    "prod-eu-1",
                    "shop",
                    "KubePodCrashLooping",
                    "payments",
                    "warning",
                    0,
                    Map.of("pod", "payments-" + pod, "container", "payments-api"),
                    "Pod shop/payments-" + pod + " is crash looping"));
        }
        DemoAlert crash5 = alert(
                "prod-eu-1",
                "shop",
                "KubePodCrashLooping",
                "payments",
                "critical",
                40,
                Map.of("pod", "payments-7d9f8b6c5-uvwxy", "container", "payments-api"),
                "Pod shop/payments-7d9f8b6c5-uvwxy is crash looping");
        DemoAlert replicas = alert(
                "prod-eu-1",
                "shop",
                "KubeDeploymentReplicasMismatch",
                "payments",
                "warning",
                20,
                Map.of("deployment", "payments"),
                "Deployment shop/payments has 1 of 5 replicas available");
        DemoAlert checkout5xx = alert(
                "prod-eu-1",
                "shop",
                "HighErrorRate",
                "checkout",
                "critical",
                30,
                Map.of("job", "checkout-api"),
                "checkout 5xx ratio above 5%");
        DemoAlert cart5xx = alert(
                "prod-eu-1",
                "shop",
                "HighErrorRate",
                "cart",
                "warning",
                45,
                Map.of("job", "cart-api"),
                "cart 5xx ratio above 2%");
        DemoAlert frontendLatency = alert(
                "prod-eu-1",
                "shop",
                "HighLatency",
                "frontend",
                "warning",
                50,
                Map.of("route", "/checkout"),
                "frontend p99 latency above 2s on /checkout");

        // problem 2: prod-eu-1/data: postgres disks fill up, replication lags, queries slow down
        DemoAlert disk0 = alert(
                "prod-eu-1",
                "data",
                "PostgresDiskUsageHigh",
                "postgres",
                "warning",
                5,
                Map.of("pod", "postgres-0", "persistentvolumeclaim", "data-postgres-0"),
                "postgres-0 volume 91% full");
        DemoAlert disk1 = alert(
                "prod-eu-1",
                "data",
                "PostgresDiskUsageHigh",
                "postgres",
                "critical",
                25,
                Map.of("pod", "postgres-1", "persistentvolumeclaim", "data-postgres-1"),
                "postgres-1 volume 97% full");
        DemoAlert lag = alert(
                "prod-eu-1",
                "data",
                "PostgresReplicationLag",
                "postgres",
                "critical",
                35,
                Map.of("pod", "postgres-1"),
                "replica postgres-1 is 412s behind the primary");
        DemoAlert slow = alert(
                "prod-eu-1",
                "data",
                "PostgresSlowQueries",
                "postgres",
                "warning",
                55,
                Map.of("pod", "postgres-0", "datname", "orders"),
                "mean query time on orders above 800ms");
        DemoAlert wal = alert(
                "prod-eu-1",
                "data",
                "PostgresWalArchivingFailing",
                "postgres",
                "error",
                60,
                Map.of("pod", "postgres-0"),
                "WAL archiving has failed 14 times in 10m");

        // problem 3: prod-us-1/shop: an expired certificate breaks the ingress
        DemoAlert cert = alert(
                "prod-us-1",
                "shop",
                "CertificateExpiringSoon",
                "ingress",
                "warning",
                10,
                Map.of("certificate", "shop-tls", "issuer", "letsencrypt"),
                "shop-tls expires in 0h");
        DemoAlert renew = alert(
                "prod-us-1",
                "shop",
                "KubeJobFailed",
                "cert-manager",
                "warning",
                65,
                Map.of("job_name", "shop-tls-renew-29174"),
                "Job shop/shop-tls-renew-29174 failed");
        List<DemoAlert> ingress = new ArrayList<>();
        for (String host : List.of("www", "api", "m", "checkout", "static")) {
            ingress.add(alert(
                    "prod-us-1",
                    "shop",
                    "IngressHigh5xx",
                    "ingress",
                    "critical",
                    15,
                    Map.of("host", host + ".shop.example.com"),
                    host + ".shop.example.com answers 5xx to 38% of requests"));
        }

        send("shop-crashloop", crash, List.of());
        send("data-disk", List.of(disk0), List.of());
        send("us-cert", List.of(cert), List.of());
        send("us-ingress", ingress.subList(0, 3), List.of());
        send("shop-replicas", List.of(replicas), List.of());
        send("data-disk", List.of(disk0, disk1), List.of());
        send("shop-checkout", List.of(checkout5xx), List.of());
        send("us-ingress", ingress, List.of());
        send("data-lag", List.of(lag), List.of());
        send("shop-crashloop", concat(crash, List.of(crash5)), List.of());
        send("shop-cart", List.of(cart5xx), List.of());
        send("shop-latency", List.of(frontendLatency), List.of());
        send("data-slow", List.of(slow), List.of());
        send("data-disk", List.of(disk0, disk1), List.of());
        send("shop-latency", List.of(), List.of(frontendLatency)); // flaps: resolves ...
        send("data-wal", List.of(wal), List.of());
        send("us-cert-job", List.of(renew), List.of());
        send("shop-latency", List.of(frontendLatency), List.of()); // ... and fires again
        send("us-ingress", ingress.subList(2, 5), ingress.subList(0, 2));
        send("shop-checkout", List.of(checkout5xx), List.of());
        // the payments fix rolls out: problem 1 resolves completely
        send("shop-crashloop", List.of(crash.get(3), crash5), crash.subList(0, 3));
        send("shop-crashloop", List.of(), concat(crash, List.of(crash5)));
        send("shop-replicas", List.of(), List.of(replicas));
        send("shop-checkout", List.of(), List.of(checkout5xx));
        send("shop-cart", List.of(), List.of(cart5xx));
        send("shop-latency", List.of(), List.of(frontendLatency));
        send("data-lag", List.of(lag), List.of());
    }

    private void send(String group, List<DemoAlert> firing, List<DemoAlert> resolved) {
        List<Entry> entries = new ArrayList<>();
        firing.forEach(a -> entries.add(new Entry(a, true)));
        resolved.forEach(a -> entries.add(new Entry(a, false)));
        DemoAlert first = firing.isEmpty() ? resolved.get(0) : firing.get(0);
        Map<String, String> groupLabels = new TreeMap<>(Map.of(
                "alertname",
                first.labels().get("alertname"),
                "service",
                first.labels().get("service")));
        String groupKey = "{}:{alertname=\"" + groupLabels.get("alertname") + "\", service=\""
                + groupLabels.get("service") + "\"}";
        notifications.add(new Notification("kubemate-demo-" + group, groupKey, groupLabels, entries));
    }

    private DemoAlert alert(
            String cluster,
            String namespace,
            String alertname,
            String service,
            String severity,
            int startSecond,
            Map<String, String> extra,
            String summary) {
        Map<String, String> labels = new TreeMap<>(extra);
        labels.put("alertname", alertname);
        labels.put("cluster", cluster);
        labels.put("namespace", namespace);
        labels.put("service", service);
        labels.put("severity", severity);
        Map<String, String> annotations =
                Map.of("summary", summary, "runbook_url", "https://runbooks.example.com/" + alertname);
        return new DemoAlert(labels, annotations, t0.plusSeconds(startSecond));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
