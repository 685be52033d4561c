package io.kubemate.slack.interact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemate.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormBodyTest {
    @Test
    void decodesFieldsKeepingTheFirstOfARepeatedName() {
        assertThat(FormBody.parse(
                        "text=show+INC-1&text=list&user_name=j%C3%A9r%C3%B4me&flag".getBytes(StandardCharsets.UTF_8)))
                .containsEntry("text", "show INC-1")
                .containsEntry("user_name", "jérôme")
                .containsEntry("flag", "");
    }

    @Test
    void aBrokenPercentEscapeIsInvalidInputNotAServerError() {
        // found by SlackFuzzTest: URLDecoder's IllegalArgumentException surfaced as a 500
        for (String body : new String[] {"payload=%", "payload=%zz", "%%=1", "text=100%"}) {
            assertThatThrownBy(() -> FormBody.parse(body.getBytes(StandardCharsets.UTF_8)))
                    .as(body)
                    .isInstanceOf(InvalidInputException.class);
        }
    }
}
