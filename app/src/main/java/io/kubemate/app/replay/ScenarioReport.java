package io.kubemate.app.replay;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The outcome of replaying one file.
 *
 * @param name the file name without extension
 * @param records how many records it holds
 * @param recorded the recording's span, first to last {@code at}
 * @param wall how long sending took on the wall clock
 * @param sent per record type ({@code alertmanager}, {@code loki}, ...): sent, accepted, 404 (no receiver), failed
 * @param score the figures
 * @param settled whether the incidents settled before the deadline (see {@link Replayer.Settings#timeout()})
 * @param originReported whether the API reported {@code probableOrigin} at all
 * @param errors the first few failures, one line each
 */
public record ScenarioReport(
        String name,
        int records,
        Duration recorded,
        Duration wall,
        Map<String, Counts> sent,
        ReplayScore.Result score,
        boolean settled,
        boolean originReported,
        List<String> errors) {
    public ScenarioReport {
        sent = Map.copyOf(sent);
        errors = List.copyOf(errors);
    }

    /** Records of one type: sent, answered 2xx, answered 404 (no receiver there yet), failed otherwise. */
    public record Counts(int sent, int accepted, int missingEndpoint, int failed) {}

    /** No failed record, every alert reached an incident and the incidents settled. */
    public boolean isClean() {
        return errors.isEmpty() && settled && score.placedAlerts() == score.alerts();
    }
}
