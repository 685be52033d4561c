package io.kubemate.webhooks.fuzz;

import static io.kubemate.webhooks.fuzz.Mutations.concat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Hostile protobuf built from real messages: length prefixes far beyond the body (zip-bomb-like), negative and
 * overlong varints, deep nesting of groups and of messages, floods of tiny fields, wrong wire types, invalid UTF-8 in
 * strings, and byte mutations.
 */
final class HostileProtobuf {
    private final List<byte[]> fixtures;
    /** Field numbers that lead from the request down to a recursive message (OTLP's AnyValue), outermost first. */
    private final int[] pathToRecursion;

    /**
     * @param pathToRecursion the length-delimited field numbers from the top-level message to a message that can
     *     contain itself; empty when the schema has none
     */
    HostileProtobuf(List<byte[]> fixtures, int... pathToRecursion) {
        this.fixtures = fixtures;
        this.pathToRecursion = pathToRecursion;
    }

    Hostile next(Random random) {
        byte[] fixture = fixtures.get(random.nextInt(fixtures.size()));
        return switch (random.nextInt(12)) {
            case 0, 1, 2 -> Hostile.maybe("pb-mutated", Mutations.mutate(random, fixture, fixtures));
            case 3 -> lengthBomb(random, fixture);
            case 4 -> nestedLengthBomb(random);
            case 5 -> Hostile.invalid(
                    "pb-overlong-varint", concat(new byte[] {0x0a}, repeat((byte) 0xff, 11), fixture));
            case 6 -> deepGroups(random);
            case 7 -> deepMessages(random);
            case 8 -> flood(random);
            case 9 -> wrongWireType(random, fixture);
            case 10 -> Hostile.maybe("pb-truncated", Mutations.truncate(random, fixture));
            default -> invalidUtf8String(random);
        };
    }

    /** A length-delimited field claiming 256 MiB to 4 GiB (or a negative length) where the body has a few bytes. */
    private static Hostile lengthBomb(Random random, byte[] fixture) {
        long length = random.nextBoolean() ? (1L << 28) + random.nextInt(1 << 20) : 0xffff_ffffL - random.nextInt(16);
        byte[] prefix = random.nextInt(4) == 0 ? varint(-1L) : varint(length);
        int field = 1 + random.nextInt(20);
        byte[] bomb = concat(varint((long) field << 3 | 2), prefix, new byte[] {1, 2, 3});
        return Hostile.invalid("pb-length-bomb", random.nextBoolean() ? bomb : concat(fixture, bomb));
    }

    /** A well-formed outer field whose inner field claims far more than the outer holds. */
    private static Hostile nestedLengthBomb(Random random) {
        byte[] inner = concat(new byte[] {0x0a}, varint(0x7fff_fff0L), new byte[] {0x0a, 0x00});
        byte[] outer = concat(new byte[] {0x0a}, varint(inner.length), inner);
        int levels = random.nextInt(4);
        for (int i = levels; i > 0; i--) {
            outer = concat(new byte[] {(byte) ((1 + random.nextInt(3)) << 3 | 2)}, varint(outer.length), outer);
        }
        // wrapped further, the bomb may sit in an unknown field or a string, which are skipped or kept as bytes
        return levels == 0
                ? Hostile.invalid("pb-nested-length-bomb", outer)
                : Hostile.maybe("pb-nested-length-bomb", outer);
    }

    /** Start-group tags nested 100 to 300,000 deep (what skipping unknown fields recurses on), closed or not. */
    private static Hostile deepGroups(Random random) {
        int depth = 100 + random.nextInt(random.nextBoolean() ? 1_000 : 300_000);
        int field = 1 + random.nextInt(15);
        byte start = (byte) (field << 3 | 3);
        byte end = (byte) (field << 3 | 4);
        boolean closed = random.nextBoolean();
        return Hostile.maybe(
                "pb-deep-groups-" + (closed ? "closed" : "open"),
                closed ? concat(repeat(start, depth), repeat(end, depth)) : repeat(start, depth));
    }

    /** Messages nested 101 to 100,000 deep along the schema's recursive path, or along unknown fields. */
    private Hostile deepMessages(Random random) {
        int depth = 101 + random.nextInt(random.nextBoolean() ? 1_000 : 100_000);
        int[] fields = new int[depth + pathToRecursion.length];
        for (int i = 0; i < pathToRecursion.length; i++) {
            fields[i] = pathToRecursion[i];
        }
        boolean known = pathToRecursion.length > 0 && random.nextBoolean();
        for (int i = pathToRecursion.length; i < fields.length; i++) {
            // AnyValue.array_value (5) -> ArrayValue.values (1) -> AnyValue ...
            fields[i] = known ? ((i - pathToRecursion.length) % 2 == 0 ? 5 : 1) : 1 + random.nextInt(15);
        }
        return Hostile.maybe("pb-deep-messages", nest(fields, new byte[0]));
    }

    /** Up to 500,000 tiny (empty) repeated fields: many objects out of a small body. */
    private static Hostile flood(Random random) {
        int count = 1 + random.nextInt(500_000);
        byte tag = (byte) ((1 + random.nextInt(3)) << 3 | 2);
        byte[] body = new byte[count * 2];
        for (int i = 0; i < count; i++) {
            body[2 * i] = tag;
        }
        return Hostile.maybe("pb-flood", body);
    }

    /** The fixture with its first tag's wire type changed (varint, fixed64, group end, the invalid 6 and 7). */
    private static Hostile wrongWireType(Random random, byte[] fixture) {
        byte[] bytes = fixture.clone();
        int at = random.nextInt(Math.max(1, bytes.length / 8));
        bytes[at] = (byte) ((bytes[at] & ~7) | new int[] {0, 1, 4, 5, 6, 7}[random.nextInt(6)]);
        return Hostile.maybe("pb-wrong-wire-type", bytes);
    }

    /** Strings (at any of the first fields) that are not UTF-8. */
    private static Hostile invalidUtf8String(Random random) {
        byte[] text = concat("svc".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xff, (byte) 0xc3, 0x28});
        byte[] field = concat(new byte[] {0x0a}, varint(text.length), text);
        return Hostile.maybe(
                "pb-invalid-utf8",
                random.nextBoolean() ? field : concat(new byte[] {0x0a}, varint(field.length), field));
    }

    /** Length-delimited fields {@code fields[0]} ( {@code fields[1]} ( ... ( {@code innermost} ))). */
    static byte[] nest(int[] fields, byte[] innermost) {
        // sizes from the inside out, then the prefixes from the outside in: linear, whatever the depth
        long[] sizes = new long[fields.length];
        long size = innermost.length;
        for (int i = fields.length - 1; i >= 0; i--) {
            sizes[i] = size;
            size += varint((long) fields[i] << 3 | 2).length + varint(size).length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
        for (int i = 0; i < fields.length; i++) {
            out.writeBytes(varint((long) fields[i] << 3 | 2));
            out.writeBytes(varint(sizes[i]));
        }
        out.writeBytes(innermost);
        return out.toByteArray();
    }

    static byte[] varint(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(10);
        long v = value;
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }

    static byte[] repeat(byte b, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, b);
        return bytes;
    }
}
