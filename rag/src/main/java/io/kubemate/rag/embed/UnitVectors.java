package io.kubemate.rag.embed;

/** Scaling vectors to unit length, as the embedders and stores need them (cosine = dot product). */
public final class UnitVectors {
    private UnitVectors() {}

    /**
     * A unit-length copy of {@code v}.
     *
     * @throws IllegalArgumentException when {@code v} does not have {@code dimension} entries, is zero or not finite
     */
    public static float[] unit(float[] v, int dimension) {
        if (v == null || v.length != dimension) {
            throw new IllegalArgumentException(
                    "expected a vector of " + dimension + " dimensions, got " + (v == null ? "null" : v.length + ""));
        }
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        if (sum == 0 || !Double.isFinite(sum)) {
            throw new IllegalArgumentException("a vector must be finite and not zero");
        }
        double norm = Math.sqrt(sum);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }
}
