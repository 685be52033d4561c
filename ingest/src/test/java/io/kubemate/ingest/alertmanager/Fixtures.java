package io.kubemate.ingest.alertmanager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The captured Alertmanager 0.25 bodies under {@code fixtures/alertmanager/}. */
final class Fixtures {
    private static final String DIR = "fixtures/alertmanager/";

    private Fixtures() {}

    static byte[] body(String name) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of every {@code *.body.json} fixture present. */
    static List<String> allBodies() {
        URL dir = Fixtures.class.getClassLoader().getResource(DIR);
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".body.json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
