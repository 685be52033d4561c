package io.kubemate.rag.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Incident summaries of 60-100 words, as the embedder sees them after redaction: alert, evidence, change. */
final class IncidentTexts {
    private static final String[] SERVICES = {
        "payments-api", "checkout", "cart", "inventory", "auth-svc", "search", "notifications", "shipping"
    };
    private static final String[] ALERTS = {
        "HighErrorRate: 5xx ratio above 5% for 10 minutes",
        "LatencyP99High: p99 latency above 2s on the /charge route",
        "PodCrashLooping: container restarted 7 times in 15 minutes",
        "KafkaConsumerLag: lag above 50000 records on the orders topic",
        "DiskPressure: node filesystem above 92% used",
        "CertificateExpiring: TLS certificate expires in less than 3 days"
    };
    private static final String[] EVIDENCE = {
        "logs show java.net.SocketTimeoutException: Read timed out calling the database pool",
        "HikariPool-1 reports connection is not available, request timed out after 30000ms",
        "the container was OOMKilled with memory limit 512Mi exceeded during a traffic peak",
        "traces show the slowest span in the postgres query SELECT on the orders table taking 1.8s",
        "upstream returned 503 Service Unavailable from the istio sidecar with reset reason overflow",
        "the kubelet evicted pods after the node reported DiskPressure and image garbage collection failed"
    };
    private static final String[] CHANGES = {
        "a deploy of version 2.3.1 rolled out twenty minutes before the first alert",
        "a config map change lowered the connection pool size from 50 to 10",
        "the horizontal pod autoscaler reached its maximum of 12 replicas",
        "a node pool upgrade drained three nodes in the zone europe-west1-b",
        "no change was recorded in the hour before the incident"
    };

    private IncidentTexts() {}

    static List<String> generate(int n, long seed) {
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String service = pick(random, SERVICES);
            String other = pick(random, SERVICES);
            texts.add("Incident INC-" + (1000 + i) + " on " + service + " in namespace prod. Alert "
                    + pick(random, ALERTS)
                    + ", firing with severity critical together with two related alerts on " + other + ". Evidence: "
                    + pick(random, EVIDENCE) + "; also " + pick(random, EVIDENCE) + ". Recent change: "
                    + pick(random, CHANGES) + ". Probable origin " + service + ", blast radius " + other
                    + " and the public gateway, error budget burn rate " + (2 + random.nextInt(12)) + "x.");
        }
        return texts;
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }
}
