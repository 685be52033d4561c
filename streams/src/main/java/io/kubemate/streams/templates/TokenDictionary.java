package io.kubemate.streams.templates;

import java.util.Arrays;

/**
 * Interns (masked) tokens as small integers so that templates are {@code int[]} and comparing a line with a template
 * compares integers. Looks up straight from a {@code char[]} range, so matching a known line allocates nothing. Holds
 * at most {@code maxTokens} distinct tokens; once full, {@link #intern} answers {@link #FULL}.
 */
final class TokenDictionary {
    /** What {@link #find} answers for a token it does not hold. */
    static final int ABSENT = -1;

    /** What {@link #intern} answers when the dictionary is full. */
    static final int FULL = -2;

    /** The id of {@code <*>}, interned first. */
    static final int WILDCARD = 0;

    static final String WILDCARD_TEXT = "<*>";

    private final int maxTokens;
    private int[] slots; // id + 1, 0 = empty
    private int[] hashes = new int[64];
    private char[][] chars = new char[64][];
    private String[] texts = new String[64];
    private boolean[] variable = new boolean[64];
    private int size;

    TokenDictionary(int maxTokens) {
        this.maxTokens = maxTokens;
        this.slots = new int[128];
        char[] wildcard = WILDCARD_TEXT.toCharArray();
        intern(wildcard, 0, wildcard.length, hash(wildcard, 0, wildcard.length));
    }

    static int hash(char[] buf, int off, int len) {
        int h = 0;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + buf[i];
        }
        return h;
    }

    /** The id of the token, or {@link #ABSENT}. */
    int find(char[] buf, int off, int len, int hash) {
        int mask = slots.length - 1;
        for (int slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (entry == 0) {
                return ABSENT;
            }
            int id = entry - 1;
            if (hashes[id] == hash && equal(chars[id], buf, off, len)) {
                return id;
            }
        }
    }

    /** The id of the token, added when absent; {@link #FULL} when absent and there is no room. */
    int intern(char[] buf, int off, int len, int hash) {
        int found = find(buf, off, len, hash);
        if (found != ABSENT) {
            return found;
        }
        if (size >= maxTokens) {
            return FULL;
        }
        if (size == hashes.length) {
            int capacity = size * 2;
            hashes = Arrays.copyOf(hashes, capacity);
            chars = Arrays.copyOf(chars, capacity);
            texts = Arrays.copyOf(texts, capacity);
            variable = Arrays.copyOf(variable, capacity);
        }
        int id = size++;
        hashes[id] = hash;
        chars[id] = Arrays.copyOfRange(buf, off, off + len);
        texts[id] = new String(chars[id]);
        variable[id] = texts[id].contains(WILDCARD_TEXT);
        if (size * 2 > slots.length) {
            rehash(slots.length * 2);
        } else {
            place(id);
        }
        return id;
    }

    /** Interns a string (used off the hot path). */
    int intern(String text) {
        char[] buf = text.toCharArray();
        return intern(buf, 0, buf.length, hash(buf, 0, buf.length));
    }

    String text(int id) {
        return texts[id];
    }

    char[] chars(int id) {
        return chars[id];
    }

    /** Whether the token holds a {@code <*>} (a masked or generalised token). */
    boolean isVariable(int id) {
        return id >= 0 && variable[id];
    }

    int size() {
        return size;
    }

    private void rehash(int capacity) {
        slots = new int[capacity];
        for (int id = 0; id < size; id++) {
            place(id);
        }
    }

    private void place(int id) {
        int mask = slots.length - 1;
        int slot = mix(hashes[id]) & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = id + 1;
    }

    private static int mix(int h) {
        return h ^ (h >>> 16) ^ (h >>> 7);
    }

    private static boolean equal(char[] a, char[] buf, int off, int len) {
        if (a.length != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (a[i] != buf[off + i]) {
                return false;
            }
        }
        return true;
    }
}
