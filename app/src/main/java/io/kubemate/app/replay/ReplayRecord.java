package io.kubemate.app.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of a replay file.
 *
 * @param line its 1-based line number in the file
 * @param type what it is and where it goes
 * @param at when it happened in the recording
 * @param body the request body, sent as JSON after its times are rebased
 * @param incident the ground-truth incident label of the alerts it carries, or {@code null}
 * @param rootCause the service that caused that incident, or {@code null}
 */
record ReplayRecord(int line, RecordType type, Instant at, ObjectNode body, String incident, String rootCause) {
    ReplayRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(body, "body");
    }
}
