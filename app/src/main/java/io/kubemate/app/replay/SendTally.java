package io.kubemate.app.replay;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What happened to the records of one replay, per type. Not thread-safe. */
final class SendTally {
    /** Keep the first few error lines; the counts say how many there were. */
    private static final int MAX_ERRORS = 20;

    /** Counts of one record type. */
    record Counts(int sent, int accepted, int missingEndpoint, int failed) {}

    private final Map<RecordType, int[]> counts = new EnumMap<>(RecordType.class);
    private final List<String> errors = new ArrayList<>();

    void accepted(RecordType type) {
        slot(type)[0]++;
        slot(type)[1]++;
    }

    /** A 404 for a kind of record the target has no receiver for yet. */
    void missingEndpoint(RecordType type) {
        slot(type)[0]++;
        slot(type)[2]++;
    }

    void failed(RecordType type, String error) {
        slot(type)[0]++;
        slot(type)[3]++;
        if (errors.size() < MAX_ERRORS) {
            errors.add(error);
        }
    }

    Map<RecordType, Counts> counts() {
        Map<RecordType, Counts> result = new EnumMap<>(RecordType.class);
        counts.forEach((type, c) -> result.put(type, new Counts(c[0], c[1], c[2], c[3])));
        return result;
    }

    int failures() {
        return counts.values().stream().mapToInt(c -> c[3]).sum();
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    private int[] slot(RecordType type) {
        return counts.computeIfAbsent(type, k -> new int[4]);
    }
}
