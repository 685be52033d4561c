package io.kubemate.core.incident;

import java.util.List;
import java.util.Optional;

/** One page of incidents and the cursor of the next page, empty on the last page. */
public record IncidentPage(List<Incident> items, Optional<String> nextCursor) {
    public IncidentPage {
        items = List.copyOf(items);
    }
}
