package io.kubemate.rag.embed;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An {@link Embedder} that loads its model on first use, so an instance that never embeds never pays for it (the
 * in-process MiniLM takes about a second and a few hundred MiB). Thread-safe; closing closes the model when loaded.
 */
public final class LazyEmbedder implements Embedder, AutoCloseable {
    private final String modelName;
    private final int dimension;
    private final Supplier<? extends Embedder> loader;
    private volatile Embedder loaded;

    public LazyEmbedder(String modelName, int dimension, Supplier<? extends Embedder> loader) {
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.dimension = dimension;
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String modelName() {
        return modelName;
    }

    @Override
    public float[] embed(String text) {
        return model().embed(text);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return model().embedAll(texts);
    }

    /** Whether the model has been loaded. */
    public boolean isLoaded() {
        return loaded != null;
    }

    private Embedder model() {
        Embedder model = loaded;
        if (model == null) {
            synchronized (this) {
                model = loaded;
                if (model == null) {
                    model = loader.get();
                    if (model.dimension() != dimension || !model.modelName().equals(modelName)) {
                        throw new IllegalStateException("the loaded model is " + model.modelName() + " with "
                                + model.dimension() + " dimensions, not " + modelName + " with " + dimension);
                    }
                    loaded = model;
                }
            }
        }
        return model;
    }

    @Override
    public synchronized void close() throws Exception {
        if (loaded instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
