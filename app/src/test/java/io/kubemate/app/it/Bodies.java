package io.kubemate.app.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemate.core.alert.Fingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Alertmanager version-4 webhook bodies for tests, and the real captured fixtures. */
final class Bodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Bodies() {}

    /** Labels of a test alert. */
    static Map<String, String> labels(String cluster, String namespace, String alertname, String instance) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("alertname", alertname);
        labels.put("cluster", cluster);
        labels.put("namespace", namespace);
        labels.put("service", alertname.toLowerCase(java.util.Locale.ROOT) + "-svc");
        labels.put("severity", "warning");
        labels.put("instance", instance);
        return labels;
    }

    /** A webhook body carrying {@code alerts} (label sets), all with the given status. */
    static byte[] webhook(List<Map<String, String>> alerts, boolean firing) {
        ObjectNode body = JSON.createObjectNode();
        body.put("receiver", "kubemate-it");
        body.put("status", firing ? "firing" : "resolved");
        ArrayNode array = body.putArray("alerts");
        Instant now = Instant.now();
        for (Map<String, String> labels : alerts) {
            ObjectNode alert = array.addObject();
            alert.put("status", firing ? "firing" : "resolved");
            alert.set("labels", JSON.valueToTree(labels));
            alert.putObject("annotations").put("summary", "test alert " + labels.get("instance"));
            alert.put("startsAt", "2026-11-25T10:00:00.123456789Z");
            alert.put("endsAt", firing ? "0001-01-01T00:00:00Z" : now.toString());
            alert.put("generatorURL", "http://prometheus.test:9090/graph?g0.expr=up");
            alert.put("fingerprint", Fingerprint.of(labels).value());
        }
        body.putObject("groupLabels");
        body.putObject("commonLabels");
        body.putObject("commonAnnotations");
        body.put("externalURL", "http://alertmanager.test:9093");
        body.put("version", "4");
        body.put("groupKey", "{}:{alertname=\"it\"}");
        body.put("truncatedAlerts", 0);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A real Alertmanager 0.25 capture from the test resources. */
    static byte[] fixture(String name) throws IOException {
        try (InputStream in = Bodies.class.getResourceAsStream("/fixtures/alertmanager/" + name + ".body.json")) {
            if (in == null) {
                throw new IOException("no fixture " + name);
            }
            return in.readAllBytes();
        }
    }
}
