package io.kubemate.app.replay;

import java.util.Optional;

/** The kinds of record a replay file holds, each with the endpoint it is sent to. */
enum RecordType {
    ALERTMANAGER("alertmanager", "/webhooks/alertmanager"),
    LOKI("loki", "/loki/api/v1/push"),
    OTLP_TRACES("otlp-traces", "/v1/traces"),
    OTLP_LOGS("otlp-logs", "/v1/logs"),
    CHANGE("change", "/webhooks/changes");

    private final String wireName;
    private final String path;

    RecordType(String wireName, String path) {
        this.wireName = wireName;
        this.path = path;
    }

    String wireName() {
        return wireName;
    }

    String path() {
        return path;
    }

    static Optional<RecordType> of(String wireName) {
        for (RecordType type : values()) {
            if (type.wireName.equals(wireName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
