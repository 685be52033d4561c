package io.kubemate.ingest.loki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.telemetry.LogEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xerial.snappy.Snappy;

class LokiPushParserTest {
    private final LokiPushParser parser = new LokiPushParser();

    static byte[] fixture(String name) {
        try (InputStream in = LokiPushParserTest.class.getClassLoader().getResourceAsStream("fixtures/loki/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertLoki4jEntries(List<LogEntry> entries) {
        assertThat(entries).hasSize(3);
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.service()).isEqualTo("payments");
            assertThat(e.labels()).isEqualTo(Map.of("app", "payments", "env", "prod", "host", "node-a"));
            assertThat(e.traceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
            assertThat(e.spanId()).isEqualTo("eee19b7ec3c1b174");
            assertThat(e.source()).isEqualTo("loki");
        });
        assertThat(entries).extracting(LogEntry::severity).containsExactly("info", "warn", "error");
        assertThat(entries.get(0).time()).isEqualTo(Instant.parse("2026-11-25T16:58:22.642600824Z"));
        assertThat(entries.get(2).line())
                .startsWith("ERROR p.ChargeHandler charge failed")
                .contains("\n\tat demo.LokiDemo.main");
    }

    @Test
    void parsesLoki4jJsonPushWithStructuredMetadata() {
        assertLoki4jEntries(parser.parseJson(fixture("loki4j-2.1.0-push.json")));
    }

    @Test
    void parsesLoki4jProtobufSnappyPushLikeItsJsonTwin() {
        List<LogEntry> entries = parser.parseProtobuf(fixture("loki4j-2.1.0-push.pb.snappy"));

        assertLoki4jEntries(entries);
        assertThat(entries).isEqualTo(parser.parseJson(fixture("loki4j-2.1.0-push.json")));
    }

    @Test
    void parsesTheDocumentedJsonExampleWithLevelLabelsAndOptionalMetadata() {
        List<LogEntry> entries = parser.parseJson(fixture("push-json-example.json"));

        assertThat(entries).extracting(LogEntry::service).containsExactly("payments", "payments", "checkout");
        assertThat(entries).extracting(LogEntry::severity).containsExactly("error", "error", "warn");
        assertThat(entries.get(0).traceId()).isEqualTo("bd415fdac3196c3f913df0166dad40d5");
        assertThat(entries.get(1).traceId()).isEmpty();
        assertThat(entries.get(2).time()).isEqualTo(Instant.parse("2026-11-25T16:58:00.140Z"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ts=1 level=warn msg=x | warn",
                "{\"level\":\"error\",\"msg\":\"boom\"} | error",
                "2026-11-25 ERROR [main] c.Foo - failed | error",
                "WARNING: disk almost full | warn",
                "GET /health 200 | ''",
                "an error happened but no level | ''"
            })
    void sniffsTheSeverityFromTheLineWhenNothingElseSaysIt(String line, String severity) {
        String body = "{\"streams\":[{\"stream\":{\"app\":\"a\"},\"values\":[[\"1\"," + quote(line) + "]]}]}";

        assertThat(parser.parseJson(json(body)).get(0).severity()).isEqualTo(severity);
    }

    @Test
    void cutsLongLinesInsteadOfRejectingThem() {
        var small = new LokiPushParser(new LokiPushParser.Limits(10, 32, 8, 1024));
        String body = "{\"streams\":[{\"stream\":{\"app\":\"a\"},\"values\":[[\"1\",\"" + "x".repeat(100) + "\"]]}]}";

        String line = small.parseJson(json(body)).get(0).line();

        assertThat(line).hasSize(32).endsWith("…");
    }

    @Test
    void ignoresTraceIdsThatAreNotHexAndPadsShortOnes() {
        String body = "{\"streams\":[{\"stream\":{\"app\":\"a\"},\"values\":["
                + "[\"1\",\"l\",{\"trace_id\":\"not-an-id\",\"span_id\":\"abc\"}],"
                + "[\"2\",\"l\",{\"traceid\":\"00F1E2D3C4B5A697\"}]]}]}";

        List<LogEntry> entries = parser.parseJson(json(body));

        assertThat(entries.get(0).traceId()).isEmpty();
        assertThat(entries.get(0).spanId()).isEqualTo("0000000000000abc");
        assertThat(entries.get(1).traceId()).isEqualTo("000000000000000000f1e2d3c4b5a697");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[1570818238000000000,\"x\"]]}]} | /streams/0/values/0/0",
                "{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"99999999999999999999\",\"x\"]]}]} | /streams/0/values/0/0",
                "{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"-5\",\"x\"]]}]} | /streams/0/values/0/0",
                "{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"1\",42]]}]} | /streams/0/values/0/1",
                "{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"1\"]]}]} | /streams/0/values/0",
                "{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"1\",\"x\",{\"k\":1}]]}]} | /streams/0/values/0/2/k",
                "{\"streams\":[{\"stream\":{\"a\":7},\"values\":[]}]} | /streams/0/stream/a",
                "{\"streams\":[{\"values\":[]}]} | /streams/0/stream",
                "{\"streams\":[{\"stream\":{}}]} | /streams/0/values",
                "{\"streams\":{}} | /streams",
                "{} | /streams",
                "[] | /",
                "{\"streams\":[ | /streams",
                "{\"streams\":[],\"streams\":[]} | /streams"
            })
    void rejectsMalformedJsonNamingTheField(String body, String field) {
        assertThatThrownBy(() -> parser.parseJson(json(body)))
                .asInstanceOf(type(InvalidInputException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void rejectsTooManyEntries() {
        var small = new LokiPushParser(new LokiPushParser.Limits(2, 32, 8, 1024));
        String body =
                "{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"1\",\"x\"],[\"2\",\"y\"],[\"3\",\"z\"]]}]}";

        assertThatThrownBy(() -> small.parseJson(json(body)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("too many entries")
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("/streams/0/values/2");
    }

    @Test
    void rejectsABodyThatIsNotSnappy() {
        assertThatThrownBy(() -> parser.parseProtobuf(json("{\"streams\":[]}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("snappy");
    }

    @Test
    void rejectsATruncatedProtobufMessageNamingTheStream() throws IOException {
        byte[] message = Snappy.uncompress(fixture("loki4j-2.1.0-push.pb.snappy"));
        byte[] truncated = Snappy.compress(Arrays.copyOf(message, message.length - 7));

        assertThatThrownBy(() -> parser.parseProtobuf(truncated))
                .hasMessageContaining("not a valid Loki PushRequest")
                .asInstanceOf(type(InvalidInputException.class))
                .satisfies(e -> assertThat(e.field()).startsWith("/streams/0"));
    }

    @Test
    void rejectsABodyThatWouldDecompressBeyondTheLimit() throws IOException {
        var small = new LokiPushParser(new LokiPushParser.Limits(10, 32, 8, 100));
        byte[] big = Snappy.compress(new byte[1000]);

        assertThatThrownBy(() -> small.parseProtobuf(big))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("decompress");
    }

    @Test
    void rejectsBadLabelSelectorsInProtobufStreams() throws IOException {
        byte[] message = Snappy.uncompress(fixture("loki4j-2.1.0-push.pb.snappy"));
        String text = new String(message, StandardCharsets.ISO_8859_1).replace("{app=\"payments\"", "{app=\"payments'");
        byte[] broken = Snappy.compress(text.getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> parser.parseProtobuf(broken))
                .asInstanceOf(type(InvalidInputException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("/streams/0/labels"));
    }

    @Test
    void survivesRandomBytesWithOnlyInvalidInput() {
        var random = new java.util.Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            for (byte[] body : List.of(bytes, compressed(bytes))) {
                try {
                    parser.parseProtobuf(body);
                    parser.parseJson(body);
                } catch (InvalidInputException expected) {
                    assertThat(expected.field()).startsWith("/");
                }
            }
        }
    }

    private static byte[] compressed(byte[] bytes) {
        try {
            return Snappy.compress(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
