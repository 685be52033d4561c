package io.kubemate.streams.evidence;

import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.EvidenceKind;
import io.kubemate.core.evidence.EvidenceView;
import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.evidence.ProbableOrigin;
import io.kubemate.core.evidence.ServiceEdge;
import io.kubemate.core.evidence.ServiceGraphView;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentQuery;
import io.kubemate.core.incident.IncidentView;
import io.kubemate.core.telemetry.ChangeEvent;
import io.kubemate.core.telemetry.Clusters;
import io.kubemate.streams.evidence.OriginRanker.AlertFact;
import io.kubemate.streams.evidence.OriginRanker.ChangeFact;
import io.kubemate.streams.evidence.OriginRanker.TraceFacts;
import io.kubemate.streams.evidence.PullEvidenceSource.PulledEvidence;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles the evidence of incidents and publishes it, on its own thread (never a stream thread).
 *
 * <p>Every {@link EvidenceSettings#interval()} it looks at the incidents with the newest activity; an incident is
 * (re-)assembled when it changed, when pulled evidence arrived, or every {@link EvidenceSettings#refresh()} while
 * active. Its window is [opened − lead, resolved + 1 min or now]. Items:
 *
 * <ul>
 *   <li>{@code log-template}: per service, from {@link LogEvidenceSource} (new and surging templates first);
 *   <li>{@code span} and {@code trace-path}: from {@link TraceEvidenceSource} and pulled traces;
 *   <li>{@code change}: changes to the incident's services and their graph neighbours from {@link
 *       OriginRanker#CHANGE_LOOKBACK} before the window to its end;
 *   <li>{@code metric} and others: from {@link PullEvidenceSource}, which runs when an incident opens or gains a
 *       service.
 * </ul>
 *
 * <p>Logs, traces and changes count only when they come from a cluster the incident's alerts name (label {@code
 * cluster}, see {@link Clusters}), or name no cluster themselves.
 *
 * <p>Ids ({@code E1}, {@code E2}, ...) are given in order of first appearance and never change for the same key, also
 * across restarts (they are seeded from the evidence published before). {@code probableOrigin} comes from {@link
 * OriginRanker}. Nothing is published when nothing changed.
 */
public final class EvidenceAssembler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceAssembler.class);
    private static final int PAGE = 200;
    private static final Duration TAIL = Duration.ofMinutes(1);

    private final IncidentView incidents;
    private final EvidenceView previous;
    private final LogEvidenceSource logs;
    private final TraceEvidenceSource traces;
    private final ChangeBuffer changes;
    private final ServiceGraphView graph;
    private final PullEvidenceSource pull;
    private final Consumer<IncidentEvidence> publisher;
    private final Clock clock;
    private final EvidenceSettings settings;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;

    public EvidenceAssembler(
            IncidentView incidents,
            EvidenceView previous,
            LogEvidenceSource logs,
            TraceEvidenceSource traces,
            ChangeBuffer changes,
            ServiceGraphView graph,
            PullEvidenceSource pull,
            Consumer<IncidentEvidence> publisher,
            Clock clock,
            EvidenceSettings settings) {
        this.incidents = incidents;
        this.previous = previous;
        this.logs = logs;
        this.traces = traces;
        this.changes = changes;
        this.graph = graph;
        this.pull = pull;
        this.publisher = publisher;
        this.clock = clock;
        this.settings = settings;
    }

    /** Per incident: what was last assembled and the ids given so far. */
    private static final class State {
        final Map<String, String> ids = new LinkedHashMap<>();
        long incidentVersion = -1;
        Instant assembledAt = Instant.EPOCH;
        IncidentEvidence published;
        Set<String> pulledFor = Set.of();
        volatile PulledEvidence pulled = PulledEvidence.EMPTY;
        volatile boolean pulledChanged;
        Instant lastSeen = Instant.EPOCH;
    }

    /** Starts the assembler thread; at most once. */
    public synchronized void start() {
        if (executor != null) {
            throw new IllegalStateException("already started");
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kubemate-evidence");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.interval().toMillis();
        executor.scheduleWithFixedDelay(this::safePass, every, every, TimeUnit.MILLISECONDS);
    }

    private void safePass() {
        try {
            runPass();
        } catch (RuntimeException e) {
            LOG.warn("evidence pass failed, next one in {}: {}", settings.interval(), e.toString());
        }
    }

    /** One pass over the incidents with the newest activity. Public for tests; normally the thread calls it. */
    public void runPass() {
        Instant now = clock.instant();
        List<Incident> recent = incidents
                .list(new IncidentQuery(Optional.empty(), PAGE, Optional.empty()))
                .items();
        for (Incident summary : recent) {
            if (summary.resolvedAt() != null
                    && summary.resolvedAt().plus(settings.keepResolved()).isBefore(now)) {
                continue;
            }
            State state = states.computeIfAbsent(summary.id().value(), id -> seeded(id));
            state.lastSeen = now;
            boolean changed = summary.version() != state.incidentVersion;
            boolean due = summary.status().isActive()
                    && !state.assembledAt.plus(settings.refresh()).isAfter(now);
            if (changed || due || state.pulledChanged) {
                incidents.find(summary.id()).ifPresent(incident -> assemble(incident, state, now));
            }
        }
        // forget incidents no longer among the recent ones for a while
        states.values()
                .removeIf(state -> state.lastSeen.plus(settings.keepResolved()).isBefore(now));
    }

    private State seeded(String incidentId) {
        State state = new State();
        previous.evidence(incidentId).ifPresent(evidence -> {
            state.published = evidence;
            evidence.items().stream()
                    .sorted(Comparator.comparingInt(item -> number(item.id())))
                    .forEach(item -> state.ids.put(item.key(), item.id()));
        });
        return state;
    }

    private void assemble(Incident incident, State state, Instant now) {
        state.pulledChanged = false;
        Instant from = incident.openedAt().minus(settings.lead());
        Instant to = incident.resolvedAt() == null ? now : incident.resolvedAt().plus(TAIL);
        Instant baselineFrom = from.minus(settings.baseline());
        Set<String> services = new LinkedHashSet<>(
                incident.services().stream().limit(settings.maxServices()).toList());
        List<ServiceEdge> edges = graph.edges();
        Set<String> clusters = Clusters.fromAll(
                incident.alerts().stream().map(IncidentAlert::labels).toList());

        List<EvidenceItem> found = new ArrayList<>();
        int logBudget = settings.maxLogTemplates();
        for (String service : services) {
            if (logBudget <= 0) {
                break;
            }
            List<EvidenceItem> templates = logs.logTemplates(
                    service, clusters, from, to, baselineFrom, Math.min(settings.logTemplatesPerService(), logBudget));
            found.addAll(templates);
            logBudget -= templates.size();
        }
        TraceEvidence pushed = services.isEmpty() ? TraceEvidence.NONE : traces.traces(services, clusters, from, to);
        PulledEvidence pulled = state.pulled;
        TraceEvidence traceEvidence =
                pushed.erroringTraces() >= pulled.traces().erroringTraces() ? pushed : pulled.traces();
        found.addAll(traceEvidence.spans());
        found.addAll(traceEvidence.paths());
        List<ChangeEvent> recentChanges = changesNear(services, edges, from, to).stream()
                .filter(change -> Clusters.matches(change.cluster(), clusters))
                .toList();
        recentChanges.stream().map(EvidenceAssembler::changeItem).forEach(found::add);
        found.addAll(pulled.items());

        List<EvidenceItem> items = withIds(state, dedupe(found));
        Map<String, String> idByKey = new HashMap<>();
        items.forEach(item -> idByKey.put(item.key(), item.id()));
        List<ProbableOrigin> origin = OriginRanker.rank(new OriginRanker.Facts(
                alertFacts(incident),
                edges,
                traceFacts(traceEvidence, idByKey),
                recentChanges.stream()
                        .map(change -> new ChangeFact(
                                change.service(),
                                change.time(),
                                describe(change),
                                idByKey.getOrDefault(changeKey(change), "")))
                        .toList()));

        requestPull(incident, state, services, from, to);
        IncidentEvidence last = state.published;
        if (last == null
                || !last.items().equals(items)
                || !last.probableOrigin().equals(origin)) {
            IncidentEvidence evidence = new IncidentEvidence(
                    incident.id().value(), last == null ? 1 : last.version() + 1, now, items, origin);
            publisher.accept(evidence); // throws when not acknowledged: the next pass tries again
            state.published = evidence;
        }
        state.incidentVersion = incident.version();
        state.assembledAt = now;
    }

    private void requestPull(Incident incident, State state, Set<String> services, Instant from, Instant to) {
        if (services.isEmpty() || state.pulledFor.containsAll(services)) {
            return;
        }
        Set<String> asked = new TreeSet<>(services);
        state.pulledFor = asked;
        List<String> generatorUrls = incident.alerts().stream()
                .map(IncidentAlert::generatorUrl)
                .filter(url -> url != null && !url.isBlank())
                .distinct()
                .limit(5)
                .toList();
        pull.pull(incident.id().value(), asked, from, to, generatorUrls).whenComplete((result, error) -> {
            if (error != null) {
                LOG.debug("pulled evidence for {} failed: {}", incident.id(), error.toString());
                return;
            }
            state.pulled = result;
            state.pulledChanged = true;
        });
    }

    private List<ChangeEvent> changesNear(Set<String> services, List<ServiceEdge> edges, Instant from, Instant to) {
        Set<String> near = new LinkedHashSet<>(services);
        for (ServiceEdge edge : edges) {
            if (services.contains(edge.caller())) {
                near.add(edge.callee());
            }
            if (services.contains(edge.callee())) {
                near.add(edge.caller());
            }
        }
        Instant since = from.minus(OriginRanker.CHANGE_LOOKBACK);
        return near.stream()
                .flatMap(service -> changes.between(service, since, to).stream())
                .sorted(Comparator.comparing(ChangeEvent::time).reversed())
                .limit(settings.maxChanges())
                .sorted(Comparator.comparing(ChangeEvent::time))
                .toList();
    }

    private List<AlertFact> alertFacts(Incident incident) {
        List<AlertFact> facts = new ArrayList<>();
        for (IncidentAlert alert : incident.alerts()) {
            String service = serviceOf(alert.labels());
            if (!service.isEmpty()) {
                List<String> hosts = settings.topologyLabels().stream()
                        .map(alert.labels()::get)
                        .filter(value -> value != null && !value.isBlank())
                        .toList();
                facts.add(new AlertFact(service, alert.startsAt(), hosts));
            }
        }
        return facts;
    }

    private String serviceOf(Map<String, String> labels) {
        for (String label : settings.serviceLabels()) {
            String value = labels.get(label);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }

    private static TraceFacts traceFacts(TraceEvidence evidence, Map<String, String> idByKey) {
        String pathId = evidence.paths().isEmpty()
                ? ""
                : idByKey.getOrDefault(evidence.paths().get(0).key(), "");
        return new TraceFacts(evidence.originCounts(), evidence.erroringTraces(), pathId);
    }

    /** Gives every item its id: the one its key had before, or the next free number. */
    private static List<EvidenceItem> withIds(State state, List<EvidenceItem> items) {
        int next = state.ids.values().stream()
                        .mapToInt(EvidenceAssembler::number)
                        .max()
                        .orElse(0)
                + 1;
        List<EvidenceItem> result = new ArrayList<>();
        for (EvidenceItem item : items) {
            String id = state.ids.get(item.key());
            if (id == null) {
                id = "E" + next++;
                state.ids.put(item.key(), id);
            }
            result.add(item.withId(id));
        }
        result.sort(Comparator.comparingInt(item -> number(item.id())));
        return result;
    }

    private static List<EvidenceItem> dedupe(List<EvidenceItem> items) {
        Map<String, EvidenceItem> byKey = new LinkedHashMap<>();
        items.forEach(item -> byKey.putIfAbsent(item.key(), item));
        return List.copyOf(byKey.values());
    }

    private static int number(String id) {
        try {
            return id != null && id.startsWith("E") ? Integer.parseInt(id.substring(1)) : Integer.MAX_VALUE;
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    static String changeKey(ChangeEvent change) {
        return "change/" + change.id();
    }

    static String describe(ChangeEvent change) {
        return change.kind() + " of " + change.service() + (change.version().isEmpty() ? "" : " " + change.version());
    }

    static EvidenceItem changeItem(ChangeEvent change) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("kind", change.kind());
        attributes.put("version", change.version());
        attributes.put("author", change.author());
        attributes.put("outcome", change.outcome());
        attributes.put("url", change.url());
        attributes.values().removeIf(String::isEmpty);
        List<String> lines = change.url().isEmpty() ? List.of() : List.of(change.url());
        String by = change.author().isEmpty() ? "" : " by " + change.author();
        return new EvidenceItem(
                "",
                changeKey(change),
                EvidenceKind.CHANGE,
                change.source().isEmpty() ? "changes" : change.source(),
                change.service(),
                change.time(),
                change.time(),
                describe(change) + by + " at " + change.time(),
                lines,
                attributes);
    }

    /** Whether the incident {@code id} has been assembled since this assembler started. */
    public boolean assembled(IncidentId id) {
        State state = states.get(id.value());
        return state != null && state.incidentVersion >= 0;
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
