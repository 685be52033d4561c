package io.kubemate.rag.memory;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.kubemate.rag.embed.Embedder;
import java.util.List;

/** Test-only: all-MiniLM-L6-v2 int8 in process, until the real {@code MiniLmEmbedder} is merged. */
final class MiniLmTestEmbedder implements Embedder {
    static {
        // DJL's tokenizer otherwise calls home (EC2 metadata, an S3 telemetry URL) when it loads: no network in tests
        System.setProperty("OPT_OUT_TRACKING", "true");
    }

    private final AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public String modelName() {
        return "all-minilm-l6-v2-q";
    }

    @Override
    public float[] embed(String text) {
        return model.embed(text).content().vector();
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return model.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(embedding -> embedding.vector())
                .toList();
    }
}
