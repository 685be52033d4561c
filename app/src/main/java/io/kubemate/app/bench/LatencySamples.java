package io.kubemate.app.bench;

import java.util.Arrays;

/** A growable array of latency samples in nanoseconds; one per thread, merged at the end. Not thread-safe. */
final class LatencySamples {
    private long[] samples = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    int size() {
        return size;
    }

    void addAll(LatencySamples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.samples[i]);
        }
    }

    /** A sorted copy of the samples. */
    long[] sorted() {
        long[] copy = Arrays.copyOf(samples, size);
        Arrays.sort(copy);
        return copy;
    }
}
