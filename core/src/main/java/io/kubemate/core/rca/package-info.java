/**
 * Root-cause summaries on the wire (issue 4): the requests the streams emit when an incident opens or changes
 * materially ({@link io.kubemate.core.rca.RcaRequest}, topic {@code kubemate.rca.requests}), the summaries the workers
 * publish ({@link io.kubemate.core.rca.IncidentSummary}, compacted topic {@code kubemate.rca.results}), and their read
 * side ({@link io.kubemate.core.rca.SummaryView}).
 */
package io.kubemate.core.rca;
