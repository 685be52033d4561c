package io.kubemate.slack.interact;

import io.kubemate.core.error.InvalidInputException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** An {@code application/x-www-form-urlencoded} body, decoded after its signature was checked on the raw bytes. */
final class FormBody {
    private FormBody() {}

    /**
     * @throws InvalidInputException naming the body when a percent escape is broken
     */
    static Map<String, String> parse(byte[] raw) {
        Map<String, String> fields = new HashMap<>();
        String body = new String(raw, StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    "/", "the body is not valid application/x-www-form-urlencoded: " + e.getMessage());
        }
    }
}
