package io.kubemate.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.telemetry.SpanRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OtlpParserValidationTest {
    private static final String SPAN_AT = "/resourceSpans/0/scopeSpans/0/spans/0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OtlpParser parser = new OtlpParser(Clock.systemUTC());

    /** One span with valid defaults; {@code fields} (JSON members, comma-led) replace or add fields. */
    private static byte[] span(String fields) {
        String defaults = "{\"traceId\":\"bd415fdac3196c3f913df0166dad40d5\",\"spanId\":\"86520628e61958ec\","
                + "\"name\":\"op\",\"kind\":2,\"startTimeUnixNano\":\"1795625901701915402\","
                + "\"endTimeUnixNano\":\"1795625901714160436\"}";
        try {
            ObjectNode span = (ObjectNode) JSON.readTree(defaults);
            if (!fields.isEmpty()) {
                span.setAll((ObjectNode) JSON.readTree("{" + fields.substring(1) + "}"));
            }
            return ("{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":"
                            + "{\"stringValue\":\"svc\"}}]},\"scopeSpans\":[{\"spans\":[" + span + "]}]}]}")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private List<SpanRecord> parse(byte[] body) {
        return parser.parseTraces(body, OtlpEncoding.JSON);
    }

    @Test
    void theResourcesClusterIsKeptOnEverySpanOfIt() {
        String body = new String(span(""), StandardCharsets.UTF_8)
                .replace(
                        "{\"key\":\"service.name\"",
                        "{\"key\":\"k8s.cluster.name\",\"value\":{\"stringValue\":\"eu-west-1-prod\"}},"
                                + "{\"key\":\"service.name\"");

        assertThat(parse(body.getBytes(StandardCharsets.UTF_8)).get(0).attributes())
                .containsEntry("k8s.cluster.name", "eu-west-1-prod");
        assertThat(parse(span("")).get(0).attributes()).doesNotContainKey("k8s.cluster.name");
    }

    @Test
    void acceptsSixtyFourBitIntegersAsStringsOrNumbers() {
        byte[] numbers = span(",\"startTimeUnixNano\":1795625901701915402,\"endTimeUnixNano\":1795625901714160436");

        assertThat(parse(numbers).get(0)).isEqualTo(parse(span("")).get(0));
    }

    @Test
    void aServerErrorStatusCodeOrAnExceptionEventMakesAnErrorSpan() {
        assertThat(parse(span("")).get(0).error()).isFalse();
        assertThat(parse(span(",\"attributes\":[{\"key\":\"http.status_code\",\"value\":{\"intValue\":500}}]"))
                        .get(0))
                .satisfies(s -> assertThat(s.error()).isTrue())
                .satisfies(s -> assertThat(s.httpStatus()).isEqualTo(500));
        assertThat(parse(
                                span(
                                        ",\"attributes\":[{\"key\":\"http.response.status_code\",\"value\":{\"intValue\":\"404\"}}]"))
                        .get(0)
                        .error())
                .isFalse();
        SpanRecord exception = parse(span(",\"events\":[{\"name\":\"exception\",\"attributes\":[{\"key\":"
                        + "\"exception.message\",\"value\":{\"stringValue\":\"" + "m".repeat(5000) + "\"}}]}]"))
                .get(0);
        assertThat(exception.error()).isTrue();
        assertThat(exception.statusMessage()).hasSize(1024).endsWith("…");
        assertThat(parse(span(",\"status\":{\"code\":2}")).get(0).error()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                ",\"traceId\":\"xyz\" | /traceId | hex",
                ",\"traceId\":\"00000000000000000000000000000000\" | /traceId | zeros",
                ",\"traceId\":42 | /traceId | hex",
                ",\"spanId\":\"okYVBbnK0zE=\" | /spanId | base64",
                ",\"parentSpanId\":\"abc\" | /parentSpanId | hex",
                ",\"kind\":\"SPAN_KIND_SERVER\" | /kind | enums as integers",
                ",\"kind\":1.5 | /kind | integer",
                ",\"status\":{\"code\":\"STATUS_CODE_ERROR\"} | /status/code | enums as integers",
                ",\"startTimeUnixNano\":\"99999999999999999999\" | /startTimeUnixNano | out of range",
                ",\"startTimeUnixNano\":-1 | /startTimeUnixNano | out of range",
                ",\"startTimeUnixNano\":\"12e3\" | /startTimeUnixNano | integer",
                ",\"startTimeUnixNano\":\"9223372036854775808\" | /startTimeUnixNano | out of range",
                ",\"startTimeUnixNano\":\"0\" | /startTimeUnixNano | required",
                ",\"name\":[] | /name | string",
                ",\"attributes\":{} | /attributes | array",
                ",\"attributes\":[{\"key\":\"k\",\"value\":{\"intValue\":\"1e400\"}}] | /attributes/0/value/intValue | integer",
                ",\"attributes\":[{\"key\":\"k\",\"value\":{\"intValue\":99999999999999999999}}] | /attributes/0/value/intValue | out of range",
                ",\"attributes\":[{\"key\":\"k\",\"value\":{\"boolValue\":\"true\"}}] | /attributes/0/value/boolValue | true or false",
                ",\"attributes\":[{\"key\":\"k\",\"value\":{\"bytesValue\":\"***\"}}] | /attributes/0/value/bytesValue | base64",
                ",\"attributes\":[{\"key\":\"k\",\"value\":{\"arrayValue\":{\"values\":[{\"doubleValue\":\"x\"}]}}}] | /attributes/0/value/arrayValue/values/0/doubleValue | number",
                ",\"trace_id\":\"bd415fdac3196c3f913df0166dad40d5\" | /trace_id | lowerCamelCase",
                ",\"events\":[{\"timeUnixNano\":true}] | /events/0/timeUnixNano | integer"
            })
    void rejectsHostileSpansNamingTheField(String fields, String field, String message) {
        assertThatThrownBy(() -> parse(span(fields)))
                .hasMessageContaining(message)
                .asInstanceOf(type(InvalidInputException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo(SPAN_AT + field));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "[] | /",
                "{\"resourceSpans\":{}} | /resourceSpans",
                "{\"resource_spans\":[]} | /resource_spans",
                "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{}]}]}]} | /resourceSpans/0/scopeSpans/0/spans/0/traceId",
                "{\"resourceSpans\":[ | /resourceSpans",
                "'' | /"
            })
    void rejectsMalformedRequests(String body, String field) {
        assertThatThrownBy(() -> parse(body.getBytes(StandardCharsets.UTF_8)))
                .asInstanceOf(type(InvalidInputException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void anEmptyRequestHasNoSpans() {
        assertThat(parse("{}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(parser.parseTraces(new byte[0], OtlpEncoding.PROTOBUF)).isEmpty();
    }

    @Test
    void rejectsTooManySpans() {
        var small = new OtlpParser(Clock.systemUTC(), new OtlpParser.Limits(1, 64, 64, 8), "otlp");
        byte[] body = OtlpFixtures.body("sdk-java-1.68.0-traces-payments.pb");

        assertThatThrownBy(() -> small.parseTraces(body, OtlpEncoding.PROTOBUF))
                .hasMessageContaining("too many spans")
                .asInstanceOf(type(InvalidInputException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("/resourceSpans/0/scopeSpans/0/spans/1"));
    }

    @Test
    void rejectsTruncatedProtobuf() {
        byte[] body = OtlpFixtures.body("sdk-java-1.68.0-traces-payments.pb");

        assertThatThrownBy(() -> parser.parseTraces(Arrays.copyOf(body, body.length - 10), OtlpEncoding.PROTOBUF))
                .hasMessageContaining("not a valid protobuf ExportTraceServiceRequest")
                .asInstanceOf(type(InvalidInputException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("/"));
    }

    @Test
    void rejectsProtobufIdsOfTheWrongLength() {
        var request = io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(io.opentelemetry.proto.trace.v1.ResourceSpans.newBuilder()
                        .addScopeSpans(io.opentelemetry.proto.trace.v1.ScopeSpans.newBuilder()
                                .addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder()
                                        .setTraceId(com.google.protobuf.ByteString.copyFrom(new byte[] {1, 2, 3}))
                                        .setSpanId(com.google.protobuf.ByteString.copyFrom(
                                                new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                                        .setStartTimeUnixNano(1))))
                .build();

        assertThatThrownBy(() -> parser.parseTraces(request.toByteArray(), OtlpEncoding.PROTOBUF))
                .hasMessageContaining("16 bytes")
                .asInstanceOf(type(InvalidInputException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo(SPAN_AT + "/traceId"));
    }

    @Test
    void logsWithEnumNamesOrBadIdsAreRejected() {
        String record = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{%s}]}]}]}";

        assertThatThrownBy(() -> parser.parseLogs(
                        String.format(record, "\"severityNumber\":\"SEVERITY_NUMBER_ERROR\"")
                                .getBytes(StandardCharsets.UTF_8),
                        OtlpEncoding.JSON))
                .asInstanceOf(type(InvalidInputException.class))
                .satisfies(e ->
                        assertThat(e.field()).isEqualTo("/resourceLogs/0/scopeLogs/0/logRecords/0/severityNumber"));
        assertThatThrownBy(() -> parser.parseLogs(
                        String.format(record, "\"spanId\":\"12345\"").getBytes(StandardCharsets.UTF_8),
                        OtlpEncoding.JSON))
                .asInstanceOf(type(InvalidInputException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("/resourceLogs/0/scopeLogs/0/logRecords/0/spanId"));
    }

    @Test
    void aLogBodyOfAnyKindBecomesText() {
        String body = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"severityText\":\"Warning\",\"body\":"
                + "{\"kvlistValue\":{\"values\":[{\"key\":\"msg\",\"value\":{\"stringValue\":\"hi\"}},{\"key\":\"n\","
                + "\"value\":{\"arrayValue\":{\"values\":[{\"intValue\":\"1\"},{\"boolValue\":true}]}}}]}}}]}]}]}";

        var log = parser.parseLogs(body.getBytes(StandardCharsets.UTF_8), OtlpEncoding.JSON)
                .get(0);

        assertThat(log.line()).isEqualTo("{msg=hi, n=[1, true]}");
        assertThat(log.severity()).isEqualTo("warn");
        assertThat(log.service()).isEmpty();
    }

    @Test
    void survivesRandomBytesWithOnlyInvalidInput() {
        Random random = new Random(7);
        byte[] valid = OtlpFixtures.body("sdk-java-1.68.0-traces-checkout.pb");
        for (int i = 0; i < 1000; i++) {
            byte[] bytes = valid.clone();
            for (int flips = 0; flips < 3; flips++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            for (OtlpEncoding encoding : OtlpEncoding.values()) {
                try {
                    parser.parseTraces(bytes, encoding);
                    parser.parseLogs(bytes, encoding);
                } catch (InvalidInputException expected) {
                    assertThat(expected.field()).startsWith("/");
                }
            }
        }
    }
}
