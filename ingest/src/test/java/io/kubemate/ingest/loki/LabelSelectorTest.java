package io.kubemate.ingest.loki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemate.core.error.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorTest {
    @Test
    void parsesLokisSelectorString() {
        assertThat(LabelSelector.parse("{app=\"payments\",env=\"prod\",host=\"node-a\"}", "/l", 8))
                .containsExactly(Map.entry("app", "payments"), Map.entry("env", "prod"), Map.entry("host", "node-a"));
    }

    @Test
    void undoesGoEscapes() {
        String selector = "{ msg = \"say \\\"hi\\\"\\n\\tback\\\\slash \\x41\\u00e9\\U0001F600\\101\" , _x9=\"\" }";

        assertThat(LabelSelector.parse(selector, "/l", 8))
                .containsEntry("msg", "say \"hi\"\n\tback\\slash Aé\uD83D\uDE00A")
                .containsEntry("_x9", "");
    }

    @Test
    void acceptsAnEmptySelector() {
        assertThat(LabelSelector.parse("{}", "/l", 8)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "app=\"a\"",
                "{app=\"a\"",
                "{app=a}",
                "{app=\"a\" env=\"b\"}",
                "{9app=\"a\"}",
                "{app=\"a\\q\"}",
                "{app=\"a\\x4\"}",
                "{app=\"a\\U7FFFFFFF\"}",
                "{app=\"a\",app=\"b\"}",
                "{app=\"a\"} trailing",
                "{app=\"a\\777\"}",
                ""
            })
    void rejectsWhatIsNotASelector(String selector) {
        assertThatThrownBy(() -> LabelSelector.parse(selector, "/streams/0/labels", 8))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("selector")
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("/streams/0/labels");
    }

    @Test
    void rejectsTooManyLabels() {
        assertThatThrownBy(() -> LabelSelector.parse("{a=\"1\",b=\"2\",c=\"3\"}", "/l", 2))
                .hasMessageContaining("too many labels");
    }
}
