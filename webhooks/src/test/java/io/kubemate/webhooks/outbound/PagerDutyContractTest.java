package io.kubemate.webhooks.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Contract test of what Kubemate sends to PagerDuty's Events API v2 ({@code POST /v2/enqueue}), checked against the
 * documented fields (FORMATS.md section 6 and the fixtures in {@code fixtures/pagerduty/}): only documented fields,
 * the required ones present, {@code dedup_key} the incident id, severity one of the four PagerDuty knows.
 */
class PagerDutyContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "R0UT1NGKEY0123456789ABCDEFGHIJKL";
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

    private final Receiver pagerDuty = new Receiver();
    private final List<DeliveryAttempt> log = new ArrayList<>();
    private final Deliverer deliverer = Deliverers.deliverer(RetryPolicy.defaults(), new ArrayList<Duration>());

    PagerDutyContractTest() throws IOException {}

    @AfterEach
    void stop() {
        pagerDuty.close();
    }

    private OutboundRoute route() {
        return new OutboundRoute("pd", OutboundRoute.Kind.PAGERDUTY, pagerDuty.url(""), KEY, Map.of());
    }

    @Test
    void anOpeningIsATriggerWithOnlyDocumentedFields() throws Exception {
        // when an incident opens
        boolean delivered = deliverer.deliver(route(), Incidents.open(1), IncidentEvent.TRIGGERED, null, log::add);

        // then one trigger is posted to /v2/enqueue, shaped like the documented trigger
        assertThat(delivered).isTrue();
        assertThat(pagerDuty.requests()).hasSize(1);
        Receiver.Request request = pagerDuty.requests().get(0);
        assertThat(request.path()).isEqualTo("/v2/enqueue");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = JSON.readTree(request.body());
        JsonNode documented = fixture("events-v2-trigger.json");
        assertThat(fields(body)).isSubsetOf(fields(documented));
        assertThat(fields(body.get("payload"))).isSubsetOf(fields(documented.get("payload")));
        assertThat(body.get("routing_key").asText()).isEqualTo(KEY);
        assertThat(body.get("event_action").asText()).isEqualTo("trigger");
        assertThat(body.get("dedup_key").asText()).isEqualTo(Incidents.ID).hasSizeLessThanOrEqualTo(255);
        JsonNode payload = body.get("payload");
        assertThat(payload.get("summary").asText())
                .hasSizeLessThanOrEqualTo(1024)
                .contains("[critical]", "KubePodCrashLooping", "4 alerts");
        assertThat(payload.get("source").asText()).isEqualTo("prod-eu-1/payments");
        assertThat(payload.get("severity").asText()).isIn(SEVERITIES).isEqualTo("critical");
        assertThat(payload.get("timestamp").asText()).isEqualTo("2026-11-25T16:45:08Z");
        assertThat(payload.get("component").asText()).isEqualTo("payments");
        assertThat(payload.get("group").asText()).isEqualTo("payments");
        assertThat(payload.get("class").asText()).isEqualTo("KubePodCrashLooping");
        assertThat(payload.get("custom_details").get("incident_id").asText()).isEqualTo(Incidents.ID);
        assertThat(payload.get("custom_details").get("alert_count").asInt()).isEqualTo(4);
        String page = Deliverers.PUBLIC_URL + "/#/incidents/" + Incidents.ID;
        assertThat(body.get("client_url").asText()).isEqualTo(page);
        assertThat(body.get("links").get(0).get("href").asText()).isEqualTo(page);
        assertThat(log).singleElement().satisfies(a -> {
            assertThat(a.event()).isEqualTo("trigger");
            assertThat(a.statusCode()).isEqualTo(202);
            assertThat(a.outcome()).isEqualTo(DeliveryAttempt.DELIVERED);
        });
    }

    @Test
    void acknowledgeAndResolveCarryOnlyTheKeyLikeTheDocumentedOnes() throws Exception {
        DeliveredState triggered = told(IncidentStatus.OPEN);
        Set<String> documentedAck = fields(fixture("events-v2-acknowledge.json"));
        Set<String> documentedResolve = fields(fixture("events-v2-resolve.json"));

        // when the incident is acknowledged, then resolved
        deliverer.deliver(
                route(),
                Incidents.incident(2, IncidentStatus.ACKNOWLEDGED, Severity.CRITICAL, 4),
                IncidentEvent.ACKNOWLEDGED,
                triggered,
                log::add);
        deliverer.deliver(
                route(),
                Incidents.incident(3, IncidentStatus.RESOLVED, Severity.CRITICAL, 4),
                IncidentEvent.RESOLVED,
                told(IncidentStatus.ACKNOWLEDGED),
                log::add);

        // then PagerDuty gets an acknowledge and a resolve with the same dedup_key and nothing else
        List<Receiver.Request> requests = pagerDuty.requests();
        assertThat(requests).hasSize(2);
        JsonNode ack = JSON.readTree(requests.get(0).body());
        JsonNode resolve = JSON.readTree(requests.get(1).body());
        assertThat(fields(ack)).isEqualTo(documentedAck);
        assertThat(fields(resolve)).isEqualTo(documentedResolve);
        assertThat(ack.get("event_action").asText()).isEqualTo("acknowledge");
        assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
        assertThat(ack.get("dedup_key").asText()).isEqualTo(Incidents.ID);
        assertThat(resolve.get("dedup_key").asText()).isEqualTo(Incidents.ID);
    }

    @Test
    void anAcknowledgementOfAnIncidentPagerDutyNeverSawIsTriggeredFirst() throws Exception {
        deliverer.deliver(
                route(),
                Incidents.incident(2, IncidentStatus.ACKNOWLEDGED, Severity.WARNING, 1),
                IncidentEvent.ACKNOWLEDGED,
                null,
                log::add);

        assertThat(pagerDuty.requests())
                .extracting(r -> JSON.readTree(r.body()).get("event_action").asText())
                .containsExactly("trigger", "acknowledge");
    }

    @Test
    void everySeverityMapsToOnePagerDutyKnows() {
        for (Severity severity : Severity.values()) {
            assertThat(PagerDutyEvents.severity(severity)).isIn(SEVERITIES);
        }
        assertThat(PagerDutyEvents.severity(Severity.NONE)).isEqualTo("error");
    }

    @Test
    void secretsInTheTitleAreRedactedBeforeTheyLeave() throws Exception {
        var leaky = new io.kubemate.core.incident.Incident(
                Incidents.open(1).id(),
                1,
                IncidentStatus.OPEN,
                "DbLoginFailed password=hunter2 in prod",
                Severity.ERROR,
                Map.of("namespace", "shop"),
                "",
                List.of("db"),
                1,
                1,
                Incidents.OPENED,
                Incidents.OPENED,
                null,
                List.of(),
                List.of(),
                0);

        deliverer.deliver(route(), leaky, IncidentEvent.TRIGGERED, null, log::add);

        assertThat(pagerDuty.requests().get(0).text()).doesNotContain("hunter2").contains("[REDACTED");
    }

    private static DeliveredState told(IncidentStatus status) {
        return new DeliveredState("pd", Incidents.ID, 1, status, "x", true, Deliverers.NOW);
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = PagerDutyContractTest.class.getResourceAsStream("/fixtures/pagerduty/" + name)) {
            return JSON.readTree(in);
        }
    }
}
