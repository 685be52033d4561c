package io.kubemate.streams.rca;

import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.rca.RcaRequest;
import io.kubemate.core.topic.JsonSerde;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Reads the incidents topic and the evidence topic (both keyed by incident id, with the same partition count, so one
 * task sees both for an incident) and writes debounced summary requests to the requests topic ({@link
 * RcaRequestProcessor}). The workers that answer them run outside the streams, so a slow model never delays intake
 * or correlation.
 */
public final class RcaRequestTopology {
    /** Incident id to {@link RcaState}. */
    static final String STORE = "rca-request-store";

    private final String incidentsTopic;
    private final String evidenceTopic;
    private final String requestsTopic;
    private final RcaSettings settings;

    public RcaRequestTopology(String incidentsTopic, String evidenceTopic, String requestsTopic, RcaSettings settings) {
        this.incidentsTopic = Objects.requireNonNull(incidentsTopic, "incidentsTopic");
        this.evidenceTopic = Objects.requireNonNull(evidenceTopic, "evidenceTopic");
        this.requestsTopic = Objects.requireNonNull(requestsTopic, "requestsTopic");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Adds the sources, the processor with its store, and the sink; every node is named. */
    public void addTo(StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.String(), new JsonSerde<>(RcaState.class)));
        KStream<String, RcaInput> incidents = builder.stream(
                        incidentsTopic,
                        Consumed.with(Serdes.String(), new JsonSerde<>(Incident.class))
                                .withName("rca-incidents-source"))
                .filter((id, incident) -> incident != null, Named.as("rca-incidents-non-null"))
                .mapValues(RcaInput::of, Named.as("rca-incident-input"));
        KStream<String, RcaInput> evidence = builder.stream(
                        evidenceTopic,
                        Consumed.with(Serdes.String(), new JsonSerde<>(IncidentEvidence.class))
                                .withName("rca-evidence-source"))
                .filter((id, found) -> found != null, Named.as("rca-evidence-non-null"))
                .mapValues(RcaInput::of, Named.as("rca-evidence-input"));
        incidents
                .merge(evidence, Named.as("rca-merge"))
                .process(() -> new RcaRequestProcessor(settings), Named.as("rca-requests"), STORE)
                .to(
                        requestsTopic,
                        Produced.with(Serdes.String(), new JsonSerde<>(RcaRequest.class))
                                .withName("rca-requests-sink"));
    }
}
