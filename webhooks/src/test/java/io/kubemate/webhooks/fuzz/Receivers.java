package io.kubemate.webhooks.fuzz;

import io.kubemate.ingest.alertmanager.AlertmanagerWebhookParser;
import io.kubemate.ingest.changes.ChangeEventParser;
import io.kubemate.ingest.loki.LokiPushParser;
import io.kubemate.ingest.otlp.OtlpEncoding;
import io.kubemate.ingest.otlp.OtlpParser;
import io.kubemate.webhooks.alertmanager.AlertmanagerRoutes;
import io.kubemate.webhooks.http.TestEdge;
import io.kubemate.webhooks.telemetry.TelemetryRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

/** The receivers under fuzz, each with its real fixtures, its generator and its parser for the offline check. */
final class Receivers {
    private static final String JSON = "application/json";
    private static final String PROTOBUF = "application/x-protobuf";
    private static final List<String> JSON_VARIANTS = List.of(
            "Application/JSON",
            "application/json; charset=utf-8",
            "application/json;charset=UTF-8",
            "APPLICATION/JSON ");
    private static final Function<Random, Map<String, String>> NO_HEADERS = random -> Map.of();

    private Receivers() {}

    static Receiver alertmanager(TestEdge edge) {
        List<byte[]> fixtures = fixtures(
                "alertmanager/01-firing-single.body.json",
                "alertmanager/02-resolved-single.body.json",
                "alertmanager/03-grouped-3-firing.body.json",
                "alertmanager/04-grouped-mixed-firing-resolved.body.json",
                "alertmanager/05-max-alerts-2-truncated-3.body.json",
                "alertmanager/08-prometheus-sourced-firing.body.json");
        AlertmanagerWebhookParser parser = new AlertmanagerWebhookParser(Clock.systemUTC());
        Function<Random, Hostile> json = jsonBodies(fixtures);
        return new Receiver(
                "alertmanager",
                AlertmanagerRoutes.PATH,
                JSON,
                true,
                false,
                fixtures.get(0),
                random -> random.nextInt(10) == 0 ? distinctReceiver(random, fixtures.get(0)) : json.apply(random),
                c -> parser.parse(c.decoded()).size(),
                edge.alerts::alertCount,
                edge.alerts.calls::clear,
                JSON_VARIANTS,
                NO_HEADERS);
    }

    static Receiver lokiJson(TestEdge edge) {
        List<byte[]> fixtures = fixtures("loki/loki4j-2.1.0-push.json", "loki/push-json-example.json");
        return new Receiver(
                "loki-json",
                TelemetryRoutes.LOKI_PUSH_PATH,
                JSON,
                true,
                true,
                fixtures.get(0),
                jsonBodies(fixtures),
                Receivers::lokiRecords,
                edge.telemetry.logs::size,
                edge.telemetry.logs::clear,
                concat(JSON_VARIANTS, List.of(PROTOBUF)),
                NO_HEADERS);
    }

    static Receiver lokiProtobuf(TestEdge edge) {
        List<byte[]> fixtures = fixtures("loki/loki4j-2.1.0-push.pb.snappy");
        HostileSnappy snappy = new HostileSnappy(fixtures);
        return new Receiver(
                "loki-protobuf",
                TelemetryRoutes.LOKI_PUSH_PATH,
                PROTOBUF,
                true,
                true,
                fixtures.get(0),
                snappy::next,
                Receivers::lokiRecords,
                edge.telemetry.logs::size,
                edge.telemetry.logs::clear,
                List.of("Application/X-Protobuf", "application/x-protobuf; proto=logproto.PushRequest", JSON),
                NO_HEADERS);
    }

    static Receiver otlpTracesProtobuf(TestEdge edge) {
        List<byte[]> fixtures =
                fixtures("otlp/sdk-java-1.68.0-traces-payments.pb", "otlp/sdk-java-1.68.0-traces-checkout.pb");
        // request.resource_spans -> scope_spans -> spans -> attributes -> KeyValue.value: an AnyValue
        HostileProtobuf protobuf = new HostileProtobuf(fixtures, 1, 2, 2, 9, 2);
        return otlp("otlp-traces-protobuf", TelemetryRoutes.OTLP_TRACES_PATH, PROTOBUF, fixtures, protobuf::next, edge);
    }

    static Receiver otlpLogsProtobuf(TestEdge edge) {
        List<byte[]> fixtures = fixtures("otlp/sdk-java-1.68.0-logs-payments.pb");
        // request.resource_logs -> scope_logs -> log_records -> body: an AnyValue
        HostileProtobuf protobuf = new HostileProtobuf(fixtures, 1, 2, 2, 5);
        return otlp("otlp-logs-protobuf", TelemetryRoutes.OTLP_LOGS_PATH, PROTOBUF, fixtures, protobuf::next, edge);
    }

    static Receiver otlpTracesJson(TestEdge edge) {
        List<byte[]> fixtures = fixtures(
                "otlp/sdk-java-1.68.0-traces-checkout.json",
                "otlp/sdk-java-1.68.0-traces-payments.json",
                "otlp/composed-traces-two-services.json",
                "otlp/NOT-OTLP-JSON-protobuf-JsonFormat-of-traces-payments.json");
        return otlp("otlp-traces-json", TelemetryRoutes.OTLP_TRACES_PATH, JSON, fixtures, jsonBodies(fixtures), edge);
    }

    static Receiver otlpLogsJson(TestEdge edge) {
        List<byte[]> fixtures = fixtures("otlp/sdk-java-1.68.0-logs-payments.json");
        return otlp("otlp-logs-json", TelemetryRoutes.OTLP_LOGS_PATH, JSON, fixtures, jsonBodies(fixtures), edge);
    }

    static Receiver changes(TestEdge edge) {
        List<byte[]> fixtures = ChangeBodies.all();
        ChangeEventParser parser = new ChangeEventParser(Clock.systemUTC());
        return new Receiver(
                "changes",
                TelemetryRoutes.CHANGES_PATH,
                JSON,
                true,
                true,
                fixtures.get(0),
                jsonBodies(fixtures),
                c -> parser.parse(c.decoded(), c.contentType(), c.headers()).size(),
                edge.telemetry.changes::size,
                edge.telemetry.changes::clear,
                concat(
                        JSON_VARIANTS,
                        List.of(
                                "application/cloudevents+json",
                                "application/cloudevents-batch+json",
                                "application/cloudevents+json; charset=utf-8")),
                ChangeBodies::binaryModeHeaders);
    }

    private static Receiver otlp(
            String name,
            String path,
            String type,
            List<byte[]> fixtures,
            Function<Random, Hostile> bodies,
            TestEdge edge) {
        OtlpParser parser = new OtlpParser(Clock.systemUTC());
        boolean traces = path.equals(TelemetryRoutes.OTLP_TRACES_PATH);
        return new Receiver(
                name,
                path,
                type,
                false,
                true,
                fixtures.get(0),
                bodies,
                c -> {
                    OtlpEncoding encoding =
                            OtlpEncoding.ofContentType(c.contentType()).orElseThrow();
                    return traces
                            ? parser.parseTraces(c.decoded(), encoding).size()
                            : parser.parseLogs(c.decoded(), encoding).size();
                },
                traces ? edge.telemetry.spans::size : edge.telemetry.logs::size,
                traces ? edge.telemetry.spans::clear : edge.telemetry.logs::clear,
                type.equals(JSON)
                        ? JSON_VARIANTS
                        : List.of("Application/X-Protobuf", "application/x-protobuf; charset=x", JSON),
                NO_HEADERS);
    }

    private static int lokiRecords(FuzzCase c) {
        LokiPushParser parser = new LokiPushParser();
        String type = c.contentType() == null
                ? ""
                : c.contentType().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals(JSON)
                ? parser.parseJson(c.decoded()).size()
                : parser.parseProtobuf(c.decoded()).size();
    }

    /** A valid body from a receiver never seen before, with a name of 16 to 64 KiB: what ends up in metric labels. */
    private static Hostile distinctReceiver(Random random, byte[] fixture) {
        String name = Long.toHexString(random.nextLong()).repeat((16 * 1024 + random.nextInt(48 * 1024)) / 16);
        String body = new String(fixture, StandardCharsets.UTF_8)
                .replaceFirst("\"receiver\":\"[^\"]*\"", "\"receiver\":\"" + name + "\"");
        return Hostile.maybe("distinct-receiver", utf8(body));
    }

    /** A third byte mutations of the fixtures, the rest hostile JSON built from them. */
    private static Function<Random, Hostile> jsonBodies(List<byte[]> fixtures) {
        HostileJson json = new HostileJson(fixtures);
        return random -> random.nextInt(3) == 0 ? mutated(random, fixtures) : json.next(random);
    }

    private static Hostile mutated(Random random, List<byte[]> fixtures) {
        return Hostile.maybe(
                "mutated", Mutations.mutate(random, fixtures.get(random.nextInt(fixtures.size())), fixtures));
    }

    static List<byte[]> fixtures(String... names) {
        return Arrays.stream(names).map(Receivers::fixture).toList();
    }

    static byte[] fixture(String name) {
        try (InputStream in = Receivers.class.getClassLoader().getResourceAsStream("fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
