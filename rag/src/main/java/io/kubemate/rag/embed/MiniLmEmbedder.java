package io.kubemate.rag.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import io.kubemate.core.error.KubemateException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * all-MiniLM-L6-v2 run in process by ONNX Runtime: 384 dimensions, unit length, texts longer than 510 tokens split
 * and averaged. The int8 model ({@code all-minilm-l6-v2-q}, 23 MB, about twice as fast) is the default; the fp32 one
 * ({@code all-minilm-l6-v2}) is there for comparison. The model ships inside its jar; nothing is downloaded.
 *
 * <p>Each text runs on one core (ONNX Runtime intra-op threads = 1): {@link #embed} on the caller's thread, {@link
 * #embedAll} spread over a pool of {@code threads} workers. On a two-core machine that is the fastest way to embed in
 * bulk (notes: 340-407 texts/s int8 with two workers, against ~200/s when ONNX Runtime spreads one text over both
 * cores). Loading takes about a second. Thread-safe; {@link #close()} frees the pool and the model session.
 */
public final class MiniLmEmbedder implements Embedder, AutoCloseable {
    public static final int DIMENSION = 384;

    private final String modelName;
    private final OrtSession session;
    private final ExecutorService pool;
    private final Model model;

    private MiniLmEmbedder(boolean quantized, int threads) throws OrtException, IOException {
        String resource = quantized ? "all-minilm-l6-v2-q" : "all-minilm-l6-v2";
        this.modelName = resource;
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            this.session = environment.createSession(read(resource + ".onnx"), options);
        }
        this.pool = Executors.newFixedThreadPool(threads, daemonThreads(resource));
        try (InputStream tokenizer = stream(resource + "-tokenizer.json")) {
            this.model = new Model(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN), pool);
        } catch (IOException | RuntimeException e) {
            pool.shutdownNow();
            session.close();
            throw e;
        }
    }

    /** The int8 model, {@code threads} workers for {@link #embedAll}. */
    public static MiniLmEmbedder quantized(int threads) {
        return open(true, threads);
    }

    /** The fp32 model, {@code threads} workers for {@link #embedAll}. */
    public static MiniLmEmbedder fullPrecision(int threads) {
        return open(false, threads);
    }

    /**
     * Loads the int8 ({@code quantized}) or fp32 model.
     *
     * @throws IllegalArgumentException when threads is below 1
     * @throws KubemateException when the model cannot be loaded
     */
    public static MiniLmEmbedder open(boolean quantized, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        // DJL's tokenizer loader otherwise phones home (EC2 metadata, an S3 telemetry URL) when it loads
        System.setProperty("OPT_OUT_TRACKING", "true");
        try {
            return new MiniLmEmbedder(quantized, threads);
        } catch (OrtException | IOException e) {
            throw new KubemateException("cannot load the embedding model " + (quantized ? "int8" : "fp32"), e);
        }
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public String modelName() {
        return modelName;
    }

    /**
     * @throws IllegalArgumentException when the text is null or blank
     */
    @Override
    public float[] embed(String text) {
        return model.embed(Segments.of(text)).content().vector();
    }

    /**
     * @throws IllegalArgumentException when a text is null or blank
     */
    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = texts.stream().map(Segments::of).toList();
        return model.embedAll(segments).content().stream()
                .map(Embedding::vector)
                .toList();
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            session.close();
        } catch (OrtException e) {
            throw new KubemateException("cannot close the embedding model " + modelName, e);
        }
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = stream(resource)) {
            return in.readAllBytes();
        }
    }

    private static InputStream stream(String resource) throws IOException {
        InputStream in = MiniLmEmbedder.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("resource " + resource + " is not on the classpath");
        }
        return in;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** langchain4j's in-process model around our own session (one intra-op thread) and pool. */
    private static final class Model extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Model(OnnxBertBiEncoder encoder, ExecutorService executor) {
            super(executor);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSION;
        }
    }
}
