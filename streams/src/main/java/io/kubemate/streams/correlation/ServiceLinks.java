package io.kubemate.streams.correlation;

import java.util.Set;

/** Which services call or are called by a service, as the service graph knows it now. */
@FunctionalInterface
interface ServiceLinks {
    /** No graph: no links, so only the scope rules correlate. */
    ServiceLinks NONE = service -> Set.of();

    /** The callers and callees of {@code service}; empty when unknown. */
    Set<String> neighbours(String service);

    /** A neighbour of {@code service} among {@code candidates}, or {@code null} when none is linked. */
    default String linkedAmong(String service, Iterable<String> candidates) {
        if (service == null || service.isBlank()) {
            return null;
        }
        Set<String> near = neighbours(service);
        if (near.isEmpty()) {
            return null;
        }
        for (String candidate : candidates) {
            if (near.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
