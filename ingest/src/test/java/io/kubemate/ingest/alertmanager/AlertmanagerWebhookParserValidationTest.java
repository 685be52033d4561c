package io.kubemate.ingest.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kubemate.core.alert.Fingerprint;
import io.kubemate.core.alert.RawAlert;
import io.kubemate.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertmanagerWebhookParserValidationTest {
    private static final String ALERT =
            "{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\",\"service\":\"s\"},\"annotations\":{\"summary\":\"x\"},"
                    + "\"startsAt\":\"2026-11-25T16:44:05Z\",\"endsAt\":\"0001-01-01T00:00:00Z\","
                    + "\"generatorURL\":\"http://p\",\"fingerprint\":\"0123456789abcdef\"}";

    private final AlertmanagerWebhookParser parser =
            new AlertmanagerWebhookParser(Clock.fixed(Instant.parse("2026-11-25T17:00:00Z"), ZoneOffset.UTC));

    private static byte[] body(String alerts) {
        return ("{\"version\":\"4\",\"receiver\":\"r\",\"groupKey\":\"g\",\"status\":\"firing\",\"alerts\":" + alerts
                        + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String alert(String field, String json) {
        return ALERT.replaceFirst(
                "\"" + field + "\":(\"[^\"]*\"|\\{[^}]*\\})",
                java.util.regex.Matcher.quoteReplacement("\"" + field + "\":" + json));
    }

    private InvalidInputException rejection(byte[] body) {
        return catchThrowableOfType(InvalidInputException.class, () -> parser.parse(body));
    }

    @Test
    void acceptsAnEmptyAlertsArray() {
        assertThat(parser.parse(body("[]"))).isEmpty();
    }

    @Test
    void computesTheFingerprintWhenTheBodyHasNone() {
        String withoutFingerprint = ALERT.replace(",\"fingerprint\":\"0123456789abcdef\"", "");

        RawAlert alert = parser.parse(body("[" + withoutFingerprint + "]")).get(0);

        assertThat(alert.fingerprint())
                .isEqualTo(
                        Fingerprint.of(Map.of("alertname", "A", "service", "s")).value());
    }

    @Test
    void keepsTheLastEntryOfARepeatedFingerprint() {
        String resolved = alert("status", "\"resolved\"");

        List<RawAlert> alerts = parser.parse(body("[" + ALERT + "," + resolved + "]"));

        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.status().wireName())
                .isEqualTo("resolved"));
    }

    @Test
    void acceptsUtf8LabelNamesAndMissingAnnotations() {
        String utf8 = alert("labels", "{\"alertname\":\"A\",\"service.name\":\"s\",\"région\":\"eu\"}")
                .replace(",\"annotations\":{\"summary\":\"x\"}", "");

        RawAlert alert = parser.parse(body("[" + utf8 + "]")).get(0);

        assertThat(alert.labels()).containsEntry("région", "eu");
        assertThat(alert.annotations()).isEmpty();
    }

    @Test
    void acceptsAnOffsetStartAndUpperCaseFingerprint() {
        String offset =
                alert("startsAt", "\"2026-11-25T18:44:05.1+02:00\"").replace("0123456789abcdef", "0123456789ABCDEF");

        RawAlert alert = parser.parse(body("[" + offset + "]")).get(0);

        assertThat(alert.startsAt()).isEqualTo(Instant.parse("2026-11-25T16:44:05.100Z"));
        assertThat(alert.fingerprint()).isEqualTo("0123456789abcdef");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "version 3 | {\"version\":\"3\",\"alerts\":[]} | /version | \"4\"",
                "version missing | {\"alerts\":[]} | /version | required",
                "version a number | {\"version\":4,\"alerts\":[]} | /version | ",
                "alerts missing | {\"version\":\"4\"} | /alerts | required",
                "alerts an object | {\"version\":\"4\",\"alerts\":{}} | /alerts | ",
                "body an array | [] | / | ",
                "body null | null | / | object",
                "malformed json | {\"version\":\"4\",\"alerts\":[ | /alerts | ",
                "trailing garbage | {\"version\":\"4\",\"alerts\":[]} x | / | ",
                "not json | hello | / | ",
            })
    void rejectsABadEnvelopeNamingTheField(String name, String json, String field, String hint) {
        InvalidInputException error = rejection(json.getBytes(StandardCharsets.UTF_8));

        assertThat(error).as(name).isNotNull();
        assertThat(error.field()).as(name).isEqualTo(field);
        if (hint != null) {
            assertThat(error.getMessage()).contains(hint);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "status pending | status | \"pending\" | /alerts/1/status",
                "status missing | status | null | /alerts/1/status",
                "labels empty | labels | {} | /alerts/1/labels",
                "labels a string | labels | \"a\" | /alerts/1/labels",
                "label value a number | labels | {\"alertname\":1} | /alerts/1/labels/alertname",
                "label value null | labels | {\"alertname\":null} | /alerts/1/labels/alertname",
                "label name with a control char | labels | {\"a/b\\u0001\":\"x\"} | /alerts/1/labels",
                "label name empty | labels | {\"\":\"x\"} | /alerts/1/labels",
                "label name with a slash | labels | {\"a/b\":1} | /alerts/1/labels/a~1b",
                "duplicate label | labels | {\"a\":\"x\",\"a\":\"y\"} | /alerts/1/labels",
                "annotation value an object | annotations | {\"summary\":{}} | /alerts/1/annotations/summary",
                "startsAt missing | startsAt | null | /alerts/1/startsAt",
                "startsAt not a time | startsAt | \"yesterday\" | /alerts/1/startsAt",
                "startsAt without zone | startsAt | \"2026-11-25T16:44:05\" | /alerts/1/startsAt",
                "startsAt ten fraction digits | startsAt | \"2026-11-25T16:44:05.1234567891Z\" | /alerts/1/startsAt",
                "endsAt not a time | endsAt | \"soon\" | /alerts/1/endsAt",
                "fingerprint too short | fingerprint | \"abc\" | /alerts/1/fingerprint",
                "fingerprint not hex | fingerprint | \"0123456789abcdeg\" | /alerts/1/fingerprint",
                "generatorURL a number | generatorURL | 5 | /alerts/1/generatorURL",
            })
    void rejectsABadAlertNamingTheField(String name, String field, String json, String pointer) {
        InvalidInputException error = rejection(body("[" + ALERT + "," + alert(field, json) + "]"));

        assertThat(error).as(name).isNotNull();
        assertThat(error.field()).as(name).isEqualTo(pointer);
        assertThat(error.getMessage()).as(name).isNotBlank();
    }

    @Test
    void typeErrorsSpeakJsonNotJava() {
        InvalidInputException error = rejection(body("[" + alert("labels", "{\"alertname\":1}") + "]"));

        assertThat(error.getMessage()).isEqualTo("wrong type: expected a string");
        assertThat(rejection(body("{}")).getMessage()).isEqualTo("wrong type: expected an array");
    }

    @Test
    void rejectsANullAlert() {
        assertThat(rejection(body("[" + ALERT + ",null]")).field()).isEqualTo("/alerts/1");
    }

    @Test
    void rejectsAnEmptyBody() {
        assertThat(rejection(new byte[0]).field()).isEqualTo("/");
    }

    @Test
    void enforcesTheAlertCountLimit() {
        var small = new AlertmanagerWebhookParser(Clock.systemUTC(), new AlertmanagerWebhookParser.Limits(1, 128, 100));

        InvalidInputException error = catchThrowableOfType(
                InvalidInputException.class, () -> small.parse(body("[" + ALERT + "," + ALERT + "]")));

        assertThat(error.field()).isEqualTo("/alerts");
        assertThat(error.getMessage()).contains("too many alerts: 2, at most 1");
    }

    @Test
    void enforcesTheLabelCountAndValueLengthLimits() {
        var small = new AlertmanagerWebhookParser(Clock.systemUTC(), new AlertmanagerWebhookParser.Limits(10, 1, 10));

        assertThatThrownBy(() -> small.parse(body("[" + ALERT + "]")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("/alerts/0/labels");
                    assertThat(e.getMessage()).contains("too many labels: 2, at most 1");
                });
        String longValue = alert("annotations", "{\"summary\":\"" + "x".repeat(11) + "\"}");
        var oneLabel = alert("labels", "{\"alertname\":\"A\"}");
        assertThatThrownBy(() -> small.parse(body("[" + longValue.replace(ALERT, oneLabel) + "]")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> small.parse(body("["
                        + alert("labels", "{\"alertname\":\"A\"}")
                                .replace("\"summary\":\"x\"", "\"summary\":\"" + "x".repeat(11) + "\"")
                        + "]")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("/alerts/0/annotations/summary");
                    assertThat(e.getMessage()).contains("at most 10");
                });
    }
}
