package io.kubemate.rag.bench;

import io.kubemate.rag.embed.UnitVectors;
import java.util.Random;

/**
 * Synthetic unit vectors as in the notes: one random unit centroid per hundred vectors, each vector its centroid plus
 * N(0, 0.08²) noise per dimension, normalised; so each vector has about a hundred close neighbours. Queries are drawn
 * the same way and are not in the index.
 */
final class ClusteredVectors {
    private static final double NOISE = 0.08;

    private final float[][] centroids;
    private final int dimension;
    private final Random random;

    ClusteredVectors(int n, int dimension, long seed) {
        this.dimension = dimension;
        this.random = new Random(seed);
        this.centroids = new float[Math.max(1, n / 100)][];
        for (int c = 0; c < centroids.length; c++) {
            float[] v = new float[dimension];
            for (int i = 0; i < dimension; i++) {
                v[i] = (float) random.nextGaussian();
            }
            centroids[c] = UnitVectors.unit(v, dimension);
        }
    }

    float[] next() {
        float[] centroid = centroids[random.nextInt(centroids.length)];
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) (centroid[i] + random.nextGaussian() * NOISE);
        }
        return UnitVectors.unit(v, dimension);
    }
}
