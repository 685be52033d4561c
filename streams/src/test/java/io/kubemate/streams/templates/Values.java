package io.kubemate.streams.templates;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/** Realistic variable values for {@link LogCorpus}, drawn from one seeded {@link Random}; time moves forward. */
final class Values {
    private static final List<String> USERS = List.of(
            "alice",
            "bob",
            "carol",
            "dave",
            "deploy",
            "admin",
            "root",
            "postgres",
            "jenkins",
            "svc_backup",
            "www-data",
            "mallory",
            "test",
            "oracle",
            "ubuntu",
            "git",
            "erin",
            "frank",
            "grafana",
            "app_rw");
    private static final List<String> HOSTS = List.of("bastion", "web", "db", "ci", "gateway", "cache", "worker-a");
    private static final List<String> NAMESPACES =
            List.of("default", "payments", "checkout", "kube-system", "monitoring", "ingress-nginx", "logging");
    private static final List<String> APPS = List.of(
            "checkout",
            "payments",
            "cart",
            "inventory",
            "frontend",
            "api-gateway",
            "redis",
            "coredns",
            "envoy",
            "fluent-bit",
            "orders",
            "shipping");
    private static final List<String> TABLES =
            List.of("orders", "users", "payments", "inventory", "sessions", "audit_log", "carts", "shipments");
    private static final List<String> DATABASES = List.of("shop", "billing", "auth", "analytics");
    private static final List<String> METHODS = List.of("GET", "GET", "GET", "POST", "PUT", "DELETE", "PATCH");
    private static final List<String> STATUSES = List.of(
            "200", "200", "200", "201", "204", "301", "304", "400", "401", "403", "404", "409", "429", "500", "502",
            "503", "504");
    private static final List<String> RESOURCES =
            List.of("orders", "carts", "users", "products", "payments", "search", "session", "checkout");
    private static final List<String> AGENTS = List.of(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile",
            "curl/8.5.0",
            "kube-probe/1.29",
            "Go-http-client/1.1",
            "python-requests/2.31.0",
            "Prometheus/2.50.1",
            "-");
    private static final List<String> WORDS = List.of(
            "alpha", "bravo", "cobalt", "delta", "ember", "falcon", "garnet", "harbor", "indigo", "juniper", "kepler",
            "lumen", "mosaic", "nectar", "orbit", "pepper", "quartz", "raven", "saffron", "tundra");
    private static final List<String> GO_ERRORS = List.of(
            "dial tcp ${ip}:${port}: connect: connection refused",
            "context deadline exceeded",
            "EOF",
            "rpc error: code = Unavailable desc = connection error: desc = \\\"transport: Error while dialing\\\"",
            "read tcp ${ip}:${port}->${ip}:${port}: read: connection reset by peer",
            "http2: server sent GOAWAY and closed the connection",
            "x509: certificate has expired or is not yet valid");
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SPACE_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SYSLOG =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter NGINX_ACCESS = DateTimeFormatter.ofPattern(
                    "dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter NGINX_ERROR =
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter KLOG =
            DateTimeFormatter.ofPattern("MMdd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC3339_NANOS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX").withZone(ZoneOffset.UTC);

    private final Random r;
    private Instant now = Instant.parse("2024-03-09T23:58:10.000Z");
    private final List<String> pods;
    private final List<String> nodes;

    Values(Random random) {
        this.r = random;
        this.pods = List.copyOf(java.util.stream.IntStream.range(0, 40)
                .mapToObj(i -> pick(APPS) + "-" + podHash(10) + "-" + podHash(5))
                .toList());
        this.nodes = List.of("worker-pool-a-" + podHash(4), "worker-pool-b-" + podHash(4), "gpu-node", "edge");
    }

    void tick() {
        now = now.plusMillis(1 + r.nextInt(r.nextInt(20) == 0 ? 60_000 : 400));
    }

    /** The pattern with every {@code ${name}} replaced by a fresh value. */
    String fill(String pattern) {
        StringBuilder sb = new StringBuilder(pattern.length() + 64);
        int i = 0;
        while (i < pattern.length()) {
            int open = pattern.indexOf("${", i);
            if (open < 0) {
                sb.append(pattern, i, pattern.length());
                break;
            }
            sb.append(pattern, i, open);
            int close = pattern.indexOf('}', open);
            sb.append(value(pattern.substring(open + 2, close)));
            i = close + 1;
        }
        return sb.toString();
    }

    private String value(String name) {
        return switch (name) {
            case "int" -> Integer.toString(r.nextInt(r.nextBoolean() ? 100 : 100_000));
            case "small" -> Integer.toString(1 + r.nextInt(9));
            case "port" -> Integer.toString(1024 + r.nextInt(64_000));
            case "pid" -> Integer.toString(100 + r.nextInt(60_000));
            case "uid" -> Integer.toString(r.nextBoolean() ? 0 : 1000 + r.nextInt(20));
            case "ms" -> Integer.toString(r.nextInt(r.nextInt(10) == 0 ? 30_000 : 300));
            case "float" -> String.format(Locale.ROOT, "%.3f", r.nextDouble() * 200);
            case "secs" -> String.format(Locale.ROOT, "%.3f", r.nextDouble() * 60);
            case "pct" -> String.format(Locale.ROOT, "%.1f", r.nextDouble() * 100);
            case "money" -> String.format(Locale.ROOT, "%.2f", r.nextDouble() * 500);
            case "godur" -> goDuration();
            case "ip" -> ip();
            case "ip6" -> String.format(Locale.ROOT, "2001:db8:%x::%x", r.nextInt(0xffff), r.nextInt(0xffff));
            case "uuid" -> new UUID(r.nextLong(), r.nextLong()).toString();
            case "hex16" -> hex(16);
            case "hex32" -> hex(32);
            case "hex64" -> hex(64);
            case "b64" -> base64(43);
            case "user" -> pick(USERS);
            case "host" -> r.nextInt(5) == 0 ? "node-" + r.nextInt(9) : pick(HOSTS);
            case "ns" -> pick(NAMESPACES);
            case "app" -> pick(APPS);
            case "pod" -> pick(pods);
            case "node" -> pick(nodes);
            case "table" -> pick(TABLES);
            case "db" -> pick(DATABASES);
            case "method" -> pick(METHODS);
            case "status" -> pick(STATUSES);
            case "path" -> path();
            case "agent" -> pick(AGENTS);
            case "word" -> pick(WORDS);
            case "goerr" -> fill(pick(GO_ERRORS));
            case "email" -> pick(USERS).replace('_', '.') + "@" + pick(List.of("example.com", "corp.example.org"));
            case "iso" -> ISO_MILLIS.format(now);
            case "spacets" -> SPACE_MILLIS.format(now);
            case "rfc3339" -> RFC3339_NANOS.format(now);
            case "syslog" -> SYSLOG.format(now);
            case "nginxts" -> NGINX_ACCESS.format(now);
            case "nginxerrts" -> NGINX_ERROR.format(now);
            case "klog" -> KLOG.format(now);
            case "epoch" -> String.format(Locale.ROOT, "%.7f", now.toEpochMilli() / 1000.0 + r.nextInt(1000) / 1e7);
            case "uptime" -> String.format(Locale.ROOT, "%d.%06d", 10_000 + r.nextInt(900_000), r.nextInt(1_000_000));
            default -> LogSystems.value(name, r, this);
        };
    }

    String pick(List<String> choices) {
        return choices.get(r.nextInt(choices.size()));
    }

    String ip() {
        return switch (r.nextInt(4)) {
            case 0 -> "192.168." + r.nextInt(4) + "." + (1 + r.nextInt(254));
            case 1 -> "203.0.113." + (1 + r.nextInt(254));
            default -> "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
        };
    }

    String hex(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(Character.forDigit(r.nextInt(16), 16));
        }
        return sb.toString();
    }

    String podHash(int n) {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789"; // the alphabet Kubernetes uses for name suffixes
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private String base64(int n) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private String goDuration() {
        return switch (r.nextInt(4)) {
            case 0 -> r.nextInt(1000) + "." + r.nextInt(1000) + "µs";
            case 1, 2 -> String.format(Locale.ROOT, "%.6fms", r.nextDouble() * 900);
            default -> String.format(Locale.ROOT, "%.3fs", r.nextDouble() * 30);
        };
    }

    private String path() {
        String base = "/api/v1/" + pick(RESOURCES);
        return switch (r.nextInt(5)) {
            case 0 -> base;
            case 1 -> base + "/" + r.nextInt(100_000);
            case 2 -> base + "/" + new UUID(r.nextLong(), r.nextLong());
            case 3 -> base + "?page=" + r.nextInt(20) + "&q=" + pick(WORDS);
            default -> pick(List.of("/healthz", "/metrics", "/", "/static/app.js", "/favicon.ico", "/login"));
        };
    }
}
