package io.kubemate.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemate.core.error.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeRebaseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant FIRST = Instant.parse("2026-03-02T14:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private static ObjectNode body(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
    }

    @Test
    void atSpeedOneEveryTimeShiftsByTheSameAmount() {
        TimeRebase rebase = new TimeRebase(FIRST, NOW, 1);

        assertThat(rebase.map(FIRST.plusSeconds(90))).isEqualTo(NOW.plusSeconds(90));
        assertThat(rebase.map(FIRST.minusSeconds(30))).isEqualTo(NOW.minusSeconds(30));
    }

    @Test
    void atSpeedTenTheRecordingClockRunsTenTimesFaster() {
        TimeRebase rebase = new TimeRebase(FIRST, NOW, 10);

        assertThat(rebase.map(FIRST.plusSeconds(600))).isEqualTo(NOW.plusSeconds(60));
        assertThat(rebase.map(FIRST.minusMillis(1000))).isEqualTo(NOW.minusMillis(100));
    }

    @Test
    void alertmanagerTimesMoveButGoZeroEndsAtStays() throws Exception {
        ObjectNode rebased = new TimeRebase(FIRST, NOW, 1)
                .rebase(
                        RecordType.ALERTMANAGER,
                        body("{'alerts':[{'startsAt':'2026-03-02T13:59:30.5Z','endsAt':'0001-01-01T00:00:00Z'},"
                                + "{'startsAt':'2026-03-02T14:01:00Z','endsAt':'2026-03-02T14:02:00Z'}]}"));

        assertThat(rebased.at("/alerts/0/startsAt").asText()).isEqualTo("2026-11-25T09:59:30.500Z");
        assertThat(rebased.at("/alerts/0/endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(rebased.at("/alerts/1/endsAt").asText()).isEqualTo("2026-11-25T10:02:00Z");
    }

    @Test
    void lokiNanosecondStringsStayStrings() throws Exception {
        long first = FIRST.getEpochSecond() * 1_000_000_000L;
        ObjectNode rebased = new TimeRebase(FIRST, NOW, 2)
                .rebase(
                        RecordType.LOKI,
                        body("{'streams':[{'stream':{'service_name':'cart'},'values':[['" + (first + 4_000_000_000L)
                                + "','line']]}]}"));

        long now = NOW.getEpochSecond() * 1_000_000_000L;
        assertThat(rebased.at("/streams/0/values/0/0").isTextual()).isTrue();
        assertThat(rebased.at("/streams/0/values/0/0").asText()).isEqualTo(Long.toString(now + 2_000_000_000L));
    }

    @Test
    void spansMoveTheirStartAndKeepTheirDurationAndEventOffsets() throws Exception {
        long first = FIRST.getEpochSecond() * 1_000_000_000L;
        long start = first + 60_000_000_000L;
        ObjectNode rebased = new TimeRebase(FIRST, NOW, 60)
                .rebase(
                        RecordType.OTLP_TRACES,
                        body("{'resourceSpans':[{'scopeSpans':[{'spans':[{'startTimeUnixNano':'" + start
                                + "','endTimeUnixNano':'" + (start + 2_500_000_000L)
                                + "','events':[{'timeUnixNano':" + (start + 2_000_000_000L) + "}]}]}]}]}"));

        long now = NOW.getEpochSecond() * 1_000_000_000L;
        String span = "/resourceSpans/0/scopeSpans/0/spans/0";
        assertThat(rebased.at(span + "/startTimeUnixNano").asText()).isEqualTo(Long.toString(now + 1_000_000_000L));
        assertThat(rebased.at(span + "/endTimeUnixNano").asText()).isEqualTo(Long.toString(now + 3_500_000_000L));
        assertThat(rebased.at(span + "/events/0/timeUnixNano").isNumber()).isTrue();
        assertThat(rebased.at(span + "/events/0/timeUnixNano").asLong()).isEqualTo(now + 3_000_000_000L);
    }

    @Test
    void otlpLogRecordsAndChangesMove() throws Exception {
        long first = FIRST.getEpochSecond() * 1_000_000_000L;
        TimeRebase rebase = new TimeRebase(FIRST, NOW, 1);
        ObjectNode logs = rebase.rebase(
                RecordType.OTLP_LOGS,
                body("{'resourceLogs':[{'scopeLogs':[{'logRecords':[{'timeUnixNano':'" + first
                        + "','observedTimeUnixNano':'" + (first + 5) + "'}]}]}]}"));
        ObjectNode change = rebase.rebase(RecordType.CHANGE, body("{'time':'2026-03-02T13:55:00Z'}"));

        long now = NOW.getEpochSecond() * 1_000_000_000L;
        assertThat(logs.at("/resourceLogs/0/scopeLogs/0/logRecords/0/observedTimeUnixNano")
                        .asText())
                .isEqualTo(Long.toString(now + 5));
        assertThat(change.get("time").asText()).isEqualTo("2026-11-25T09:55:00Z");
    }

    @Test
    void aBadTimeIsNamedByItsPointer() throws Exception {
        ObjectNode body = body("{'alerts':[{'startsAt':'yesterday'}]}");

        assertThatThrownBy(() -> new TimeRebase(FIRST, NOW, 1).rebase(RecordType.ALERTMANAGER, body))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("/body/alerts/0/startsAt");
    }

    @Test
    void theOriginalBodyIsLeftAlone() throws Exception {
        ObjectNode body = body("{'time':'2026-03-02T13:55:00Z'}");

        new TimeRebase(FIRST, NOW, 1).rebase(RecordType.CHANGE, body);

        assertThat(body.get("time").asText()).isEqualTo("2026-03-02T13:55:00Z");
    }
}
