package io.kubemate.streams.traces;

import io.kubemate.core.telemetry.SpanKind;
import io.kubemate.core.telemetry.SpanRecord;
import java.util.Locale;
import java.util.Optional;

/**
 * Names the remote side of an outgoing call from the span's attributes, for callees that emit no spans of their own
 * (databases, caches, external APIs). The first that is set wins:
 *
 * <ol>
 *   <li>{@code peer.service}, as given;
 *   <li>{@code db.system.name} or the older {@code db.system} ({@code postgresql}, {@code redis}, ...), lower-cased;
 *   <li>{@code server.address} or the older {@code net.peer.name}: a Kubernetes service name ({@code
 *       payments.shop.svc}, {@code payments.shop.svc.cluster.local}) is cut to its first label ({@code payments}),
 *       any other host is kept whole ({@code api.stripe.com}).
 * </ol>
 *
 * <p>Only {@link SpanKind#CLIENT} and {@link SpanKind#PRODUCER} spans name a callee.
 */
public final class PeerNames {
    private PeerNames() {}

    /** The callee {@code span} calls, when it is an outgoing call whose attributes name one. */
    public static Optional<String> calleeOf(SpanRecord span) {
        if (span.kind() != SpanKind.CLIENT && span.kind() != SpanKind.PRODUCER) {
            return Optional.empty();
        }
        String peer = attribute(span, "peer.service");
        if (!peer.isEmpty()) {
            return Optional.of(peer);
        }
        String db = attribute(span, "db.system.name");
        if (db.isEmpty()) {
            db = attribute(span, "db.system");
        }
        if (!db.isEmpty()) {
            return Optional.of(db.toLowerCase(Locale.ROOT));
        }
        String host = attribute(span, "server.address");
        if (host.isEmpty()) {
            host = attribute(span, "net.peer.name");
        }
        return host.isEmpty() ? Optional.empty() : Optional.of(hostName(host.toLowerCase(Locale.ROOT)));
    }

    private static String hostName(String host) {
        int svc = host.indexOf(".svc");
        boolean kubernetes = svc > 0 && (host.endsWith(".svc") || host.startsWith(".svc.", svc));
        int dot = host.indexOf('.');
        return kubernetes && dot > 0 ? host.substring(0, dot) : host;
    }

    private static String attribute(SpanRecord span, String name) {
        String value = span.attributes().get(name);
        return value == null ? "" : value.trim();
    }
}
