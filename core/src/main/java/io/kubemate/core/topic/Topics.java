package io.kubemate.core.topic;

import io.kubemate.core.alert.RawAlert;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAction;
import io.kubemate.core.incident.IncidentAlert;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Kubemate's typed topics, built once from {@link TopicSettings}.
 *
 * @param alertsRaw fingerprint to received alert
 * @param incidents incident id to snapshot (compacted); snapshots here carry no member alerts
 * @param incidentAlerts {@code <incident id>/<fingerprint>} to the member alert (compacted)
 * @param actions incident id to action
 * @param deadLetter the original key and value bytes of records that failed, with error headers
 */
public record Topics(
        Topic<String, RawAlert> alertsRaw,
        Topic<String, Incident> incidents,
        Topic<String, IncidentAlert> incidentAlerts,
        Topic<String, IncidentAction> actions,
        Topic<byte[], byte[]> deadLetter) {

    public static Topics from(TopicSettings settings) {
        int partitions = settings.partitions();
        return new Topics(
                new Topic<>(settings.alertsRaw(), partitions, false, Serdes.String(), new JsonSerde<>(RawAlert.class)),
                new Topic<>(settings.incidents(), partitions, true, Serdes.String(), new JsonSerde<>(Incident.class)),
                new Topic<>(
                        settings.incidentAlerts(),
                        partitions,
                        true,
                        Serdes.String(),
                        new JsonSerde<>(IncidentAlert.class)),
                new Topic<>(
                        settings.actions(), partitions, false, Serdes.String(), new JsonSerde<>(IncidentAction.class)),
                new Topic<>(settings.deadLetter(), 1, false, Serdes.ByteArray(), Serdes.ByteArray()));
    }

    /** Every topic Kubemate creates when missing. */
    public List<Topic<?, ?>> all() {
        return List.of(alertsRaw, incidents, incidentAlerts, actions, deadLetter);
    }
}
