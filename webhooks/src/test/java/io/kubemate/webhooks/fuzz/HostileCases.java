package io.kubemate.webhooks.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Turns a case number into a request: a hostile body in the receiver's format (most cases), a body over the size
 * limit, a wrong, odd or missing {@code Content-Type}, a wrong or hostile {@code Content-Encoding} (gzip bombs, broken
 * gzip), or random bytes. The same seed and number always give the same request.
 */
final class HostileCases {
    /** The body limit of the server under fuzz: smaller than the default 1 MiB, so oversized bodies cost less to send. */
    static final long MAX_BODY_BYTES = 256 * 1024;
    /** How far the telemetry receivers let a gzip body inflate (TelemetryBodies.INFLATE_FACTOR times the limit). */
    static final long MAX_INFLATED_BYTES = MAX_BODY_BYTES * 8;

    private static final List<String> WRONG_TYPES = List.of(
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz",
            "application/jsonx",
            "application/protobuf",
            "application/octet-stream",
            "json",
            "*/*",
            "application/",
            "text/json; charset=utf-8");
    private static final List<String> WRONG_ENCODINGS =
            List.of("br", "deflate", "zstd", "snappy", "compress", "gzip, br", "x-unknown", "gzip;q=1");

    /** 3 MiB of spaces: more than a gzip body may inflate to, a few KiB on the wire. */
    private static volatile byte[] gzipBomb;

    private final Receiver receiver;
    private final long seed;

    HostileCases(Receiver receiver, long seed) {
        this.receiver = receiver;
        this.seed = seed;
    }

    FuzzCase generate(int index) {
        Random random = new Random(seed * 1_000_003L + index);
        int roll = random.nextInt(100);
        if (roll < 62) {
            return body(index, random, receiver.bodies().apply(random));
        }
        if (roll < 66) {
            return tooLarge(index, random);
        }
        if (roll < 80) {
            return contentType(index, random);
        }
        if (roll < 92) {
            return contentEncoding(index, random);
        }
        byte[] bytes = new byte[random.nextInt(random.nextBoolean() ? 64 : 64 * 1024)];
        random.nextBytes(bytes);
        return body(index, random, Hostile.maybe("random-bytes", bytes));
    }

    /** A hostile body with the receiver's own type, sometimes its extra headers, sometimes chunked. */
    private FuzzCase body(int index, Random random, Hostile hostile) {
        Hostile sized = hostile.sizedFor(MAX_BODY_BYTES);
        Map<String, String> headers =
                random.nextInt(4) == 0 ? receiver.extraHeaders().apply(random) : Map.of();
        Expect expect = headers.isEmpty() ? sized.expect() : relaxed(sized.expect());
        return new FuzzCase(
                index,
                sized.kind(),
                receiver.contentType(),
                null,
                headers,
                sized.body(),
                sized.body(),
                random.nextInt(5) == 0,
                expect);
    }

    private FuzzCase tooLarge(int index, Random random) {
        byte[] body = new byte[(int) MAX_BODY_BYTES + 1 + random.nextInt(64 * 1024)];
        byte[] valid = receiver.valid();
        System.arraycopy(valid, 0, body, 0, valid.length);
        Arrays.fill(body, valid.length, body.length, (byte) ' ');
        return new FuzzCase(
                index,
                "too-large",
                receiver.contentType(),
                null,
                Map.of(),
                body,
                body,
                random.nextBoolean(),
                Expect.TOO_LARGE);
    }

    private FuzzCase contentType(int index, Random random) {
        Hostile hostile =
                random.nextBoolean() ? receiver.bodies().apply(random) : Hostile.maybe("valid", receiver.valid());
        int pick = random.nextInt(3);
        if (pick == 0 || (pick == 1 && receiver.acceptedTypes().isEmpty())) {
            String type = WRONG_TYPES.get(random.nextInt(WRONG_TYPES.size()));
            return new FuzzCase(
                    index,
                    "wrong-type",
                    type,
                    null,
                    Map.of(),
                    hostile.body(),
                    hostile.body(),
                    false,
                    Expect.UNSUPPORTED);
        }
        Hostile sized = hostile.sizedFor(MAX_BODY_BYTES);
        if (pick == 1) {
            String type = receiver.acceptedTypes()
                    .get(random.nextInt(receiver.acceptedTypes().size()));
            return new FuzzCase(
                    index,
                    "odd-type",
                    type,
                    null,
                    Map.of(),
                    sized.body(),
                    sized.body(),
                    false,
                    relaxed(sized.expect()));
        }
        Expect expect = receiver.missingTypeParsed() ? relaxed(sized.expect()) : Expect.UNSUPPORTED;
        return new FuzzCase(index, "no-type", null, null, Map.of(), sized.body(), sized.body(), false, expect);
    }

    private FuzzCase contentEncoding(int index, Random random) {
        Hostile inner =
                random.nextBoolean() ? receiver.bodies().apply(random) : Hostile.maybe("valid", receiver.valid());
        if (!receiver.inflatesGzip()) {
            String encoding =
                    random.nextBoolean() ? "gzip" : WRONG_ENCODINGS.get(random.nextInt(WRONG_ENCODINGS.size()));
            byte[] body = encoding.equals("gzip") ? gzip(inner.body()) : inner.body();
            return new FuzzCase(
                    index,
                    "encoding-" + encoding,
                    receiver.contentType(),
                    encoding,
                    Map.of(),
                    body,
                    body,
                    false,
                    Expect.UNSUPPORTED);
        }
        return switch (random.nextInt(4)) {
            case 0 -> {
                String encoding = WRONG_ENCODINGS.get(random.nextInt(WRONG_ENCODINGS.size()));
                yield new FuzzCase(
                        index,
                        "encoding-unknown",
                        receiver.contentType(),
                        encoding,
                        Map.of(),
                        inner.body(),
                        inner.body(),
                        false,
                        Expect.UNSUPPORTED);
            }
            case 1 -> {
                byte[] gzipped = gzip(inner.body());
                // inflated, a body over the wire limit is still read (up to the inflate limit)
                Expect expect = inner.body().length > MAX_INFLATED_BYTES
                        ? Expect.TOO_LARGE
                        : inner.expect() == Expect.TOO_LARGE ? Expect.INVALID_OR_VALID : inner.expect();
                yield new FuzzCase(
                        index,
                        "gzip(" + inner.kind() + ")",
                        receiver.contentType(),
                        random.nextBoolean() ? "gzip" : "x-gzip",
                        Map.of(),
                        gzipped,
                        inner.body(),
                        random.nextBoolean(),
                        expect);
            }
            case 2 -> {
                // what a cut stream inflates to stays under the inflate limit, so the answer is 400, not 413
                byte[] whole = inner.body().length > MAX_INFLATED_BYTES ? receiver.valid() : inner.body();
                byte[] broken = Mutations.truncate(random, gzip(whole));
                yield new FuzzCase(
                        index,
                        "gzip-truncated",
                        receiver.contentType(),
                        "gzip",
                        Map.of(),
                        broken,
                        broken,
                        false,
                        Expect.INVALID);
            }
            default -> new FuzzCase(
                    index,
                    "gzip-bomb",
                    receiver.contentType(),
                    "gzip",
                    Map.of(),
                    gzipBomb(),
                    gzipBomb(),
                    false,
                    Expect.TOO_LARGE);
        };
    }

    /** A case with odd headers may be parsed another way (binary mode): it may be valid whatever the body. */
    private static Expect relaxed(Expect expect) {
        return expect == Expect.INVALID ? Expect.INVALID_OR_VALID : expect;
    }

    private static byte[] gzipBomb() {
        if (gzipBomb == null) {
            byte[] spaces = new byte[(int) MAX_INFLATED_BYTES + 1024 * 1024];
            Arrays.fill(spaces, (byte) ' ');
            gzipBomb = gzip(spaces);
        }
        return gzipBomb;
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
