package io.kubemate.app.replay;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The arguments of {@code kubemate replay}. */
record ReplayOptions(
        List<Path> files,
        double speed,
        Optional<URI> target,
        Optional<String> token,
        boolean json,
        Duration quiet,
        Duration timeout) {
    static final String USAGE =
            """
            usage: kubemate replay FILE... [--speed N] [--target URL] [--token T] [--json] [--quiet S] [--timeout S]

              FILE         NDJSON recording, one {"type","at","body","incident"?,"rootCause"?} per line
                           (scenarios/README.md describes the format and the shipped scenarios)
              --speed N    replay N times faster than recorded (default 1); times inside bodies follow the same clock
              --target URL a running Kubemate (default: start one in this process on embedded Kafka, with its
                           correlation window, resolve-after and flap window divided by N)
              --token T    bearer token for the target's webhooks and API
              --json       print a machine-readable summary instead of the table (progress goes to stderr)
              --quiet S    incidents are settled after S seconds without change (default 5)
              --timeout S  wait at most S seconds for them to settle after the last record (default 120)
            """;

    ReplayOptions {
        files = List.copyOf(files);
    }

    /** @throws IllegalArgumentException with a message for the user */
    static ReplayOptions parse(List<String> args) {
        List<Path> files = new ArrayList<>();
        double speed = 1;
        Optional<URI> target = Optional.empty();
        Optional<String> token = Optional.empty();
        boolean json = false;
        Duration quiet = Duration.ofSeconds(5);
        Duration timeout = Duration.ofSeconds(120);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--speed" -> speed = positive(arg, value(args, ++i, arg));
                case "--target" -> target = Optional.of(url(value(args, ++i, arg)));
                case "--token" -> token = Optional.of(value(args, ++i, arg));
                case "--json" -> json = true;
                case "--quiet" -> quiet = seconds(arg, value(args, ++i, arg));
                case "--timeout" -> timeout = seconds(arg, value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    files.add(Path.of(arg));
                }
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("missing FILE");
        }
        return new ReplayOptions(files, speed, target, token, json, quiet, timeout);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static double positive(String option, String text) {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be a positive number, not " + text);
        }
        return value;
    }

    private static Duration seconds(String option, String text) {
        return Duration.ofMillis(Math.round(positive(option, text) * 1000));
    }

    private static URI url(String text) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
            throw new IllegalArgumentException("--target must be an http(s) URL such as http://localhost:8080");
        }
        return uri;
    }
}
