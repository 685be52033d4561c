package io.kubemate.webhooks.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Byte-level mutations of real captured bodies: bit flips, interesting bytes, cuts, duplications and splices. */
final class Mutations {
    /** Bytes that upset parsers: NUL, DEL, invalid UTF-8 leads and continuations, JSON structure. */
    private static final byte[] INTERESTING = {
        0x00,
        0x7f,
        (byte) 0x80,
        (byte) 0xbf,
        (byte) 0xc0,
        (byte) 0xc1,
        (byte) 0xed,
        (byte) 0xf5,
        (byte) 0xff,
        '"',
        '\\',
        '{',
        '}',
        '[',
        ']',
        ',',
        ':',
        '\n',
        '-',
        '0',
        '9',
        'e'
    };

    private Mutations() {}

    /** One to eight random mutations of {@code original}; {@code others} are spliced from. */
    static byte[] mutate(Random random, byte[] original, List<byte[]> others) {
        byte[] bytes = original.clone();
        for (int ops = 1 + random.nextInt(8); ops > 0 && bytes.length > 0; ops--) {
            bytes = switch (random.nextInt(8)) {
                case 0 -> flipBit(random, bytes);
                case 1 -> setInteresting(random, bytes);
                case 2 -> deleteRange(random, bytes);
                case 3 -> duplicateRange(random, bytes);
                case 4 -> insertRandom(random, bytes);
                case 5 -> truncate(random, bytes);
                case 6 -> splice(random, bytes, others.get(random.nextInt(others.size())));
                default -> setRandom(random, bytes);
            };
        }
        return bytes;
    }

    static byte[] truncate(Random random, byte[] bytes) {
        return Arrays.copyOf(bytes, random.nextInt(bytes.length));
    }

    private static byte[] flipBit(Random random, byte[] bytes) {
        bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        return bytes;
    }

    private static byte[] setInteresting(Random random, byte[] bytes) {
        bytes[random.nextInt(bytes.length)] = INTERESTING[random.nextInt(INTERESTING.length)];
        return bytes;
    }

    private static byte[] setRandom(Random random, byte[] bytes) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        return bytes;
    }

    private static byte[] deleteRange(Random random, byte[] bytes) {
        int from = random.nextInt(bytes.length);
        int to = Math.min(bytes.length, from + 1 + random.nextInt(32));
        return concat(Arrays.copyOfRange(bytes, 0, from), Arrays.copyOfRange(bytes, to, bytes.length));
    }

    private static byte[] duplicateRange(Random random, byte[] bytes) {
        int from = random.nextInt(bytes.length);
        int to = Math.min(bytes.length, from + 1 + random.nextInt(64));
        byte[] range = Arrays.copyOfRange(bytes, from, to);
        return concat(Arrays.copyOfRange(bytes, 0, to), range, Arrays.copyOfRange(bytes, to, bytes.length));
    }

    private static byte[] insertRandom(Random random, byte[] bytes) {
        int at = random.nextInt(bytes.length + 1);
        byte[] inserted = new byte[1 + random.nextInt(16)];
        random.nextBytes(inserted);
        return concat(Arrays.copyOfRange(bytes, 0, at), inserted, Arrays.copyOfRange(bytes, at, bytes.length));
    }

    /** The head of one body followed by the tail of another. */
    private static byte[] splice(Random random, byte[] bytes, byte[] other) {
        if (other.length == 0) {
            return bytes;
        }
        return concat(
                Arrays.copyOfRange(bytes, 0, random.nextInt(bytes.length)),
                Arrays.copyOfRange(other, random.nextInt(other.length), other.length));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
