package io.kubemate.webhooks.fuzz;

import static io.kubemate.webhooks.fuzz.Mutations.concat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Raw JSON values that hurt: each is spliced in place of a value of a real body. */
final class HostileValues {
    private HostileValues() {}

    static Hostile next(Random random) {
        return switch (random.nextInt(13)) {
            case 0 -> nested(random);
            case 1 -> giantString(random);
            case 2 -> invalidUtf8(random);
            case 3 -> rawControl(random);
            case 4 -> number(random);
            case 5 -> Hostile.invalid(
                    "non-json-literal",
                    ascii(pick(
                            random,
                            "NaN",
                            "Infinity",
                            "-Infinity",
                            "0x1F",
                            "01",
                            "+1",
                            ".5",
                            "1.",
                            "undefined",
                            "True",
                            "'x'",
                            "[1,]",
                            "{\"a\":1,}",
                            "{a:1}")));
            case 6 -> Hostile.maybe(
                    "wrong-type",
                    ascii(pick(
                            random,
                            "null",
                            "true",
                            "false",
                            "0",
                            "-1",
                            "1.5",
                            "\"\"",
                            "\"x\"",
                            "[]",
                            "{}",
                            "[null]",
                            "{\"\":\"\"}",
                            "[[[]]]",
                            "\"\\u0000\"",
                            "\"\\ud800\"",
                            "\"\\udfff\\ud800\"",
                            "-0.0",
                            "1e-7")));
            case 7 -> hugeArray(random);
            case 8 -> hugeObject(random);
            case 9 -> Hostile.maybe(
                    "escaped-controls",
                    ascii("\"" + "\\u0000\\u0001\\n\\t\\u001b[31m\\u202e".repeat(1 + random.nextInt(100)) + "\""));
            case 10 -> Hostile.maybe("long-key", ascii("{\"" + "k".repeat(1 + random.nextInt(200_000)) + "\":\"v\"}"));
            case 11 -> laxUtf8(random);
            default -> Hostile.maybe(
                    "odd-unicode",
                    ("\""
                                    + pick(
                                            random,
                                            "\u0000",
                                            "\uFEFF",
                                            "\u202E",
                                            "𝔘𝔫𝔦",
                                            "\u00e9\u0301",
                                            "\uFFFF",
                                            "zero\u200Bwidth")
                                    + "\"")
                            .getBytes(StandardCharsets.UTF_8));
        };
    }

    private static Hostile nested(Random random) {
        int depth = 65 + random.nextInt(random.nextBoolean() ? 100 : 200_000);
        boolean objects = random.nextBoolean();
        String open = objects ? "{\"a\":" : "[";
        String close = objects ? "}" : "]";
        boolean closed = random.nextBoolean();
        return Hostile.invalid(
                "deep-" + (closed ? "closed" : "open"),
                ascii(open.repeat(depth) + "0" + (closed ? close.repeat(depth) : "")));
    }

    /** 10 KB to 310 KB of one character, or of escapes. */
    private static Hostile giantString(Random random) {
        int length = 10_000 + random.nextInt(300_000);
        String unit = pick(random, "a", "\\u0041", "\\n", "é", "\\\"", "😀");
        int repeat = Math.max(1, length / unit.getBytes(StandardCharsets.UTF_8).length);
        return Hostile.maybe("giant-string", ("\"" + unit.repeat(repeat) + "\"").getBytes(StandardCharsets.UTF_8));
    }

    /** A string holding bytes that are not UTF-8: stray continuations, bad leads, cut sequences. */
    private static Hostile invalidUtf8(Random random) {
        byte[][] bad = {
            {(byte) 0xff},
            {(byte) 0xfe},
            {(byte) 0x80},
            {(byte) 0xbf},
            {(byte) 0xc3, 0x28},
            {(byte) 0xe2, (byte) 0x82},
            {(byte) 0xf0, (byte) 0x9f, (byte) 0x98},
            {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}
        };
        byte[] chosen = bad[random.nextInt(bad.length)];
        return Hostile.invalid("invalid-utf8", concat(ascii("\"ab"), chosen, ascii("cd\"")));
    }

    /** Overlong and surrogate encodings: Jackson may decode them, so the body may be valid. */
    private static Hostile laxUtf8(Random random) {
        byte[] chosen = random.nextBoolean()
                ? new byte[] {(byte) 0xc0, (byte) 0xaf}
                : new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80};
        return Hostile.maybe("lax-utf8", concat(ascii("\"ab"), chosen, ascii("cd\"")));
    }

    /** Unescaped control characters (NUL, BEL, ESC) inside a string. */
    private static Hostile rawControl(Random random) {
        byte control = new byte[] {0x00, 0x07, 0x1b, 0x1f, 0x0a}[random.nextInt(5)];
        return Hostile.invalid("raw-control", concat(ascii("\"a"), new byte[] {control}, ascii("b\"")));
    }

    private static Hostile number(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Hostile.invalid("number-too-long", ascii("9".repeat(1_001 + random.nextInt(100_000))));
            case 1 -> Hostile.maybe(
                    "number-huge-exponent",
                    ascii(pick(
                            random,
                            "1e999999999",
                            "-1e-999999999",
                            "1E+2147483648",
                            "1e400",
                            "4.9e-325",
                            "1.7976931348623157e309")));
            case 2 -> Hostile.maybe(
                    "number-out-of-range",
                    ascii(pick(
                            random,
                            "18446744073709551616",
                            "9223372036854775808",
                            "-9223372036854775809",
                            "2147483648",
                            "-2147483649",
                            "99999999999999999999")));
            default -> Hostile.maybe(
                    "number-edge",
                    ascii(pick(random, "0", "-0", "1e0", "0.0000001", "-1", "1.0", "1e2", "123456789012345678")));
        };
    }

    private static Hostile hugeArray(Random random) {
        int n = 1 + random.nextInt(100_000);
        String item = pick(random, "0", "null", "{}", "[]", "\"\"");
        return Hostile.maybe("huge-array", ascii("[" + (item + ",").repeat(n) + item + "]"));
    }

    private static Hostile hugeObject(Random random) {
        int n = 1 + random.nextInt(20_000);
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        return Hostile.maybe("huge-object", ascii(json.append('}').toString()));
    }

    private static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
