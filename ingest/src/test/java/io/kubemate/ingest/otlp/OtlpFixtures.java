package io.kubemate.ingest.otlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The captured OTLP bodies under {@code fixtures/otlp/}. */
final class OtlpFixtures {
    static final String NOT_OTLP = "NOT-OTLP-JSON-protobuf-JsonFormat-of-traces-payments.json";

    private OtlpFixtures() {}

    static byte[] body(String name) {
        try (InputStream in = OtlpFixtures.class.getClassLoader().getResourceAsStream("fixtures/otlp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every fixture file name. */
    static List<String> all() {
        try (Stream<Path> files = Files.list(Path.of(OtlpFixtures.class
                .getClassLoader()
                .getResource("fixtures/otlp/")
                .toURI()))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
