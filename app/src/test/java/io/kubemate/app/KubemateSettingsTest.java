package io.kubemate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.app.config.KubemateConfig;
import io.kubemate.streams.CorrelationSettings;
import io.kubemate.streams.evidence.EvidenceSettings;
import io.kubemate.streams.graph.ServiceGraphSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubemateSettingsTest {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dataDir;

    /** Never loaded: the stores only ask for the dimension and the name. */
    private static final io.kubemate.rag.embed.Embedder FOUR = new io.kubemate.rag.embed.Embedder() {
        @Override
        public int dimension() {
            return 4;
        }

        @Override
        public String modelName() {
            return "ollama:tiny/model";
        }

        @Override
        public float[] embed(String text) {
            throw new AssertionError("not expected to embed");
        }
    };

    @Test
    void theMemoryIsLuceneUnderTheDataDirUnlessAMilvusUriIsSet() throws Exception {
        try (var lucene = KubemateSettings.vectorStore(KubemateConfig.load(Map.of()), dataDir, FOUR)) {
            assertThat(lucene).isInstanceOf(io.kubemate.rag.store.LuceneVectorStore.class);
        }
        assertThat(dataDir.resolve("memory").resolve("ollama_tiny_model")).isDirectory();

        // nothing listens on port 9: Milvus was chosen, and says it cannot be reached
        KubemateConfig milvus = KubemateConfig.load(Map.of("KUBEMATE_MILVUS_URI", "http://127.0.0.1:9"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KubemateSettings.vectorStore(milvus, dataDir, FOUR))
                .isInstanceOf(io.kubemate.core.error.UnavailableException.class);
    }

    @Test
    void piiKindsComeFromTheSetting() {
        assertThat(KubemateSettings.piiKinds(KubemateConfig.load(Map.of())))
                .containsExactlyInAnyOrder(
                        io.kubemate.rag.redact.PiiKind.EMAIL,
                        io.kubemate.rag.redact.PiiKind.IPV4,
                        io.kubemate.rag.redact.PiiKind.IPV6);
        assertThat(KubemateSettings.piiKinds(KubemateConfig.load(Map.of("KUBEMATE_REDACT_PII", "email"))))
                .containsExactly(io.kubemate.rag.redact.PiiKind.EMAIL);
    }

    @Test
    void theDefaultConfigurationBuildsTheComponentsDefaults() {
        KubemateConfig config = KubemateConfig.load(Map.of());

        CorrelationSettings correlation = KubemateSettings.correlationSettings(config);

        assertThat(correlation).isEqualTo(CorrelationSettings.defaults());
        assertThat(correlation.partitionBy()).containsExactly("cluster");
        assertThat(correlation.topologyLabels()).containsExactly("node");
        assertThat(KubemateSettings.evidenceSettings(config, correlation))
                .isEqualTo(EvidenceSettings.defaults(correlation.serviceLabels(), correlation.topologyLabels()));
        assertThat(KubemateSettings.serviceGraphSettings(config)).isEqualTo(ServiceGraphSettings.defaults());
    }

    @Test
    void partitionByAndTopologyLabelsReachTheCorrelationAndTheEvidence() {
        KubemateConfig config = KubemateConfig.load(Map.of(
                "KUBEMATE_GROUP_BY", "cluster,namespace",
                "KUBEMATE_PARTITION_BY", "cluster,namespace",
                "KUBEMATE_TOPOLOGY_LABELS", "node, zone"));

        CorrelationSettings correlation = KubemateSettings.correlationSettings(config);

        assertThat(correlation.partitionBy()).containsExactly("cluster", "namespace");
        assertThat(correlation.topologyLabels()).containsExactly("node", "zone");
        assertThat(KubemateSettings.evidenceSettings(config, correlation).topologyLabels())
                .containsExactly("node", "zone");
    }

    @Test
    void anEmptyPartitionByRoutesByTheWholeScopeWhenGroupingIsNotByCluster() {
        KubemateConfig config =
                KubemateConfig.load(Map.of("KUBEMATE_GROUP_BY", "team,namespace", "KUBEMATE_TOPOLOGY_LABELS", ""));

        CorrelationSettings correlation = KubemateSettings.correlationSettings(config);

        assertThat(correlation.partitionBy()).containsExactly("team", "namespace");
        assertThat(correlation.topologyLabels()).isEmpty();
        assertThat(KubemateSettings.evidenceSettings(config, correlation).topologyLabels())
                .isEmpty();
    }

    @Test
    void evidenceLeadAndBaselineReachTheEvidenceSettings() {
        KubemateConfig config =
                KubemateConfig.load(Map.of("KUBEMATE_EVIDENCE_LEAD", "10m", "KUBEMATE_EVIDENCE_BASELINE", "1h"));

        EvidenceSettings evidence =
                KubemateSettings.evidenceSettings(config, KubemateSettings.correlationSettings(config));

        assertThat(evidence.lead()).isEqualTo(Duration.ofMinutes(10));
        assertThat(evidence.baseline()).isEqualTo(Duration.ofHours(1));
        assertThat(evidence.serviceLabels()).isEqualTo(List.of("service", "app", "app.kubernetes.io/name"));
    }

    @Test
    void theServiceGraphWindowIsCutIntoTenSlicesAndEdgesExpireAsConfigured() {
        KubemateConfig config = KubemateConfig.load(
                Map.of("KUBEMATE_SERVICE_GRAPH_WINDOW", "15s", "KUBEMATE_SERVICE_GRAPH_EXPIRE_AFTER", "1h"));

        ServiceGraphSettings graph = KubemateSettings.serviceGraphSettings(config);

        assertThat(graph.window()).isEqualTo(Duration.ofSeconds(15));
        assertThat(graph.slice()).isEqualTo(Duration.ofMillis(1500));
        assertThat(graph.expireAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(graph.publishInterval())
                .isEqualTo(ServiceGraphSettings.defaults().publishInterval());
    }
}
