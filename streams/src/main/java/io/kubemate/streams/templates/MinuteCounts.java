package io.kubemate.streams.templates;

import java.util.Arrays;

/**
 * Lines per template within one minute: template number → count and the first and last millisecond of the minute
 * it was seen, in open-addressing arrays (no boxing on the hot path).
 */
final class MinuteCounts {
    long minute = Long.MIN_VALUE;
    private int[] keys = new int[16]; // template number + 1, 0 = empty
    private int[] counts = new int[16];
    private int[] firstMillis = new int[16];
    private int[] lastMillis = new int[16];
    private int size;

    void reset(long newMinute) {
        minute = newMinute;
        if (size > 0) {
            Arrays.fill(keys, 0);
            size = 0;
        }
    }

    void add(int template, int millisOfMinute) {
        int slot = slot(template);
        if (keys[slot] == 0) {
            keys[slot] = template + 1;
            counts[slot] = 1;
            firstMillis[slot] = millisOfMinute;
            lastMillis[slot] = millisOfMinute;
            if (++size * 2 > keys.length) {
                grow();
            }
            return;
        }
        counts[slot]++;
        firstMillis[slot] = Math.min(firstMillis[slot], millisOfMinute);
        lastMillis[slot] = Math.max(lastMillis[slot], millisOfMinute);
    }

    /** Calls {@code visitor} for each template seen in this minute. */
    void forEach(Visitor visitor) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                visitor.visit(keys[i] - 1, counts[i], firstMillis[i], lastMillis[i]);
            }
        }
    }

    interface Visitor {
        void visit(int template, int count, int firstMillis, int lastMillis);
    }

    private int slot(int template) {
        int mask = keys.length - 1;
        int slot = (template * 0x9E3779B1) >>> 8 & mask;
        while (keys[slot] != 0 && keys[slot] != template + 1) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldCounts = counts;
        int[] oldFirst = firstMillis;
        int[] oldLast = lastMillis;
        int capacity = keys.length * 2;
        keys = new int[capacity];
        counts = new int[capacity];
        firstMillis = new int[capacity];
        lastMillis = new int[capacity];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = slot(oldKeys[i] - 1);
                keys[slot] = oldKeys[i];
                counts[slot] = oldCounts[i];
                firstMillis[slot] = oldFirst[i];
                lastMillis[slot] = oldLast[i];
            }
        }
    }
}
