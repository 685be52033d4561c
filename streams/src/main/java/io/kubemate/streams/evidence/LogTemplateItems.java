package io.kubemate.streams.evidence;

import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.EvidenceKind;
import io.kubemate.streams.templates.LogTemplateIndex;
import io.kubemate.streams.templates.LogTemplateIndex.Scope;
import io.kubemate.streams.templates.TemplateStat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code log-template} evidence items from a {@link LogTemplateIndex}: one item per template, keyed by template. */
public final class LogTemplateItems {
    private LogTemplateItems() {}

    /** A source over {@code index}; items are marked with {@code source}. */
    public static LogEvidenceSource from(LogTemplateIndex index, String source) {
        return (service, clusters, from, to, baselineFrom, max) ->
                index.excerpt(service, clusters, from, to, baselineFrom, max).stream()
                        .map(scoped -> item(scoped.scope(), scoped.stat(), source))
                        .toList();
    }

    static EvidenceItem item(Scope scope, TemplateStat stat, String source) {
        String service = scope.service();
        Map<String, String> attributes = new LinkedHashMap<>();
        if (!scope.cluster().isEmpty()) {
            attributes.put("cluster", scope.cluster());
        }
        attributes.put("templateId", stat.templateId());
        attributes.put("count", Long.toString(stat.count()));
        attributes.put("baselineCount", Long.toString(stat.baselineCount()));
        attributes.put("new", Boolean.toString(stat.newInWindow()));
        attributes.put("surgeFactor", String.format(Locale.ROOT, "%.1f", stat.surgeFactor()));
        if (!stat.severity().isEmpty()) {
            attributes.put("severity", stat.severity());
        }
        String flag = stat.newInWindow() ? "new: " : stat.isNewOrSurging() ? "surging: " : "";
        return new EvidenceItem(
                "",
                "log-template/" + service + (scope.cluster().isEmpty() ? "" : "@" + scope.cluster()) + "/"
                        + stat.templateId(),
                EvidenceKind.LOG_TEMPLATE,
                source,
                service,
                stat.firstSeen(),
                stat.lastSeen(),
                flag + stat.template() + " (" + stat.count() + "×)",
                stat.example().isEmpty() ? List.of() : List.of(stat.example()),
                attributes);
    }
}
