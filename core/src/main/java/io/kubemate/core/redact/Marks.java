package io.kubemate.core.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * A {@link Mask} that remembers every secret it masks and writes a numbered marker ({@code [REDACTED:<kind>}, a
 * private-use character, its number, another private-use character), so that once all passes are done each marker
 * can be swapped for a replacement chosen by the caller. The markers start like the default label, so later passes
 * skip them as they skip labels; they hold no character the passes stop at, so a later pass that takes a wider span
 * takes whole markers, which are undone inside the secret it hands over. One instance per text; not thread-safe.
 */
final class Marks implements Mask {
    private static final String OPEN = "[REDACTED:";
    private static final char NUMBER = '\uE000';
    private static final char CLOSE = '\uE001';

    private final List<String> kinds = new ArrayList<>();
    private final List<String> secrets = new ArrayList<>();

    @Override
    public String apply(String kind, String secret) {
        kinds.add(kind);
        secrets.add(secret);
        return OPEN + kind + NUMBER + (kinds.size() - 1) + CLOSE;
    }

    /** {@code marked} with each marker replaced by {@code replacement.apply(kind, original secret)}. */
    String resolve(String marked, BiFunction<String, String, String> replacement) {
        return swap(marked, index -> replacement.apply(kinds.get(index), original(index)));
    }

    /** The secret behind marker {@code index}, with any marker inside it (a later pass took a wider span) undone. */
    private String original(int index) {
        return swap(secrets.get(index), this::original);
    }

    private String swap(String text, IntFunction<String> replacement) {
        if (kinds.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int last = 0;
        int open = text.indexOf(OPEN);
        while (open >= 0) {
            int number = text.indexOf(NUMBER, open + OPEN.length());
            int end = number + 1;
            while (number > 0 && end < text.length() && Character.isDigit(text.charAt(end))) {
                end++;
            }
            boolean closed = end < text.length() && text.charAt(end) == CLOSE;
            int index = !closed || end == number + 1 ? -1 : parse(text.substring(number + 1, end));
            if (index < 0 || index >= kinds.size() || !isKind(text, open + OPEN.length(), number)) {
                open = text.indexOf(OPEN, open + 1);
                continue;
            }
            sb.append(text, last, open).append(replacement.apply(index));
            last = end + 1;
            open = text.indexOf(OPEN, last);
        }
        return sb.append(text, last, text.length()).toString();
    }

    private static boolean isKind(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-') {
                return false;
            }
        }
        return to > from;
    }

    private static int parse(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
