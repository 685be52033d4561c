package io.kubemate.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.alert.Fingerprint;
import io.kubemate.core.error.InvalidInputException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<ReplayRecord> parse(String... lines) throws Exception {
        return ReplayFile.parse(new StringReader(String.join("\n", lines).replace('\'', '"')), JSON);
    }

    private static String invalidField(String... lines) {
        try {
            parse(lines);
        } catch (InvalidInputException e) {
            return e.field();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("accepted");
    }

    @Test
    void recordsComeOutInAtOrderAndBlankLinesAreSkipped() throws Exception {
        List<ReplayRecord> records = parse(
                "{'type':'loki','at':'2026-03-02T14:00:05Z','body':{}}",
                "",
                "{'type':'change','at':'2026-03-02T14:00:00Z','body':{},'incident':'x','rootCause':'payments'}");

        assertThat(records).extracting(ReplayRecord::type).containsExactly(RecordType.CHANGE, RecordType.LOKI);
        assertThat(records.get(0).line()).isEqualTo(3);
        assertThat(records.get(0).rootCause()).isEqualTo("payments");
    }

    @Test
    void badRecordsAreNamedByLineAndField() {
        assertThat(invalidField("{'type':'kafka','at':'2026-03-02T14:00:00Z','body':{}}"))
                .isEqualTo("line 1: /type");
        assertThat(invalidField("", "{'type':'loki','at':'soon','body':{}}")).isEqualTo("line 2: /at");
        assertThat(invalidField("{'type':'loki','at':'2026-03-02T14:00:00Z','body':[]}"))
                .isEqualTo("line 1: /body");
        assertThat(invalidField("{'type':'loki','at':'2026-03-02T14:00:00Z','body':{},'incident':3}"))
                .isEqualTo("line 1: /incident");
        assertThat(invalidField("not json")).isEqualTo("line 1: /");
        assertThat(invalidField("")).isEqualTo("line 1");
    }

    @Test
    void groundTruthLabelsEveryFiringAlertOfALabelledRecord() throws Exception {
        Map<String, String> labels = Map.of("alertname", "KubePodCrashLooping", "service", "payments");
        List<ReplayRecord> records = parse(
                "{'type':'alertmanager','at':'2026-03-02T14:00:00Z','incident':'deploy','rootCause':'payments',"
                        + "'body':{'alerts':[{'status':'firing','labels':{'alertname':'KubePodCrashLooping',"
                        + "'service':'payments'}},{'status':'firing','fingerprint':'00000000000000AB','labels':{}}]}}",
                "{'type':'alertmanager','at':'2026-03-02T14:01:00Z',"
                        + "'body':{'alerts':[{'status':'resolved','fingerprint':'1111111111111111','labels':{}}]}}");

        ReplayScore.Truth truth = GroundTruth.of(records);

        String computed = Fingerprint.of(labels).value();
        assertThat(truth.alerts()).containsExactlyInAnyOrder(computed, "00000000000000ab");
        assertThat(truth.labels()).containsEntry(computed, "deploy").containsEntry("00000000000000ab", "deploy");
        assertThat(truth.rootCauses()).containsExactly(Map.entry("deploy", "payments"));
    }

    @Test
    void anAlertWithTwoLabelsIsRejected() throws Exception {
        List<ReplayRecord> records = parse(
                "{'type':'alertmanager','at':'2026-03-02T14:00:00Z','incident':'a',"
                        + "'body':{'alerts':[{'status':'firing','fingerprint':'1111111111111111'}]}}",
                "{'type':'alertmanager','at':'2026-03-02T14:01:00Z','incident':'b',"
                        + "'body':{'alerts':[{'status':'firing','fingerprint':'1111111111111111'}]}}");

        assertThatThrownBy(() -> GroundTruth.of(records))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("labelled a before, now b");
    }
}
