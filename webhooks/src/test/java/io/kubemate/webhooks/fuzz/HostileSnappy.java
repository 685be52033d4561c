package io.kubemate.webhooks.fuzz;

import static io.kubemate.webhooks.fuzz.HostileProtobuf.varint;
import static io.kubemate.webhooks.fuzz.Mutations.concat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.xerial.snappy.Snappy;

/**
 * Loki's protobuf bodies: hostile protobuf inside valid snappy, and hostile snappy itself (lengths claiming gigabytes,
 * bombs that inflate 20-fold, copies reaching before the start, the framing format instead of raw blocks, no
 * compression at all, mutated compressed bytes).
 */
final class HostileSnappy {
    /** 4 MiB of zeros: protobuf that ends at once (a valid, empty push), 20 times smaller compressed. */
    private static volatile byte[] zeroBomb;
    /** One stream with entries until 4 MiB: more than the 100,000 entries a push may hold. */
    private static volatile byte[] entryBomb;

    private final List<byte[]> compressed;
    private final HostileProtobuf protobuf;

    /** @param compressed real snappy bodies; their decompressed messages seed the protobuf generator */
    HostileSnappy(List<byte[]> compressed) {
        this.compressed = compressed;
        this.protobuf = new HostileProtobuf(
                compressed.stream().map(HostileSnappy::uncompress).toList());
    }

    Hostile next(Random random) {
        byte[] fixture = compressed.get(random.nextInt(compressed.size()));
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> {
                Hostile inner = protobuf.next(random);
                yield new Hostile("snappy(" + inner.kind() + ")", compress(inner.body()), inner.expect());
            }
            case 4 -> Hostile.maybe("snappy-mutated", Mutations.mutate(random, fixture, compressed));
            case 5 -> Hostile.invalid("snappy-length-claim", concat(varint(claim(random)), new byte[] {0, 1, 2, 3}));
            case 6 -> Hostile.invalid(
                    "snappy-bad-copy", concat(varint(64), new byte[] {(byte) 0x05, (byte) 0xff, 0x7f}));
            case 7 -> Hostile.invalid(
                    "snappy-framed",
                    concat(
                            new byte[] {(byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y'},
                            new byte[] {0x01, 0x08, 0x00, 0x00, 1, 2, 3, 4, 0x0a, 0x00}));
            case 8 -> Hostile.maybe("snappy-missing", uncompress(fixture));
            default -> bomb(random);
        };
    }

    /** A declared uncompressed length from 64 MiB + 1 to 4 GiB, or just below 64 MiB with nothing behind it. */
    private static long claim(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> 64L * 1024 * 1024 + 1;
            case 1 -> 0xffff_ffffL;
            default -> 60L * 1024 * 1024;
        };
    }

    private static Hostile bomb(Random random) {
        if (random.nextBoolean()) {
            if (zeroBomb == null) {
                zeroBomb = compress(new byte[4 * 1024 * 1024]);
            }
            return Hostile.maybe("snappy-bomb-zeros", zeroBomb);
        }
        if (entryBomb == null) {
            entryBomb = compress(entries(4 * 1024 * 1024));
        }
        return Hostile.invalid("snappy-bomb-entries", entryBomb);
    }

    /** A stream {@code {a="b"}} with 1-second entries "x" until {@code size} bytes. */
    private static byte[] entries(int size) {
        byte[] labels = concat(new byte[] {0x0a, 7}, "{a=\"b\"}".getBytes(StandardCharsets.US_ASCII));
        byte[] entry = {0x12, 0x07, 0x0a, 0x02, 0x08, 0x01, 0x12, 0x01, 'x'};
        int count = (size - labels.length) / entry.length;
        byte[] stream = new byte[labels.length + count * entry.length];
        System.arraycopy(labels, 0, stream, 0, labels.length);
        for (int i = 0; i < count; i++) {
            System.arraycopy(entry, 0, stream, labels.length + i * entry.length, entry.length);
        }
        return concat(new byte[] {0x0a}, varint(stream.length), stream);
    }

    static byte[] compress(byte[] bytes) {
        try {
            return Snappy.compress(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] uncompress(byte[] bytes) {
        try {
            return Snappy.uncompress(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
