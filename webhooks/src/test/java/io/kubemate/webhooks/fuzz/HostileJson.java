package io.kubemate.webhooks.fuzz;

import static io.kubemate.webhooks.fuzz.Mutations.concat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Hostile JSON built from real bodies: a raw hostile value (deep nesting, a giant string, invalid UTF-8, raw NUL, an
 * out-of-range number, a huge object, a wrong type) put in place of a random value of the document, duplicate keys,
 * truncations, trailing garbage, wrong top-level values and other encodings.
 */
final class HostileJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A string value that marks where raw bytes are spliced into the serialized document. */
    private static final String MARKER = "\u0001KMFUZZ\u0001";

    private static final byte[] MARKER_JSON = "\"\\u0001KMFUZZ\\u0001\"".getBytes(StandardCharsets.US_ASCII);

    private final List<byte[]> fixtures;
    private final List<JsonNode> trees;

    HostileJson(List<byte[]> fixtures) {
        this.fixtures = fixtures;
        this.trees = fixtures.stream().map(HostileJson::tree).toList();
    }

    Hostile next(Random random) {
        int pick = random.nextInt(fixtures.size());
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> valueInPlace(random, trees.get(pick));
            case 4 -> duplicateKey(random, trees.get(pick));
            case 5 -> truncated(random, fixtures.get(pick));
            case 6 -> trailingGarbage(random, fixtures.get(pick));
            case 7 -> wholeDocument(random, fixtures.get(pick));
            case 8 -> deepDocument(random);
            default -> hugeLabelSet(random, trees.get(pick));
        };
    }

    /** A random value of a copy of {@code tree} replaced by a raw hostile value. */
    private static Hostile valueInPlace(Random random, JsonNode tree) {
        Hostile value = HostileValues.next(random);
        return new Hostile("json-" + value.kind(), splice(random, tree, value.body()), value.expect());
    }

    /** An object of the document given one key twice. */
    private static Hostile duplicateKey(Random random, JsonNode tree) {
        JsonNode copy = tree.deepCopy();
        List<ObjectNode> objects = new ArrayList<>();
        collect(copy, objects, new ArrayList<>());
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        String key = target.isEmpty() || random.nextBoolean()
                ? "dup"
                : target.fieldNames().next();
        String dup = "\"" + key + "\":" + (random.nextBoolean() ? "null" : "\"x\"");
        target.put(MARKER, 0);
        byte[] json = write(copy);
        byte[] markerKey =
                (new String(MARKER_JSON, StandardCharsets.US_ASCII) + ":0").getBytes(StandardCharsets.US_ASCII);
        byte[] raw = (dup + "," + dup).getBytes(StandardCharsets.UTF_8);
        return Hostile.invalid("json-duplicate-key", replace(json, markerKey, raw));
    }

    /** A cut that leaves more than whitespace out. */
    private static Hostile truncated(Random random, byte[] fixture) {
        int lastSignificant = fixture.length - 1;
        while (lastSignificant > 0 && Character.isWhitespace(fixture[lastSignificant])) {
            lastSignificant--;
        }
        return Hostile.invalid("json-truncated", Arrays.copyOf(fixture, random.nextInt(lastSignificant + 1)));
    }

    private static Hostile trailingGarbage(Random random, byte[] fixture) {
        String[] garbage = {"x", "{}", "[]", ",", "}", "\u0000", "1", "\"", "/* c */", "// c"};
        return Hostile.invalid(
                "json-trailing-garbage",
                concat(fixture, garbage[random.nextInt(garbage.length)].getBytes(StandardCharsets.UTF_8)));
    }

    /** The whole document replaced or re-encoded. */
    private static Hostile wholeDocument(Random random, byte[] fixture) {
        return switch (random.nextInt(9)) {
            case 0 -> Hostile.invalid("json-empty", new byte[0]);
            case 1 -> Hostile.invalid("json-whitespace", " \n\t\r ".getBytes(StandardCharsets.US_ASCII));
            case 2 -> Hostile.maybe("json-top-level", topLevel(random));
            case 3 -> Hostile.maybe(
                    "json-utf16",
                    new String(fixture, StandardCharsets.UTF_8)
                            .getBytes(random.nextBoolean() ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE));
            case 4 -> Hostile.maybe("json-bom", concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, fixture));
            case 5 -> Hostile.invalid(
                    "json-single-quotes",
                    new String(fixture, StandardCharsets.UTF_8)
                            .replace('"', '\'')
                            .getBytes(StandardCharsets.UTF_8));
            case 6 -> Hostile.invalid("json-nul-prefix", concat(new byte[] {0}, fixture));
            case 7 -> Hostile.invalid("json-comment", concat("/* hi */".getBytes(StandardCharsets.US_ASCII), fixture));
            default -> Hostile.maybe("json-mutated", Mutations.mutate(random, fixture, List.of(fixture)));
        };
    }

    private static byte[] topLevel(Random random) {
        String[] values = {"null", "[]", "{}", "\"x\"", "1", "true", "[{}]", "[null]", "-0", "1e999999"};
        return values[random.nextInt(values.length)].getBytes(StandardCharsets.US_ASCII);
    }

    /** Nothing but nesting: 65 to 500,000 levels of arrays or objects, closed or not. */
    private static Hostile deepDocument(Random random) {
        int depth = new int[] {65, 1_000, 100_000, 500_000}[random.nextInt(4)];
        boolean objects = random.nextBoolean();
        boolean closed = random.nextBoolean();
        String open = objects ? "{\"a\":" : "[";
        String close = objects ? "}" : "]";
        StringBuilder json = new StringBuilder(open.repeat(depth)).append("1");
        if (closed) {
            json.append(close.repeat(depth));
        }
        return Hostile.invalid("json-deep-" + depth, json.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** An object of the document (labels, attributes, ...) given hundreds to tens of thousands more members. */
    private static Hostile hugeLabelSet(Random random, JsonNode tree) {
        JsonNode copy = tree.deepCopy();
        List<ObjectNode> objects = new ArrayList<>();
        collect(copy, objects, new ArrayList<>());
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        int count = new int[] {65, 129, 1_000, 20_000}[random.nextInt(4)];
        for (int i = 0; i < count; i++) {
            target.put("label_" + i, "value-" + i);
        }
        return Hostile.maybe("json-huge-object-" + count, write(copy));
    }

    /** {@code raw} in place of a random value of a copy of {@code tree}. */
    static byte[] splice(Random random, JsonNode tree, byte[] raw) {
        JsonNode copy = tree.deepCopy();
        List<ContainerNode<?>> parents = new ArrayList<>();
        collect(copy, new ArrayList<>(), parents);
        ContainerNode<?> parent = parents.get(random.nextInt(parents.size()));
        if (parent instanceof ObjectNode object && !object.isEmpty()) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            object.set(names.get(random.nextInt(names.size())), TextNode.valueOf(MARKER));
        } else if (parent instanceof ArrayNode array && !array.isEmpty()) {
            array.set(random.nextInt(array.size()), TextNode.valueOf(MARKER));
        } else if (parent instanceof ArrayNode array) {
            array.add(MARKER);
        } else {
            ((ObjectNode) parent).put("x", MARKER);
        }
        return replace(write(copy), MARKER_JSON, raw);
    }

    private static void collect(JsonNode node, List<ObjectNode> objects, List<ContainerNode<?>> parents) {
        if (node instanceof ObjectNode object) {
            objects.add(object);
            parents.add(object);
        } else if (node instanceof ArrayNode array) {
            parents.add(array);
        }
        node.forEach(child -> collect(child, objects, parents));
    }

    private static byte[] replace(byte[] json, byte[] marker, byte[] raw) {
        int at = indexOf(json, marker);
        if (at < 0) {
            throw new IllegalStateException("marker not found");
        }
        return concat(Arrays.copyOfRange(json, 0, at), raw, Arrays.copyOfRange(json, at + marker.length, json.length));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static JsonNode tree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] write(JsonNode tree) {
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
