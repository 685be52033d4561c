package io.kubemate.ingest.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kubemate.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AlertmanagerWebhookParserFuzzTest {
    private final AlertmanagerWebhookParser parser = new AlertmanagerWebhookParser(Clock.systemUTC());
    private final Random random = new Random(20261125L);

    @Test
    void randomBytesOnlyEverRaiseInvalidInput() {
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            assertRejectedOrParsed(bytes);
        }
    }

    @Test
    void everyTruncationOfEveryFixtureIsRejectedWithAField() {
        for (String name : Fixtures.allBodies()) {
            byte[] full = Fixtures.body(name);
            // the body ends with "}\n": cutting the newline still leaves a complete document
            for (int length = 0; length < full.length - 1; length++) {
                byte[] cut = Arrays.copyOf(full, length);
                Throwable thrown = catchThrowable(() -> parser.parse(cut));
                assertThat(thrown).as("%s cut at %d", name, length).isInstanceOf(InvalidInputException.class);
                assertThat(((InvalidInputException) thrown).field()).startsWith("/");
            }
        }
    }

    @Test
    void randomByteFlipsOfFixturesOnlyEverRaiseInvalidInput() {
        for (String name : Fixtures.allBodies()) {
            byte[] full = Fixtures.body(name);
            for (int i = 0; i < 300; i++) {
                byte[] mutated = full.clone();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                }
                assertRejectedOrParsed(mutated);
            }
        }
    }

    @Test
    void deeplyNestedInputIsRejectedNotOverflowed() {
        byte[] deep = ("{\"version\":\"4\",\"x\":" + "[".repeat(100_000)).getBytes(StandardCharsets.UTF_8);

        assertRejectedOrParsed(deep);
        assertThat(catchThrowable(() -> parser.parse(deep))).isInstanceOf(InvalidInputException.class);
    }

    private void assertRejectedOrParsed(byte[] bytes) {
        assertThatCode(() -> {
                    try {
                        parser.parse(bytes);
                    } catch (InvalidInputException expected) {
                        assertThat(expected.field()).startsWith("/");
                        assertThat(expected.getMessage()).isNotBlank();
                    }
                })
                .as("input %s", new String(bytes, StandardCharsets.ISO_8859_1))
                .doesNotThrowAnyException();
    }
}
