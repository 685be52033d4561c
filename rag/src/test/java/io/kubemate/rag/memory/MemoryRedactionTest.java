package io.kubemate.rag.memory;

import static io.kubemate.rag.memory.Incidents.alert;
import static io.kubemate.rag.memory.Incidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.incident.Incident;
import io.kubemate.rag.redact.PiiKind;
import io.kubemate.rag.redact.Pseudonymizer;
import io.kubemate.rag.store.VectorRecord;
import io.kubemate.rag.testing.RedactionCorpus;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The planted corpus ({@code redaction/}) in alert annotations, evidence and resolution notes: none of it reaches the
 * texts embedded or the records stored, with the redactor the application uses for memory (a pseudonymizer per text).
 */
class MemoryRedactionTest {
    private final List<String> embedded = new ArrayList<>();
    private final ExactVectorStore store = new ExactVectorStore(WordHashEmbedder.DIMENSION);
    /** What the application passes: a fresh pseudonymizer per incident. */
    private final java.util.function.Supplier<UnaryOperator<String>> redactors =
            () -> new Pseudonymizer(PiiKind.all())::pseudonymize;

    @Test
    void plantedSecretsAndPersonalDataNeverReachEmbeddingsOrStoredRecords() throws IOException {
        WordHashEmbedder words = new WordHashEmbedder();
        IncidentMemory memory = new IncidentMemory(
                store,
                new io.kubemate.rag.embed.Embedder() {
                    @Override
                    public int dimension() {
                        return words.dimension();
                    }

                    @Override
                    public String modelName() {
                        return words.modelName();
                    }

                    @Override
                    public float[] embed(String text) {
                        embedded.add(text);
                        return words.embed(text);
                    }
                },
                new IncidentText(redactors, 20_000),
                new MemorySettings(0.5, 3, 0),
                Clock.systemUTC());
        // the whole corpus is one incident's telemetry: its alerts, its evidence and its note
        List<String> corpus = corpus();
        List<io.kubemate.core.incident.IncidentAlert> alerts = new ArrayList<>();
        List<String> items = new ArrayList<>();
        for (String entry : corpus) {
            alerts.add(alert(Map.of("alertname", "CheckoutErrors"), Map.of("description", entry)));
            items.add("log-template|checkout|" + entry);
        }
        Incident incident = incident("planted", "Checkout failing", List.of("checkout"), alerts);
        memory.remember(incident, Incidents.evidence(incident, "checkout", items), String.join(" ", corpus));
        memory.similar(incident, Optional.empty());

        StringBuilder all = new StringBuilder(String.join("\n", embedded));
        for (String id : store.ids()) {
            VectorRecord record = store.get(id);
            all.append('\n').append(record.text()).append('\n').append(record.metadata());
        }
        assertThat(embedded).isNotEmpty();
        for (String[] planted : planted()) {
            assertThat(all.toString()).as("planted %s", planted[0]).doesNotContain(planted[1]);
        }
    }

    private static List<String> corpus() {
        return RedactionCorpus.entries();
    }

    private static List<String[]> planted() {
        return RedactionCorpus.planted();
    }
}
