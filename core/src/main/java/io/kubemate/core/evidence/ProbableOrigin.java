package io.kubemate.core.evidence;

import java.util.List;
import java.util.Objects;

/**
 * One ranked candidate for where an incident started.
 *
 * @param service the service
 * @param score its score; higher is more likely (not a probability)
 * @param reasons why, in words, each naming its evidence where there is one ({@code "origin of 14 of 15 erroring
 *     traces (E3)"})
 */
public record ProbableOrigin(String service, double score, List<String> reasons) {
    public ProbableOrigin {
        Objects.requireNonNull(service, "service");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
